"""Danish full-text search of the catalogue: GIN indexes on PostgreSQL, FTS5 tables on SQLite.

As the ideas' (ideas/migrations/0002_full_text_search.py); samskab.catalogue.search
fills and queries them.
"""

from django.db import migrations

POSTGRESQL = (
    [
        "CREATE INDEX catalogueentry_search_gin ON catalogue_catalogueentry"
        " USING GIN (search_vector)",
        "CREATE INDEX externalentry_search_gin ON catalogue_externalentry"
        " USING GIN (search_vector)",
    ],
    [
        "DROP INDEX IF EXISTS catalogueentry_search_gin",
        "DROP INDEX IF EXISTS externalentry_search_gin",
    ],
)
# rowid is the row's id; title and body hold stemmed words separated by spaces.
SQLITE = (
    [
        "CREATE VIRTUAL TABLE catalogue_entry_fts USING fts5(title, body, tokenize = 'ascii')",
        "CREATE VIRTUAL TABLE catalogue_externalentry_fts"
        " USING fts5(title, body, tokenize = 'ascii')",
    ],
    [
        "DROP TABLE IF EXISTS catalogue_entry_fts",
        "DROP TABLE IF EXISTS catalogue_externalentry_fts",
    ],
)


def _run(schema_editor, which: int) -> None:
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    for statement in statements[which] if statements else ():
        schema_editor.execute(statement)


def create_search_index(apps, schema_editor):
    _run(schema_editor, 0)


def drop_search_index(apps, schema_editor):
    _run(schema_editor, 1)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_catalogue_subscriptions_and_try_here"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
