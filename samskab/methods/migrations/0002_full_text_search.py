"""Danish full-text search of the method library: a GIN index on PostgreSQL, an FTS5 table on
SQLite.

As the catalogue's (catalogue/migrations/0002_full_text_search.py); samskab.methods.search
fills and queries them.
"""

from django.db import migrations

POSTGRESQL = (
    ["CREATE INDEX method_search_gin ON methods_method USING GIN (search_vector)"],
    ["DROP INDEX IF EXISTS method_search_gin"],
)
# rowid is the card's id; title and body hold stemmed words separated by spaces.
SQLITE = (
    ["CREATE VIRTUAL TABLE methods_method_fts USING fts5(title, body, tokenize = 'ascii')"],
    ["DROP TABLE IF EXISTS methods_method_fts"],
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
        ("methods", "0001_method_library_glossary_and_uses"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
