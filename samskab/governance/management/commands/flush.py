"""Django's flush, which also empties the append-only decision table.

On SQLite flush deletes row by row, which the decisions' triggers refuse, so
they are removed for the flush and put back after it (samskab/governance/guard.py).
On PostgreSQL a flush without questions (as each transactional test ends with) deletes
the rows with the triggers set aside for the transaction, where the database lets it
(``core.testing.replication_role_settable``): TRUNCATE, Django's way, makes new files for
every table and costs seconds on a database of a hundred tables, DELETE of a few rows
next to nothing. Asked interactively, or to reset the sequences, it truncates as Django does.
The cache is emptied too: the page parts in it (core.fragments) showed data that is gone.
"""

from django.core.cache import cache
from django.core.management.commands import flush
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, connections

from samskab.governance import guard


def may_set_aside_triggers(connection) -> bool:
    """Whether this PostgreSQL session may set ``session_replication_role`` (a superuser)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        return cursor.fetchone()[0]


def delete_all_rows(connection, tables) -> None:
    """Empty ``tables`` with DELETE in one transaction, triggers and foreign keys aside."""
    quote = connection.ops.quote_name
    connection.ops.execute_sql_flush(
        [
            "SET LOCAL session_replication_role = replica",
            *(f"DELETE FROM {quote(table)}" for table in tables),  # noqa: S608 - the tables Django knows, quoted
        ]
    )


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        try:
            if (
                connection.vendor == "postgresql"
                and not options.get("interactive", True)
                and not options.get("reset_sequences", True)
                and may_set_aside_triggers(connection)
            ):
                tables = connection.introspection.django_table_names(
                    only_existing=True, include_views=False
                )
                delete_all_rows(connection, tables)
                if tables and not options.get("inhibit_post_migrate", False):
                    emit_post_migrate_signal(options.get("verbosity", 1), False, connection.alias)
                return
            stepped_aside = connection.vendor == "sqlite" and guard.installed(connection)
            if stepped_aside:
                guard.remove(connection)
            try:
                return super().handle(**options)
            finally:
                if stepped_aside:
                    guard.install(connection)
        finally:
            cache.clear()
