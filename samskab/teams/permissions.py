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
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from samskab.accounts.permissions import is_decision_maker, is_internal, is_unit_staff
from samskab.organisation.models import Person
from samskab.organisation.permissions import is_employee_record
from samskab.portfolio.permissions import is_task_owner

from .models import TeamMembership


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
