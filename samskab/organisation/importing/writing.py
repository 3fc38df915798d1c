"""The import itself: read and plan every file, then write them all or nothing."""

from collections.abc import Callable, Sequence
from contextlib import nullcontext

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.core import freshness

from ..models import OrgUnit, Person
from .employees import plan_employees
from .planning import CHUNK, State
from .reading import ImportSource, Table, map_columns, read_table
from .report import FileReport, ImportFileError, ImportKind, ImportReport, RowError
from .units import plan_units


def _apply(state: State) -> int:
    """Write the plan with bulk operations; returns the number of user accounts created."""
    now = timezone.now()
    OrgUnit.objects.bulk_create(state.new_units, batch_size=CHUNK)
    by_ext = dict(state.units_by_ext) | {unit.external_id: unit for unit in state.new_units}
    relinked = []
    for unit in state.new_units:
        if unit.external_id in state.new_unit_parent:
            unit.parent_id = by_ext[state.new_unit_parent[unit.external_id]].pk
            relinked.append(unit)
    for unit in state.changed_units:
        if unit.external_id in state.new_unit_parent:
            unit.parent_id = by_ext[state.new_unit_parent[unit.external_id]].pk
        unit.updated_at = now
    OrgUnit.objects.bulk_update(relinked, ["parent"], batch_size=CHUNK)
    OrgUnit.objects.bulk_update(
        state.changed_units, ["name", "kind", "parent", "updated_at"], batch_size=CHUNK
    )

    new_users = list(state.new_users.values())
    if new_users:
        User.objects.bulk_create(new_users, batch_size=CHUNK)
        group = Group.objects.get(name=roles.MEDARBEJDER)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=user.pk, group_id=group.pk) for user in new_users],
            batch_size=CHUNK,
        )
    for person in [*state.new_people, *state.changed_people]:
        if id(person) in state.new_users:
            person.user = state.new_users[id(person)]
        if id(person) in state.person_unit:
            person.org_unit_id = by_ext[state.person_unit[id(person)]].pk
    for person in state.changed_people:
        person.updated_at = now
    Person.objects.bulk_create(state.new_people, batch_size=CHUNK)
    Person.objects.bulk_update(
        state.changed_people,
        ["external_id", "name", "email", "title", "org_unit", "user", "updated_at"],
        batch_size=CHUNK,
    )
    _apply_endings(state, now)
    _apply_managers(state, by_ext, now)
    freshness.touch("organisation", "accounts")
    return len(new_users)


def _apply_endings(state: State, now) -> None:
    """People who left are ended, never deleted; their account no longer logs in."""
    for people, ended_on, active in (
        (state.ended_people, timezone.localdate(now), False),
        (state.returned_people, None, True),
    ):
        pks = [person.pk for person in people]
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            Person.objects.filter(pk__in=chunk).update(ended_on=ended_on, updated_at=now)
            User.objects.filter(person__pk__in=chunk).update(is_active=active)


def _apply_managers(state: State, by_ext: dict[str, OrgUnit], now) -> None:
    if not state.unit_managers:
        return
    people = {}
    wanted = [ext for ext in state.unit_managers.values() if ext]
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        people.update(Person.objects.filter(external_id__in=chunk).values_list("external_id", "pk"))
    units = []
    for unit_ext, person_ext in state.unit_managers.items():
        unit = by_ext[unit_ext]
        unit.manager_id = people.get(person_ext) if person_ext else None
        unit.updated_at = now
        units.append(unit)
    OrgUnit.objects.bulk_update(units, ["manager", "updated_at"], batch_size=CHUNK)


def import_organisation(*, sources: Sequence[ImportSource], dry_run: bool = False) -> ImportReport:
    """Check every row of the files, then write them all or nothing.

    A units file is planned before an employees file, so employees may belong to
    units the same import creates. With ``dry_run`` nothing is written; the
    report says what would happen.
    """
    report = ImportReport(dry_run=dry_run)
    tables: list[tuple[Table, dict[str, int], FileReport]] = []
    for source in sources:
        file_report = FileReport(name=source.name)
        report.files.append(file_report)
        try:
            table = read_table(source)
            columns = map_columns(table.headers, expected=source.kind, report=file_report)
        except ImportFileError as error:
            file_report.error(None, error.messages[0])
            continue
        tables.append((table, columns, file_report))
    kinds = [file_report.kind for _table, _columns, file_report in tables]
    if len(kinds) != len(set(kinds)):
        report.errors.append(RowError(None, _("Import at most one file of each kind at a time.")))
    if report.has_errors:
        return report
    return import_tables(tables=tables, report=report)


def import_tables(
    *,
    tables: list[tuple[Table, dict[str, int], FileReport]],
    report: ImportReport,
    plan_more: Callable[[State], None] | None = None,
) -> ImportReport:
    """Plan tables of units and employees, then write them all or nothing.

    The file import reads its tables from files; the OS2mo sync makes them from
    OS2mo's answers and plans more (``plan_more``: leavers, managers) on the same
    state, after the rows. ``report.dry_run`` writes nothing.
    """
    dry_run = report.dry_run
    tables = sorted(tables, key=lambda item: item[2].kind != ImportKind.UNITS)
    try:
        with nullcontext() if dry_run else transaction.atomic():
            state = State.load()
            for table, columns, file_report in tables:
                if file_report.kind == ImportKind.UNITS:
                    plan_units(table, columns, file_report, state)
                else:
                    plan_employees(table, columns, file_report, state)
                file_report.errors.sort(key=lambda error: error.row or 0)
            if plan_more is not None and not report.has_errors:
                plan_more(state)
            if dry_run or report.has_errors:
                return report
            report.users_created = _apply(state)
            report.applied = True
    except IntegrityError:
        report.applied = False
        report.errors.append(
            RowError(
                None,
                _(
                    "Someone changed the organisation while the import ran, so nothing "
                    "was imported. Try again."
                ),
            )
        )
    return report
