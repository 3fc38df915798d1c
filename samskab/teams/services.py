"""Every write to teams, needs, learning records and capacity, with its rules."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.organisation.models import Competency, Person, PersonCompetency
from samskab.portfolio.models import InnovationTask

from . import queries
from .models import (
    EXTERNAL_ROLE,
    EXTERNAL_ROLES,
    CompetencyNeed,
    LearningRecord,
    Role,
    StaffCapacity,
    TeamMembership,
)


def _open(task: InnovationTask) -> InnovationTask:
    if task.is_closed:
        raise ValidationError(_("The task is closed; its team is kept as it was."))
    return task


@transaction.atomic
def need_save(
    *,
    task: InnovationTask,
    competency: Competency,
    importance: int,
    phase: int,
    level: int = PersonCompetency.Level.PRACTISED,
    by: User,
) -> CompetencyNeed:
    """Record what the task needs of a competency; a second need for it replaces the first."""
    _open(task)
    need = CompetencyNeed.objects.filter(task=task, competency=competency).first() or (
        CompetencyNeed(task=task, competency=competency)
    )
    need.importance, need.phase, need.level = importance, phase, level
    need.full_clean()
    need.save()
    return need


@transaction.atomic
def need_remove(*, need: CompetencyNeed, by: User) -> None:
    _open(need.task)
    need.delete()


@transaction.atomic
def membership_add(
    *,
    task: InnovationTask,
    person: Person,
    role: str,
    allocation: int,
    starts_on: date | None = None,
    consent_on: date | None = None,
    consent_to: str = "",
    by: User,
) -> TeamMembership:
    """Put a person on the task's team (DESIGN rule 5; seed §5.3).

    External participants take part on recorded consent (when, and to what),
    given before they join, in the role of their kind, and only the innovation
    unit puts them on a team (their details are the unit's, by the privacy
    policy); innovation partners are employees of the owning area, one or two.
    """
    task = InnovationTask.objects.select_for_update().get(pk=task.pk)
    _open(task)
    today = timezone.localdate()
    starts_on = starts_on or today
    errors: dict[str, str] = {}
    if person.kind == Person.Kind.POLITICIAN:
        errors["person"] = _("Elected members advise and decide; they are not on task teams.")
    elif person.kind != Person.Kind.EMPLOYEE:
        if not by.has_perm("teams.add_external_people"):
            raise ValidationError(
                {
                    "person": _(
                        "Only the innovation unit puts people from outside the municipality "
                        "on a team."
                    )
                }
            )
        if role != EXTERNAL_ROLE.get(person.kind):
            errors["role"] = _("%(name)s takes part as %(role)s.") % {
                "name": person.name,
                "role": Role(EXTERNAL_ROLE[person.kind]).label,
            }
        if consent_on is None or not consent_to.strip():
            errors["consent_to"] = _(
                "Record when the participant consented, and to what, before they join."
            )
        elif consent_on > today:
            errors["consent_on"] = _("Consent cannot be dated in the future.")
        elif consent_on > starts_on:
            errors["consent_on"] = _(
                "Consent comes before joining: date it on or before %(date)s."
            ) % {"date": formats.date_format(starts_on, "SHORT_DATE_FORMAT")}
    else:
        if role in EXTERNAL_ROLES:
            errors["role"] = _("This role is for participants from outside the municipality.")
        if consent_on or consent_to.strip():
            errors["consent_to"] = _("Consent is recorded for external participants only.")
    if role == Role.PARTNER and not errors:
        area_units = queries.owning_area_unit_ids(task)
        if person.org_unit_id not in area_units:
            errors["role"] = _("An innovation partner is an employee of %(area)s.") % {
                "area": task.owning_area.name
            }
        else:
            partners = [
                m
                for m in queries.current_members(task)
                if queries.is_partner_from_area(m, area_units)
            ]
            if len(partners) >= queries.PARTNERS_WANTED[1]:
                errors["role"] = _(
                    "The task already has two innovation partners; end one membership first."
                )
    if TeamMembership.objects.current(starts_on).filter(task=task, person=person).exists():
        errors["person"] = _("%(name)s is already on the team.") % {"name": person.name}
    if errors:
        raise ValidationError(errors)
    membership = TeamMembership(
        task=task,
        person=person,
        role=role,
        allocation=allocation,
        starts_on=starts_on,
        consent_on=consent_on if person.kind != Person.Kind.EMPLOYEE else None,
        consent_to=consent_to.strip() if person.kind != Person.Kind.EMPLOYEE else "",
        added_by=by,
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_end(
    *, membership: TeamMembership, on: date | None = None, by: User
) -> TeamMembership:
    """End a membership on a day; the row stays as the team's history (never deleted)."""
    membership = TeamMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.ends_on is not None:
        raise ValidationError(_("The membership has already ended."))
    on = on or timezone.localdate()
    if on < membership.starts_on:
        on = membership.starts_on
    membership.ends_on = on
    membership.ended_by = by
    membership.full_clean()
    membership.save(update_fields=["ends_on", "ended_by", "updated_at"])
    return membership


@transaction.atomic
def learning_record(
    *,
    person: Person,
    competency: Competency,
    level_after: int,
    activity: str,
    task: InnovationTask | None = None,
    learned_on: date | None = None,
    by: User,
) -> LearningRecord:
    """Record what a person learned; their competency level becomes the new one (seed §5.6)."""
    current = PersonCompetency.objects.filter(person=person, competency=competency).first()
    before = current.level if current else None
    if before is not None and level_after < before:
        raise ValidationError(
            {"level_after": _("A learning record raises a level or keeps it; it never lowers it.")}
        )
    record = LearningRecord(
        person=person,
        competency=competency,
        level_before=before,
        level_after=level_after,
        activity=activity.strip(),
        task=task,
        learned_on=learned_on or timezone.localdate(),
        recorded_by=by,
    )
    record.full_clean()
    record.save()
    if current is None:
        PersonCompetency.objects.create(person=person, competency=competency, level=level_after)
    elif current.level != level_after:
        current.level = level_after
        current.save(update_fields=["level"])
    return record


@transaction.atomic
def capacity_set(*, person: Person, hours_per_week: Decimal, by: User) -> StaffCapacity:
    capacity, _created = StaffCapacity.objects.get_or_create(person=person)
    capacity.hours_per_week = hours_per_week
    capacity.full_clean()
    capacity.save()
    return capacity
