"""Personas for tests: one user per role of DESIGN §5, each with a person record; handmade files.

anonymous            not logged in
borger               a citizen
medarbejder          an employee
omraadeleder         an area manager
innovationsenhed     innovation unit staff
innovationschef      the innovation chief
direktion            a member of the executive board
chefforum            a member of the heads' forum
opgaveudvalg         a member of the task committee
kommunalbestyrelse   a member of the municipal council
oekonomi             finance staff (økonomi): the unit's budget, funding and business cases
administrator        an administrator (superuser, may use the admin)
"""

import importlib
import io
import zipfile
from xml.sax.saxutils import escape

from django.apps import apps as django_apps
from django.contrib.auth.models import Group

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.organisation.models import OrgUnit, Person

PERSONAS = ("anonymous", *roles.ALL)

_EXTRA_GROUPS = {
    roles.OMRAADELEDER: (roles.MEDARBEJDER,),
    roles.INNOVATIONSENHED: (roles.MEDARBEJDER,),
    roles.INNOVATIONSCHEF: (roles.MEDARBEJDER, roles.INNOVATIONSENHED),
    roles.DIREKTION: (roles.MEDARBEJDER,),
    roles.CHEFFORUM: (roles.MEDARBEJDER,),
    roles.OEKONOMI: (roles.MEDARBEJDER,),
    roles.ADMINISTRATOR: (roles.MEDARBEJDER,),
}


def make_persona(role: str, *, unit: OrgUnit | None = None) -> User:
    """A user holding ``role`` (one of roles.ALL), with a person record of the fitting kind."""
    user = User.objects.create_user(
        username=f"persona-{role}",
        email=f"{role}@persona.samskab.test",
        password="persona-password",
        is_superuser=role == roles.ADMINISTRATOR,
        is_staff=role == roles.ADMINISTRATOR,
    )
    user.groups.set(Group.objects.filter(name__in=(role, *_EXTRA_GROUPS.get(role, ()))))
    if role == roles.BORGER:
        kind = Person.Kind.CITIZEN
    elif role in roles.POLITICAL_ROLES:
        kind = Person.Kind.POLITICIAN
    else:
        kind = Person.Kind.EMPLOYEE
    Person.objects.create(
        user=user,
        kind=kind,
        name=f"Persona {role}",
        email=user.email,
        org_unit=unit if kind == Person.Kind.EMPLOYEE else None,
    )
    return user


# Spreadsheets ---------------------------------------------------------------------

_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        "</Relationships>"
    ),
}


def handmade_xlsx(rows, *, dimension: str = "") -> bytes:
    """An Excel workbook written part by part, its one sheet streamed from ``rows``.

    ``rows`` yields the XML of the sheet's rows as bytes (``<row><c>…</c></row>``),
    so that a test can make a sheet of a million cells that stays a few kilobytes
    compressed and never exists whole in memory. ``dimension`` is the range the
    sheet declares, e.g. ``A1:ZZ2``.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            for chunk in rows:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def inline_row(number: int, *values: str) -> bytes:
    """One row of a handmade sheet, its cells inline strings from column A on."""
    cells = "".join(f'<c t="inlineStr"><is><t>{escape(value)}</t></is></c>' for value in values)
    return f'<row r="{number}">{cells}</row>'.encode()


# Data migrations whose rows the application needs. Their functions are idempotent.
DATA_MIGRATIONS = [
    ("samskab.accounts.migrations.0002_create_role_groups", "create_groups"),
    ("samskab.accounts.migrations.0003_finance_role_group", "create_group"),
    ("samskab.organisation.migrations.0002_seed_competencies", "seed"),
    ("samskab.portfolio.migrations.0002_default_criteria_checklists_and_lock", "create"),
    ("samskab.portfolio.migrations.0004_exit_criteria_by_code_without_rules", "forward"),
    ("samskab.governance.migrations.0003_create_forums", "create"),
    ("samskab.spread.migrations.0002_retire_scaling_plan_checklist_item", "forward"),
]


def restore_data_migrations() -> None:
    """Put back what data migrations wrote, which a transactional test's flush removes.

    Django's serialized rollback would do this, but it fails once a flush has let
    post_migrate re-create content types under new ids (and Playwright's event loop
    gives browser tests another connection than the one it was saved on).
    """
    for module, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(module), function)(django_apps, None)


# A database's rows, put back quickly ------------------------------------------------


class DatabaseSnapshot:
    """Every row of the test database, taken once and put back in a fraction of a second.

    Browser tests run against a live server, so each one starts from an emptied
    database; loading the demo data again for each costs seconds, putting back a
    snapshot of it a fraction of one. SQLite copies the whole database with its backup
    API; PostgreSQL empties every table and copies the rows back in binary form, in one
    transaction (foreign keys are checked at its end, so the order does not matter).
    Sequences are left where they are: new rows get new ids, as after any flush.
    """

    def __init__(self, connection):
        self.connection = connection
        self.copy = None

    def take(self) -> None:
        connection = self.connection
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            import sqlite3

            self.copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self.copy)
        elif connection.vendor == "postgresql":
            with connection.connection.cursor() as cursor:
                cursor.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                )
                tables = [row[0] for row in cursor.fetchall()]
                self.copy = {}
                for table in tables:
                    with cursor.copy(f'COPY "{table}" TO STDOUT (FORMAT BINARY)') as copy:
                        self.copy[table] = b"".join(bytes(block) for block in copy)
        else:  # pragma: no cover - Samskab runs on SQLite and PostgreSQL
            raise NotImplementedError(connection.vendor)

    def restore(self) -> None:
        from django.db import transaction

        connection = self.connection
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.copy.backup(connection.connection)
            return
        from samskab.governance.management.commands.flush import (
            delete_all_rows,
            may_set_aside_triggers,
        )

        tables = list(self.copy)
        with transaction.atomic(using=connection.alias):
            if may_set_aside_triggers(connection):
                # The rows were consistent when taken: neither the foreign keys' triggers
                # nor the decisions' guard need see them again, row by row (the setting
                # holds to the end of the transaction).
                delete_all_rows(connection, tables)
            else:
                with connection.cursor() as cursor:
                    cursor.execute("TRUNCATE " + ", ".join(f'"{table}"' for table in tables))
            with connection.connection.cursor() as cursor:
                for table, data in self.copy.items():
                    with cursor.copy(f'COPY "{table}" FROM STDIN (FORMAT BINARY)') as copy:
                        copy.write(data)
