"""How long things wait: medians and 90th percentiles, and the tasks' stays in their phases.

Percentiles are by nearest rank: of n durations in ascending order, the p-th
percentile is the one at rank ⌈p·n/100⌉ (the median of 1, 2, 3, 10 is 2; the
90th percentile of ten values is the ninth). The same rule runs in SQL over
the ideas (``ranked``: one statement whatever the number of rows, with window
functions that SQLite and PostgreSQL both have) and in Python over the tasks,
which are few (at most a handful active at a time, DESIGN rule 1).

A task's phases come from its decisions: it enters phase 1 the day it starts
and each later phase the day of the "gate: go" decision that moves it there;
its last stay ends the day it is stopped or completed. A task recorded without
its gate decisions (its decisions do not lead to the phase it is in, e.g. one
imported or closed before Samskab) has no known stays and is left out of the
phase times.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from samskab.governance.models import Decision
from samskab.portfolio.models import InnovationTask

MEDIAN, P90 = 50, 90


def rank(percentile: int, count: int) -> int:
    """The nearest rank, ⌈percentile·count/100⌉, in integers."""
    return (percentile * count + 99) // 100


def percentile(values: Sequence, p: int):
    """The ``p``-th percentile of ``values`` by nearest rank; None when there are none."""
    if not values:
        return None
    return sorted(values)[rank(p, len(values)) - 1]


@dataclass(frozen=True)
class Spread:
    """How many durations, their median and 90th percentile (timedelta for ideas, days for tasks)."""

    count: int = 0
    median: object = None
    p90: object = None


def spread_of(values: Sequence) -> Spread:
    return Spread(len(values), percentile(values, MEDIAN), percentile(values, P90))


def ranked(queryset: QuerySet, duration, *, group=None) -> tuple[Spread, dict]:
    """The median and 90th percentile of ``duration`` over ``queryset``, overall and by ``group``.

    One SQL statement: each row is ranked by its duration, overall and within its
    group, and only the rows at the ranks wanted come back (at most two per group).
    """
    rows = queryset.order_by().annotate(
        duration=ExpressionWrapper(duration, output_field=DurationField()),
        place=Window(RowNumber(), order_by=F("duration").asc()),
        total=Window(Count("pk")),
    )
    condition = Q(place=_rank_of("total", MEDIAN)) | Q(place=_rank_of("total", P90))
    columns = ["place", "total", "duration"]
    if group is not None:
        rows = rows.annotate(bucket=group).annotate(
            bucket_place=Window(
                RowNumber(), partition_by=[F("bucket")], order_by=F("duration").asc()
            ),
            bucket_total=Window(Count("pk"), partition_by=[F("bucket")]),
        )
        condition |= Q(bucket_place=_rank_of("bucket_total", MEDIAN)) | Q(
            bucket_place=_rank_of("bucket_total", P90)
        )
        columns += ["bucket", "bucket_place", "bucket_total"]
    overall: dict[str, object] = {}
    groups: dict[object, dict[str, object]] = {}
    count = 0
    for values in rows.filter(condition).values_list(*columns):
        place, total, value = values[:3]
        count = total
        _note(overall, place, total, value)
        if group is not None:
            key, group_place, group_total = values[3:]
            _note(groups.setdefault(key, {"count": group_total}), group_place, group_total, value)
    result = Spread(count, overall.get("median"), overall.get("p90"))
    by_group = {
        key: Spread(found["count"], found.get("median"), found.get("p90"))
        for key, found in groups.items()
    }
    return result, by_group


def _rank_of(total: str, p: int):
    """``rank`` in SQL: integer division, the same in SQLite and PostgreSQL."""
    return (F(total) * p + 99) / 100


def _note(found: dict, place: int, total: int, value) -> None:
    if place == rank(MEDIAN, total):
        found["median"] = value
    if place == rank(P90, total):
        found["p90"] = value


# The tasks' phases -------------------------------------------------------------------


@dataclass(frozen=True)
class Stay:
    """A task's time in one phase: from the day it entered to the day it left (None: still there)."""

    task_id: int
    phase: int
    begun: date
    ended: date | None
    novelty: str

    @property
    def days(self) -> int | None:
        return None if self.ended is None else (self.ended - self.begun).days


@dataclass
class TaskRecord:
    pk: int
    started_on: date
    phase: int
    status: str
    ended_on: date | None
    novelty: str
    category: str
    gates: list[tuple[date, int]] = field(default_factory=list)

    def phase_on(self, day: date, *, today: date) -> int | None:
        """The phase the task had reached by ``day``; None if it had not started.

        From the gate decisions; the task's own phase counts from the day it ended,
        and from today, for tasks recorded without their gate decisions.
        """
        if self.started_on > day:
            return None
        reached = max([1] + [phase for decided, phase in self.gates if decided <= day])
        if day >= today or (self.ended_on is not None and self.ended_on <= day):
            reached = max(reached, self.phase)
        return reached

    def stays(self) -> list[Stay]:
        """The task's stays in its phases, or none if its decisions do not lead to its phase."""
        entries = [(self.started_on, 1), *self.gates]
        if entries[-1][1] != self.phase:
            return []
        stays = []
        for (begun, phase), following in zip(entries, [*entries[1:], None], strict=True):
            ended = following[0] if following else self.ended_on
            stays.append(Stay(self.pk, phase, begun, ended, self.novelty))
        return stays


class TaskBook:
    """Every task with its gate decisions, read once (two statements) for a whole page."""

    def __init__(self, tasks: Iterable[TaskRecord]):
        self.tasks = {task.pk: task for task in tasks}

    @classmethod
    def load(cls) -> "TaskBook":
        tasks = {
            pk: TaskRecord(pk, started_on, phase, status, ended_on, novelty, category)
            for pk, started_on, phase, status, ended_on, novelty, category in (
                InnovationTask.objects.order_by().values_list(
                    "pk", "started_on", "phase", "status", "ended_on", "novelty", "category"
                )
            )
        }
        gates = (
            Decision.objects.filter(
                kind=Decision.Kind.GATE_GO, task__isnull=False, to_phase__isnull=False
            )
            .order_by("decided_on", "recorded_at", "pk")
            .values_list("task_id", "decided_on", "to_phase")
        )
        for task_id, decided_on, to_phase in gates:
            tasks[task_id].gates.append((decided_on, to_phase))
        return cls(tasks.values())

    def phase_on(self, task_id: int, day: date, *, today: date) -> int | None:
        task = self.tasks.get(task_id)
        return None if task is None else task.phase_on(day, today=today)

    def stays(self) -> list[Stay]:
        return [stay for task in self.tasks.values() for stay in task.stays()]


@dataclass(frozen=True)
class PhaseTimes:
    """Stays in one phase that ended in a period, and those still running at its end."""

    done: Spread
    running: int


def phase_times(stays: Iterable[Stay], start: date, end: date) -> dict[int, PhaseTimes]:
    """Per phase: the stays that ended from ``start`` to ``end``, in days, and those running at ``end``."""
    done: dict[int, list[int]] = {}
    running: dict[int, int] = {}
    for stay in stays:
        if stay.ended is not None and start <= stay.ended <= end:
            done.setdefault(stay.phase, []).append(stay.days)
        elif stay.begun <= end and (stay.ended is None or stay.ended > end):
            running[stay.phase] = running.get(stay.phase, 0) + 1
    return {
        phase: PhaseTimes(spread_of(done.get(phase, [])), running.get(phase, 0))
        for phase in range(1, 8)
    }


def days(value: timedelta | int | None) -> float | None:
    """A duration in days (a timedelta, or whole days as they are)."""
    if value is None:
        return None
    if isinstance(value, timedelta):
        return value.total_seconds() / 86400
    return float(value)
