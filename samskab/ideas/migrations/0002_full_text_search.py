"""Danish full-text search: a GIN index on PostgreSQL, an FTS5 table on SQLite.

Neither is a model field, so Django's autodetector doesn't know about them; each
backend skips the other's half. samskab.ideas.search fills and queries them.
"""

from django.db import migrations

POSTGRESQL = (
    "CREATE INDEX idea_search_vector_gin ON ideas_idea USING GIN (search_vector)",
    "DROP INDEX IF EXISTS idea_search_vector_gin",
)
# rowid is the idea's id; title and body hold stemmed words separated by spaces, so the
# ascii tokenizer (every non-ASCII character is part of a word) keeps each one whole.
SQLITE = (
    "CREATE VIRTUAL TABLE ideas_idea_fts USING fts5(title, body, tokenize = 'ascii')",
    "DROP TABLE IF EXISTS ideas_idea_fts",
)


def create_search_index(apps, schema_editor):
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if statements:
        schema_editor.execute(statements[0])


def drop_search_index(apps, schema_editor):
    statements = {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    if statements:
        schema_editor.execute(statements[1])


class Migration(migrations.Migration):
    dependencies = [
        ("ideas", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
