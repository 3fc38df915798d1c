"""Django's flush, which also empties the append-only decision table.

On SQLite flush deletes row by row, which the decisions' triggers refuse, so
they are removed for the flush and put back after it (samskab/governance/guard.py).
The cache is emptied too: the page parts in it (core.fragments) showed data that is gone.
"""

from django.core.cache import cache
from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from samskab.governance import guard


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        stepped_aside = connection.vendor == "sqlite" and guard.installed(connection)
        if stepped_aside:
            guard.remove(connection)
        try:
            return super().handle(**options)
        finally:
            if stepped_aside:
                guard.install(connection)
            cache.clear()
