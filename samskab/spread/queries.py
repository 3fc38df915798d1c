"""Reads of scaling and spreading that more than one page needs."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q

from samskab.benefits import queries as benefit_queries
from samskab.benefits.models import BenefitLine, ChainLevel

from .models import Adoption, AdoptionEvent


@dataclass(frozen=True)
class Degree:
    """The degree of scaling (skaleringsgrad): the share of target units in operation."""

    in_operation: int
    targets: int

    @property
    def percent(self) -> int | None:
        """Whole percent, rounded half up; None without targets."""
        if not self.targets:
            return None
        return (200 * self.in_operation + self.targets) // (2 * self.targets)


NO_TARGETS = Degree(0, 0)


def degrees(task_ids: Iterable[int]) -> dict[int, Degree]:
    """Each task's degree of scaling today, by task id (one query; a task without targets: absent)."""
    rows = (
        Adoption.objects.filter(task_id__in=list(task_ids))
        .values("task_id")
        .annotate(
            targets=Count("pk"),
            in_operation=Count("pk", filter=Q(state__in=Adoption.IN_OPERATION)),
        )
    )
    return {row["task_id"]: Degree(row["in_operation"], row["targets"]) for row in rows}


def degree_of(task) -> Degree:
    return degrees([task.pk]).get(task.pk, NO_TARGETS)


def _month_ends(first: date, last: date) -> list[date]:
    """The last day of each month from ``first``'s to ``last``'s; ``last`` itself ends the list."""
    days = []
    year, month = first.year, first.month
    while (year, month) < (last.year, last.month):
        next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
        days.append(date(next_year, next_month, 1) - timedelta(days=1))
        year, month = next_year, next_month
    days.append(last)
    return days


def degree_over_time(task, *, today: date) -> list[tuple[date, Degree]]:
    """The degree of scaling at the end of each month since the first target, and today.

    Told from the adoptions' dated changes of state: a unit counts as a target from the
    day it was planned, and as in operation from the day it went into operation until
    a later change took it out. One query.
    """
    events = list(
        AdoptionEvent.objects.filter(adoption__task=task, on__lte=today)
        .order_by("on", "pk")
        .values_list("adoption_id", "state", "on")
    )
    if not events:
        return []
    points = []
    state: dict[int, str] = {}
    index = 0
    for day in _month_ends(events[0][2], today):
        while index < len(events) and events[index][2] <= day:
            adoption_id, new_state, _on = events[index]
            state[adoption_id] = new_state
            index += 1
        operating = sum(1 for value in state.values() if value in Adoption.IN_OPERATION)
        points.append((day, Degree(operating, len(state))))
    return points


def adoptions_of(task):
    return task.adoptions.select_related("unit", "unit__parent", "responsible").order_by(
        "unit__name", "pk"
    )


def events_of(task):
    return (
        AdoptionEvent.objects.filter(adoption__task=task)
        .select_related("adoption__unit", "by__person")
        .order_by("-on", "-pk")
    )


def running_by_unit(*, unit_ids: Iterable[int] | None = None) -> dict[int, list[Adoption]]:
    """The adoptions in operation (or preparing) per unit, with their task: one query."""
    adoptions = Adoption.objects.filter(
        state__in=(*Adoption.IN_OPERATION, Adoption.State.PREPARING)
    ).select_related("task")
    if unit_ids is not None:
        adoptions = adoptions.filter(unit_id__in=list(unit_ids))
    by_unit: dict[int, list[Adoption]] = defaultdict(list)
    for adoption in adoptions.order_by("task__title", "pk"):
        by_unit[adoption.unit_id].append(adoption)
    return dict(by_unit)


@dataclass(frozen=True)
class BenefitAtDegree:
    """A benefit line of the signed agreement against how far the solution has spread.

    The agreement's targets assume the whole area runs the solution; with part of the
    target units in operation, what can be expected by now is that share of it.
    """

    line: BenefitLine
    expected: Decimal  # by today, with every target unit in operation
    at_degree: Decimal  # by today, at today's degree of scaling
    realised: Decimal

    @property
    def behind(self) -> bool:
        return self.realised < self.at_degree


def benefits_at_degree(task, degree: Degree, *, today: date) -> list[BenefitAtDegree]:
    """The benefit lines of the agreement in force, each against the degree of scaling."""
    benefits = benefit_queries.task_benefits(task, today=today)
    if benefits.in_force is None or benefits.current != benefits.in_force or not degree.targets:
        return []
    share = Decimal(degree.in_operation) / Decimal(degree.targets)
    rows = []
    for item in benefits.lines:
        if item.line.level != ChainLevel.BENEFIT:
            continue
        expected = item.expected(today)
        rows.append(
            BenefitAtDegree(
                line=item.line,
                expected=expected,
                at_degree=(expected * share).quantize(Decimal("0.01")),
                realised=item.realised,
            )
        )
    return rows
