"""Every write to the organisation, its people and their competencies, with its rules."""

from collections.abc import Mapping

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.core import freshness

from . import os2mo
from .importing.os2mo import import_os2mo
from .importing.report import ImportReport, RowError
from .models import Competency, OrgUnit, Person, PersonCompetency
from .queries import unit_ids_below


def orgunit_check(*, unit: OrgUnit) -> None:
    """The rules of the tree: a unit is never placed under itself or one of its sub-units."""
    if unit.pk is None or unit.parent_id is None:
        return
    if unit.parent_id in unit_ids_below(unit.pk):
        raise ValidationError(
            {"parent": _("A unit cannot be placed under itself or one of its own sub-units.")}
        )


@transaction.atomic
def orgunit_save(*, unit: OrgUnit) -> OrgUnit:
    """Create or change a unit; refuses to make the tree a loop."""
    orgunit_check(unit=unit)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def competency_save(*, competency: Competency) -> Competency:
    competency.full_clean()
    competency.save()
    return competency


def person_check(*, person: Person) -> None:
    """The rules of a person beyond their model's own: only employees belong to a unit."""
    if person.kind != Person.Kind.EMPLOYEE and person.org_unit_id is not None:
        raise ValidationError(
            {"org_unit": _("Only employees belong to a unit of the municipality.")}
        )


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Create or change a person's details (not their competencies)."""
    person_check(person=person)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_set_competencies(*, person: Person, levels: Mapping[Competency, int | None]) -> None:
    """Set the person's level (1-4) in each given competency; None removes it."""
    current = {pc.competency_id: pc for pc in person.person_competencies.all()}
    to_create, to_update, to_delete = [], [], []
    for competency, level in levels.items():
        existing = current.get(competency.pk)
        if level is None:
            if existing is not None:
                to_delete.append(existing.pk)
            continue
        if level not in PersonCompetency.Level.values:
            raise ValidationError(_("A competency level is between 1 and 4."))
        if existing is None:
            to_create.append(PersonCompetency(person=person, competency=competency, level=level))
        elif existing.level != level:
            existing.level = level
            to_update.append(existing)
    PersonCompetency.objects.filter(pk__in=to_delete).delete()
    PersonCompetency.objects.bulk_create(to_create)
    PersonCompetency.objects.bulk_update(to_update, ["level"])
    freshness.touch("organisation")


def profile_person_for(user: User) -> Person:
    """The user's own person record; a new, unsaved one if they have none yet."""
    person = Person.objects.filter(user=user).select_related("org_unit").first()
    if person is not None:
        return person
    is_employee = user.is_superuser or user.groups.filter(name__in=roles.EMPLOYEE_ROLES).exists()
    return Person(
        user=user,
        name=user.get_full_name() or user.get_username(),
        email=user.email,
        kind=Person.Kind.EMPLOYEE if is_employee else Person.Kind.CITIZEN,
    )


@transaction.atomic
def profile_update(
    *, person: Person, fields: Mapping[str, str], levels: Mapping[Competency, int | None]
) -> Person:
    """A person edits their own profile: name, contact details, about, competencies."""
    for name in ("name", "phone", "title", "about"):
        if name in fields:
            setattr(person, name, fields[name])
    person_save(person=person)
    person_set_competencies(person=person, levels=levels)
    return person


@transaction.atomic
def citizen_register(*, user: User, name: str) -> Person:
    """A citizen who signed up gets the citizen role and a person record."""
    user.groups.add(Group.objects.get(name=roles.BORGER))
    person = Person(user=user, name=name, email=user.email, kind=Person.Kind.CITIZEN)
    return person_save(person=person)


def organisation_sync_os2mo(*, dry_run: bool = False) -> ImportReport:
    """Mirror OS2mo's units, employees and managers, all or nothing; see ``importing.os2mo``.

    Everything is read from OS2mo before anything is written; a failure on the way
    is the report's error, and nothing changes.
    """
    try:
        snapshot = os2mo.read_snapshot()
    except os2mo.OS2moError as error:
        report = ImportReport(dry_run=dry_run)
        report.errors.append(RowError(None, str(error)))
        return report
    return import_os2mo(snapshot=snapshot, dry_run=dry_run)
