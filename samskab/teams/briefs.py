"""The team section of a task's brief in the meeting pack."""

from collections.abc import Mapping, Sequence

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy

from samskab.governance.briefs import Section
from samskab.portfolio.models import InnovationTask, TaskProposal

from . import queries
from .models import CompetencyNeed, TeamMembership
from .permissions import SHOWN_TO_ALL


def prefetch(tasks: Sequence[InnovationTask], proposals: Sequence[TaskProposal]) -> None:
    """The current team, the needs and the members' levels of every task of the pack: 3 queries.

    A pack is read outside the innovation unit: someone from outside the municipality is
    named only on recorded consent (``permissions.SHOWN_TO_ALL``)."""
    if not tasks:
        return
    prefetch_related_objects(
        list(tasks),
        Prefetch(
            "memberships",
            queryset=TeamMembership.objects.current()
            .filter(SHOWN_TO_ALL)
            .select_related("person")
            .order_by("role", "person__name", "pk"),
            to_attr="brief_team",
        ),
        Prefetch(
            "competency_needs",
            queryset=CompetencyNeed.objects.select_related("competency"),
            to_attr="brief_needs",
        ),
    )
    levels = queries.levels_of({m.person_id for task in tasks for m in task.brief_team})
    for task in tasks:
        task.brief_levels = levels


def render(subject) -> Mapping | None:
    if not isinstance(subject, InnovationTask):
        return None
    members = getattr(subject, "brief_team", None)
    if members is None:  # a brief rendered on its own, without the pack's prefetch
        members = queries.current_members(subject, shown=SHOWN_TO_ALL)
        coverage = queries.coverage_of(subject, members)
    else:
        coverage = queries.Coverage(subject.brief_needs, members, subject.brief_levels)
    if not members and not coverage.needs:
        return None
    return {"members": members, "gaps": coverage.gaps}


SECTION = Section(
    "team",
    gettext_lazy("Team"),
    80,
    render=render,
    template="teams/brief.html",
    prefetch=prefetch,
)
