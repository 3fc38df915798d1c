"""The portfolio and its changes in the period, and what was spread (no adoptions yet)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samskab.governance.models import Decision
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.phases import LAST, PhaseNumber

from .period import Period

Status = InnovationTask.Status
Kind = Decision.Kind


class Change:
    """The kinds of change a task goes through, in the order a day's changes are listed."""

    STARTED = "started"
    PHASE = "phase"
    PAUSED = "paused"
    RESUMED = "resumed"
    STOPPED = "stopped"
    COMPLETED = "completed"
    LABELS = {
        STARTED: _("Started"),
        PHASE: _("Passed a gate"),
        PAUSED: _("Paused"),
        RESUMED: _("Resumed"),
        STOPPED: _("Stopped"),
        COMPLETED: _("Completed"),
    }
    ORDER = tuple(LABELS)


@dataclass(frozen=True)
class TaskChange:
    on: date
    kind: str
    task: InnovationTask
    from_phase: int | None = None
    to_phase: int | None = None

    @property
    def label(self) -> Promise:
        return Change.LABELS[self.kind]


@dataclass
class TaskInPeriod:
    """A task that was open at some time in the period, as it stood at the period's end."""

    task: InnovationTask
    phase_at_start: int | None  # None when it started within the period
    phase_at_end: int
    status_at_end: str

    @property
    def phase_at_start_label(self) -> str:
        return "" if self.phase_at_start is None else PhaseNumber(self.phase_at_start).label

    @property
    def phase_at_end_label(self) -> str:
        return PhaseNumber(self.phase_at_end).label

    @property
    def status_at_end_label(self) -> str:
        return Status(self.status_at_end).label

    @property
    def is_open_at_end(self) -> bool:
        return self.status_at_end in (Status.ACTIVE, Status.PAUSED)


@dataclass
class PhaseCount:
    phase: int
    label: str
    active: int = 0
    paused: int = 0

    @property
    def total(self) -> int:
        return self.active + self.paused


@dataclass
class PortfolioSection:
    tasks: list[TaskInPeriod]
    changes: list[TaskChange]

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    @property
    def change_counts(self) -> list[tuple[str, Promise, int]]:
        return [(kind, label, self.count(kind)) for kind, label in Change.LABELS.items()]

    @property
    def by_phase_at_end(self) -> list[PhaseCount]:
        """The open tasks at the period's end, by phase, active and paused."""
        rows = {number: PhaseCount(number, label) for number, label in PhaseNumber.choices}
        for item in self.tasks:
            if item.status_at_end == Status.ACTIVE:
                rows[item.phase_at_end].active += 1
            elif item.status_at_end == Status.PAUSED:
                rows[item.phase_at_end].paused += 1
        return list(rows.values())

    @property
    def open_at_end(self) -> list[TaskInPeriod]:
        return [item for item in self.tasks if item.is_open_at_end]

    @property
    def active_at_end(self) -> int:
        return sum(1 for item in self.tasks if item.status_at_end == Status.ACTIVE)

    @property
    def paused_at_end(self) -> int:
        return sum(1 for item in self.tasks if item.status_at_end == Status.PAUSED)


def _phase_after(task: InnovationTask, gates: list[Decision], day: date) -> int:
    """The task's phase at the end of ``day``: before the first gate decided after it."""
    for gate in gates:
        if gate.decided_on > day:
            if gate.from_phase is not None:
                return gate.from_phase
            return max((gate.to_phase or task.phase) - 1, 1)
    return task.phase


def _status_at(task: InnovationTask, pauses: list[Decision], day: date) -> str:
    """The task's status at the end of ``day`` (it had started by then)."""
    if task.ended_on is not None and task.ended_on <= day:
        return task.status
    before = [d for d in pauses if d.decided_on <= day]
    if before:
        return Status.PAUSED if before[-1].kind == Kind.PAUSE else Status.ACTIVE
    after = [d for d in pauses if d.decided_on > day]
    if after:
        return Status.PAUSED if after[0].kind == Kind.RESUME else Status.ACTIVE
    return Status.PAUSED if task.status == Status.PAUSED else Status.ACTIVE


def portfolio_section(period: Period) -> PortfolioSection:
    """The tasks open at some time in the period and what happened to them in it (2 queries)."""
    overlapping = InnovationTask.objects.filter(started_on__lte=period.end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=period.start)
    )
    tasks = list(
        overlapping.select_related("owning_area")
        .only(
            "id",
            "title",
            "phase",
            "status",
            "started_on",
            "ended_on",
            "novelty",
            "owning_area__name",
        )
        .order_by("title", "pk")
    )
    decisions: dict[int, list[Decision]] = defaultdict(list)
    for decision in (
        Decision.objects.filter(
            kind__in=[Kind.GATE_GO, Kind.PAUSE, Kind.RESUME],
            task__in=overlapping.values("pk"),
        )
        .only("id", "kind", "task_id", "decided_on", "recorded_at", "from_phase", "to_phase")
        .order_by("decided_on", "recorded_at", "pk")
    ):
        decisions[decision.task_id].append(decision)

    rows, changes = [], []
    for task in tasks:
        own = decisions.get(task.pk, [])
        gates = [d for d in own if d.kind == Kind.GATE_GO]
        pauses = [d for d in own if d.kind != Kind.GATE_GO]
        started_before = task.started_on < period.start
        rows.append(
            TaskInPeriod(
                task=task,
                phase_at_start=(
                    _phase_after(task, gates, period.start - timedelta(days=1))
                    if started_before
                    else None
                ),
                phase_at_end=_phase_after(task, gates, period.end),
                status_at_end=_status_at(task, pauses, period.end),
            )
        )
        if not started_before:
            changes.append(TaskChange(task.started_on, Change.STARTED, task, to_phase=1))
        for decision in own:
            if decision.decided_on not in period:
                continue
            if decision.kind == Kind.GATE_GO:
                changes.append(
                    TaskChange(
                        decision.decided_on,
                        Change.PHASE,
                        task,
                        decision.from_phase,
                        decision.to_phase,
                    )
                )
            else:
                kind = Change.PAUSED if decision.kind == Kind.PAUSE else Change.RESUMED
                changes.append(TaskChange(decision.decided_on, kind, task))
        if task.ended_on in period:
            kind = Change.COMPLETED if task.status == Status.COMPLETED else Change.STOPPED
            changes.append(TaskChange(task.ended_on, kind, task, from_phase=task.phase))
    changes.sort(key=lambda c: (c.on, Change.ORDER.index(c.kind), c.task.title, c.task.pk))
    return PortfolioSection(tasks=rows, changes=changes)


@dataclass
class SpreadSection:
    completed: list[TaskChange]
    spreading: list[TaskInPeriod]  # in phase 7 and open at the period's end


def spread_section(portfolio: PortfolioSection) -> SpreadSection:
    return SpreadSection(
        completed=[c for c in portfolio.changes if c.kind == Change.COMPLETED],
        spreading=[
            item for item in portfolio.tasks if item.is_open_at_end and item.phase_at_end == LAST
        ],
    )
