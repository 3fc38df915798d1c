"""Who may see and change teams, competency needs, learning records and the unit's capacity.

Teams are part of the task, which is internal: whoever may see the task sees
its team (staff and politicians; external participants have no staff login and
see nothing internal). The innovation unit and the task's owner manage needs
and the team. The unit records learning; the unit and the executive board and
heads' forum see the unit's capacity.

People from outside the municipality (citizens, company and association
representatives, researchers, entrepreneurs) are the innovation unit's to work
with, as the privacy policy says: only the unit finds them in the composer, sees
them proposed, opens the form that adds them and adds them, on their recorded
consent (``services.membership_add`` refuses anyone else). Everyone else sees
an external person only as a member of a team their recorded consent covers,
on that task's team.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samskab.accounts.permissions import (
    is_area_manager,
    is_decision_maker,
    is_employee,
    is_internal,
    is_unit_staff,
)
from samskab.organisation.models import Person
from samskab.organisation.permissions import is_employee_record
from samskab.organisation.queries import placement_of
from samskab.portfolio.permissions import is_task_owner

from .models import Participation, Programme, TeamMembership


def is_current_member_of(user, task) -> bool:
    """The user is on the task's team today (a membership begun and not ended)."""
    if task is None or not user.is_authenticated:
        return False
    today = timezone.localdate()
    return (
        TeamMembership.objects.filter(task=task, person__user=user, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))
        .exists()
    )


# Who works on a task: the unit, the task's owner and its current members.
is_current_member = rules.predicate(is_current_member_of, name="is_current_member")
is_on_task_team = is_unit_staff | is_task_owner | is_current_member

# A membership anyone who sees the task may see: an employee's, or an external
# participant's whose consent (when and to what) is recorded.
CONSENT_RECORDED = Q(consent_on__isnull=False) & ~Q(consent_to="")
SHOWN_TO_ALL = Q(person__kind=Person.Kind.EMPLOYEE) | CONSENT_RECORDED


@rules.predicate
def is_consented_membership(user, membership: TeamMembership | None) -> bool:
    return (
        membership is not None
        and membership.consent_on is not None
        and bool(membership.consent_to.strip())
    )


@rules.predicate
def is_employee_membership(user, membership: TeamMembership | None) -> bool:
    return membership is not None and membership.person.kind == Person.Kind.EMPLOYEE


rules.add_perm("teams.view_team", is_internal)
rules.add_perm("teams.manage_team", is_unit_staff | is_task_owner)
# Find, see proposed and add people from outside the municipality (on recorded consent).
rules.add_perm("teams.add_external_people", is_unit_staff)
# A person one may put on a team (with "teams.manage_team" on the task): an employee,
# or anyone for the innovation unit.
rules.add_perm("teams.add_person", is_employee_record | is_unit_staff)
rules.add_perm(
    "teams.view_member", is_unit_staff | is_employee_membership | is_consented_membership
)
rules.add_perm("teams.view_heatmap", is_internal)
rules.add_perm("teams.record_learning", is_unit_staff)
rules.add_perm("teams.view_capacity", is_unit_staff | is_decision_maker)
rules.add_perm("teams.edit_capacity", is_unit_staff)


# Learning programmes: everyone inside reads a programme (what it builds, when it meets); the
# innovation unit runs them; an employee asks to join. Who takes part is shown to the unit,
# to the participant themself and to an area manager for their own area's staff
# (``participations_shown_to``).
@rules.predicate
def is_own_participation(user, participation: Participation | None) -> bool:
    return (
        participation is not None
        and user.is_authenticated
        and participation.person.user_id == user.pk
    )


rules.add_perm("teams.view_programmes", is_internal)
rules.add_perm("teams.manage_programmes", is_unit_staff)
rules.add_perm("teams.join_programmes", is_employee)
rules.add_perm("teams.respond_participation", is_unit_staff | is_own_participation)


def people_addable_by(user, *, via: str = "") -> Q:
    """A filter of the people ``user`` may find and add (``teams.add_person``; elected members
    are on no team), on Person or, ``via`` a path such as ``"person__"``, on a related model."""
    if user.has_perm("teams.add_external_people"):
        return ~Q(**{f"{via}kind": Person.Kind.POLITICIAN})
    return Q(**{f"{via}kind": Person.Kind.EMPLOYEE})


def members_shown_to(user) -> Q:
    """A filter of the memberships ``user`` sees on a team (``teams.view_member``)."""
    if user.has_perm("teams.add_external_people"):
        return Q()
    return SHOWN_TO_ALL


def journeys_shown_to(user) -> Q:
    """A filter of the memberships whose person's journey ``user`` may open
    (organisation.view_person): employees', and for the innovation unit everyone's."""
    if user.has_perm("organisation.view_external_people"):
        return Q()
    return Q(person__kind=Person.Kind.EMPLOYEE)


def get_candidate_for(user, pk: int) -> Person:
    """The person to put on a team: someone the user may not add is not revealed (404)."""
    person = get_object_or_404(Person.objects.select_related("org_unit", "organisation"), pk=pk)
    if not user.has_perm("teams.add_person", person):
        raise Http404
    return person


def participations_shown_to(user) -> Q:
    """A filter of the participations ``user`` sees: all for the innovation unit; their own;
    and an area manager's own staff's (the people of the units in their area)."""
    if user.has_perm("teams.manage_programmes"):
        return Q()
    shown = Q(person__user_id=user.pk)
    if is_area_manager(user):
        person = Person.objects.filter(user=user).first()
        placement = placement_of(person)
        if placement is not None and placement.area_units:
            shown |= Q(person__org_unit_id__in=sorted(placement.area_units))
    return shown


def get_programme_for(user, pk: int, *, perm: str = "teams.view_programmes") -> Programme:
    programme = get_object_or_404(Programme, pk=pk)
    if not user.has_perm("teams.view_programmes"):
        raise Http404
    if perm != "teams.view_programmes" and not user.has_perm(perm, programme):
        raise PermissionDenied
    return programme


def get_participation_for(user, pk: int, *, perm: str) -> Participation:
    """A participation the user may see (else 404), and may act on by ``perm`` (else 403)."""
    participation = get_object_or_404(
        Participation.objects.filter(participations_shown_to(user)).select_related(
            "programme", "person"
        ),
        pk=pk,
    )
    if not user.has_perm(perm, participation):
        raise PermissionDenied
    return participation
