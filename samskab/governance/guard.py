"""Decisions are append-only in the database too (DESIGN rule 10).

Triggers refuse any UPDATE or DELETE of a decision and of the assessments it
rested on, whatever the code that tries: a queryset's ``update()`` or
``delete()``, the admin, a shell, another program on the same database. Only a
new row is possible. Both refusals surface as Django's ``IntegrityError``.

``manage.py flush`` empties the whole database and so the decisions as well:
on SQLite, where its DELETE statements would fire the triggers, the triggers
step aside for it (samskab/governance/management/commands/flush.py).
PostgreSQL's flush truncates, which row triggers do not see.
"""

MESSAGE = "A decision is never changed or deleted; record a new decision that corrects it."
TABLES = ("governance_decision", "governance_decision_assessments")

_SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS {table}_no_{action}
        BEFORE {action.upper()} ON {table}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
    for table in TABLES
    for action in ("update", "delete")
]
_SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {table}_no_{action}"
    for table in TABLES
    for action in ("update", "delete")
]

_POSTGRES_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION governance_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
        END $$""",
    *(
        f"""CREATE TRIGGER {table}_append_only
            BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION governance_append_only()"""
        for table in TABLES
    ),
]
_POSTGRES_REMOVE = [
    *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS governance_append_only()",
]

_SQL = {
    "sqlite": (_SQLITE_INSTALL, _SQLITE_REMOVE),
    "postgresql": (_POSTGRES_INSTALL, _POSTGRES_REMOVE),
}


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection) -> None:
    """Put the triggers in place on this connection's database (SQLite and PostgreSQL)."""
    if connection.vendor in _SQL:
        _run(connection, _SQL[connection.vendor][0])


def remove(connection) -> None:
    if connection.vendor in _SQL:
        _run(connection, _SQL[connection.vendor][1])


def installed(connection) -> bool:
    """Whether the triggers guard the decision table (for checks and tests)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLES[0]],
            )
            return cursor.fetchone()[0] == 2
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLES[0]],
            )
            return cursor.fetchone()[0] == 1
    return False
