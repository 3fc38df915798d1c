"""The organisation as OS2mo has it, written through the same planning and writing as a file.

OS2mo's units and employees become a table of units and a table of employees, keyed
on OS2mo's UUIDs, and go through ``plan_units``, ``plan_employees`` and the writing
of ``import_tables``: the same checks, all or nothing, the same report. Beyond what
a file does, the sync

- ends the employees OS2mo no longer has (an engagement ended, or the person gone):
  ``Person.ended_on`` is set and their account no longer logs in; they are never
  deleted. Only people keyed on a UUID are ended, so people imported from a file
  with the HR system's own ids are left alone. Someone ended who has an engagement
  again is taken back;
- records each unit's manager (``OrgUnit.manager``), when the manager is one of
  the employees; a vacant position, or one held by someone without an engagement,
  is none.

Units OS2mo no longer has are left as they are: tasks, ideas and people refer to them.
"""

import uuid
from collections.abc import Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import OrgUnit, Person
from ..os2mo import Snapshot
from .planning import CHUNK, State, field_label
from .reading import Table, map_columns
from .report import (
    Action,
    FieldChange,
    FileReport,
    ImportKind,
    ImportReport,
    RowError,
    RowResult,
)
from .writing import import_tables


def import_os2mo(*, snapshot: Snapshot, dry_run: bool = False) -> ImportReport:
    """Mirror OS2mo's snapshot in Samskab, all or nothing; with ``dry_run`` only the report."""
    report = ImportReport(dry_run=dry_run)
    units = sorted(snapshot.units, key=lambda unit: unit.uuid)
    employees = sorted(snapshot.employees, key=lambda employee: employee.uuid)
    unit_table = Table(
        headers=["unit_id", "parent_id", "name"],
        rows=[
            (number, [unit.uuid, unit.parent_uuid, unit.name])
            for number, unit in enumerate(units, start=1)
        ],
    )
    employee_table = Table(
        headers=["employee_id", "name", "email", "unit_id", "title"],
        rows=[
            (number, [e.uuid, e.name, e.email, e.unit_uuid, e.title])
            for number, e in enumerate(employees, start=1)
        ],
    )
    tables = []
    for name, kind, table in (
        (_("OS2mo: units"), ImportKind.UNITS, unit_table),
        (_("OS2mo: employees"), ImportKind.EMPLOYEES, employee_table),
    ):
        file_report = FileReport(name=name)
        report.files.append(file_report)
        columns = map_columns(table.headers, expected=kind, report=file_report)
        tables.append((table, columns, file_report))
    units_report, employees_report = report.files

    def plan_more(state: State) -> None:
        present = {employee.uuid: employee for employee in employees}
        _plan_leavers(state, present=present, report=employees_report)
        _plan_managers(
            state,
            managers={
                unit.uuid: person
                for unit in units
                if (person := snapshot.managers.get(unit.uuid, "")) in present
            },
            unit_ids=[unit.uuid for unit in units],
            names={ext: employee.name for ext, employee in present.items()},
            report=units_report,
        )

    import_tables(tables=tables, report=report, plan_more=plan_more)
    # Row numbers mean nothing in OS2mo: each error names the unit or person instead.
    for file_report, table in zip(report.files, (unit_table, employee_table), strict=True):
        named = {
            number: f"{cells[2 if table is unit_table else 1]} ({cells[0]})"
            for number, cells in table.rows
        }
        file_report.errors = [
            RowError(None, f"{named[error.row]}: {error.message}" if error.row else error.message)
            for error in file_report.errors
        ]
    return report


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _mark_changed(row: RowResult, change: FieldChange) -> None:
    row.changes.append(change)
    if row.action == Action.UNCHANGED:
        row.action = Action.UPDATE


def _plan_leavers(state: State, *, present: dict, report: FileReport) -> None:
    label = field_label(Person, "ended_on")
    today = timezone.localdate()
    employed = Person.objects.filter(kind=Person.Kind.EMPLOYEE, ended_on__isnull=True).exclude(
        external_id=""
    )
    for person in employed.only("pk", "name", "external_id").order_by("name", "pk"):
        if person.external_id in present or not _is_uuid(person.external_id):
            continue
        state.ended_people.append(person)
        report.rows.append(
            RowResult(
                row=0,
                external_id=person.external_id,
                name=person.name,
                action=Action.ENDED,
                changes=[FieldChange(label, "", formats.date_format(today, "SHORT_DATE_FORMAT"))],
            )
        )
    rows = {row.external_id: row for row in report.rows}
    for chunk in _chunks(list(present)):
        back = Person.objects.filter(external_id__in=chunk, ended_on__isnull=False)
        for person in back.only("pk", "external_id", "ended_on"):
            state.returned_people.append(person)
            old = formats.date_format(person.ended_on, "SHORT_DATE_FORMAT")
            _mark_changed(rows[person.external_id], FieldChange(label, old, ""))


def _plan_managers(
    state: State,
    *,
    managers: dict[str, str],
    unit_ids: list[str],
    names: dict[str, str],
    report: FileReport,
) -> None:
    current_ids = {unit.manager_id for unit in state.units.values() if unit.manager_id is not None}
    current = {
        pk: (external_id, name)
        for pk, external_id, name in Person.objects.filter(pk__in=current_ids).values_list(
            "pk", "external_id", "name"
        )
    }
    label = field_label(OrgUnit, "manager")
    rows = {row.external_id: row for row in report.rows}
    for unit_id in unit_ids:
        if unit_id not in rows:
            continue  # the row was refused; the report says why
        wanted = managers.get(unit_id, "")
        existing = state.units_by_ext.get(unit_id)
        old_ext, old_name = "", ""
        if existing is not None and existing.manager_id is not None:
            old_ext, old_name = current.get(existing.manager_id, ("", ""))
            if not old_ext:
                old_ext = f"pk:{existing.manager_id}"  # a manager set by hand: replaced
        if wanted == old_ext:
            continue
        state.unit_managers[unit_id] = wanted
        _mark_changed(rows[unit_id], FieldChange(label, old_name, names.get(wanted, "")))
