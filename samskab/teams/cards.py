"""What the portfolio board's cards say about the team: its gaps (DESIGN rule 5).

Two gaps, as the gate out of phase 2 counts them:

- a critical competency the task needs by its current phase (the need's "from
  phase" is the task's phase or earlier) that no one on the team today has at the
  level needed;
- from phase 2, the team being built, no innovation partner from the owning area.

Four queries for the whole board: the teams, the critical needs, the members'
levels and the unit tree.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samskab.organisation.models import OrgUnit
from samskab.portfolio import cards
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.phases import PhaseNumber

from . import queries
from .models import CompetencyNeed, Importance, TeamMembership


def _units_below(area_ids) -> dict[int, set[int]]:
    """Each area and every unit below it, from one query of (id, parent) pairs."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in OrgUnit.objects.values_list("id", "parent_id"):
        children[parent_id].append(pk)
    below = {}
    for area_id in area_ids:
        found, stack = set(), [area_id]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(children.get(current, ()))
        below[area_id] = found
    return below


def _gaps(tasks: Sequence[InnovationTask], today: date) -> dict[int, list[cards.Signal]]:
    ids = [task.pk for task in tasks]
    members = defaultdict(list)
    for membership in (
        TeamMembership.objects.current(on=today).filter(task_id__in=ids).select_related("person")
    ):
        members[membership.task_id].append(membership)
    needs = defaultdict(list)
    for need in CompetencyNeed.objects.filter(
        task_id__in=ids, importance=Importance.CRITICAL
    ).select_related("competency"):
        needs[need.task_id].append(need)
    levels = (
        queries.levels_of({m.person_id for team in members.values() for m in team})
        if needs and members
        else {}
    )
    areas = _units_below({task.owning_area_id for task in tasks})

    result = {}
    for task in tasks:
        signals = []
        due = [need for need in needs.get(task.pk, []) if need.phase <= task.phase]
        missing = queries.Coverage(due, members.get(task.pk, []), levels).gaps if due else []
        if missing:
            signals.append(
                cards.Signal(
                    ngettext(
                        "%(count)d critical competency missing",
                        "%(count)d critical competencies missing",
                        len(missing),
                    )
                    % {"count": len(missing)},
                    cards.WARNING,
                    ", ".join(need.competency.label for need in missing),
                )
            )
        if task.phase >= PhaseNumber.TEAM:
            area_units = areas[task.owning_area_id]
            if not any(
                queries.is_partner_from_area(m, area_units) for m in members.get(task.pk, [])
            ):
                signals.append(
                    cards.Signal(_("No innovation partner from the area"), cards.WARNING)
                )
        result[task.pk] = signals
    return result


SIGNAL = cards.CardSignal(
    key="team",
    label=gettext_lazy("Team gaps"),
    position=50,
    compute=_gaps,
    explanation=gettext_lazy(
        "A critical competency the task needs by its current phase that no one on the team "
        "has at the level needed; and, from phase 2, no innovation partner from the owning area."
    ),
    icon="groups",
)


def register() -> None:
    cards.register(SIGNAL)
