"""The import itself: read and plan every file, then write them all or nothing."""

from collections.abc import Sequence
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
    freshness.touch("organisation", "accounts")
    return len(new_users)


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
    tables.sort(key=lambda item: item[2].kind != ImportKind.UNITS)

    try:
        with nullcontext() if dry_run else transaction.atomic():
            state = State.load()
            for table, columns, file_report in tables:
                if file_report.kind == ImportKind.UNITS:
                    plan_units(table, columns, file_report, state)
                else:
                    plan_employees(table, columns, file_report, state)
                file_report.errors.sort(key=lambda error: error.row or 0)
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
