"""The roadmap's data: each task's phases on a time axis, its gates, and the forums' meetings.

A phase runs from the decision that entered it (the start decision enters phase
1, each gate decision the next phase) to the decision that entered the next
one. The current phase runs to today, and on to the next gate as planned; a
closed task's last phase ends on the day it was stopped or completed. A task
without a start decision (tasks loaded in bulk) starts phase 1 on its start
date. Gate decisions are marks on their day, the next gate a mark on its date
(overdue when it has passed, ``cards.is_gate_overdue``).

Three queries whatever the number of tasks: the tasks, their decisions, the
meetings in the period.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.governance.models import Decision, Meeting

from .. import cards
from ..models import InnovationTask
from ..phases import BY_NUMBER, FIRST, Phase
from .tasks import OPEN, tasks_with_people

ROWS_SHOWN = 100
MEETINGS_SHOWN = 300
AHEAD_DAYS = 365  # the period runs to a year ahead unless chosen
CLOSED = "closed"
GATE_KINDS = (
    Decision.Kind.START,
    Decision.Kind.GATE_GO,
    Decision.Kind.GATE_STOP,
    Decision.Kind.COMPLETE,
)


@dataclass(frozen=True)
class Span:
    """A stretch of one phase: done or under way, or planned (today to the next gate)."""

    phase: Phase
    start: date
    end: date
    planned: bool = False
    current: bool = False


@dataclass(frozen=True)
class Mark:
    """A gate on the time axis: a decision taken, or the next gate (planned or overdue)."""

    DECIDED, PLANNED, OVERDUE = "decided", "planned", "overdue"

    on: date
    kind: str
    text: str


@dataclass
class Row:
    task: InnovationTask
    spans: list[Span] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    @property
    def start(self) -> date:
        return self.spans[0].start

    @property
    def next_gate(self) -> Mark | None:
        return next((mark for mark in self.marks if mark.kind != Mark.DECIDED), None)

    @property
    def decisions(self) -> list[Mark]:
        return [mark for mark in self.marks if mark.kind == Mark.DECIDED]


@dataclass
class Roadmap:
    start: date
    end: date
    today: date
    rows: list[Row]
    meetings: list[Meeting]
    more: bool = False  # more tasks than ROWS_SHOWN match: the filters should narrow them


def _tasks(*, status: str, area, category: str, novelty: str):
    if status == CLOSED:
        statuses = [InnovationTask.Status.STOPPED, InnovationTask.Status.COMPLETED]
    elif status in OPEN:
        statuses = [status]
    else:
        statuses = list(OPEN)
    tasks = tasks_with_people().filter(status__in=statuses)
    if area is not None:
        tasks = tasks.filter(owning_area=area)
    if category:
        tasks = tasks.filter(category=category)
    if novelty:
        tasks = tasks.filter(novelty=novelty)
    return tasks


def _decision_text(decision: Decision) -> str:
    if decision.kind == Decision.Kind.GATE_GO and decision.from_phase and decision.to_phase:
        return _("%(kind)s, phase %(from)s → %(to)s") % {
            "kind": decision.get_kind_display(),
            "from": decision.from_phase,
            "to": decision.to_phase,
        }
    return decision.get_kind_display()


def _row(task: InnovationTask, decisions: list[Decision], today: date) -> Row:
    entered = [
        (d.decided_on, d.to_phase or FIRST)
        for d in decisions
        if d.kind == Decision.Kind.START or (d.kind == Decision.Kind.GATE_GO and d.to_phase)
    ]
    if not any(d.kind == Decision.Kind.START for d in decisions):
        entered.insert(0, (task.started_on, FIRST))
    entered.sort(key=lambda entry: entry[0])
    # The phase the task is in is the last one entered, whatever the record of its path says.
    last_day, _last_phase = entered[-1]
    entered[-1] = (last_day, task.phase)
    finished = task.ended_on if task.is_closed else today
    row = Row(task)
    for i, (day, number) in enumerate(entered):
        current = i == len(entered) - 1
        end = finished if current else entered[i + 1][0]
        row.spans.append(
            Span(BY_NUMBER[number], day, max(day, end), current=current and not task.is_closed)
        )
    row.marks = [Mark(d.decided_on, Mark.DECIDED, _decision_text(d)) for d in decisions]
    if not task.is_closed and task.next_gate_on:
        if task.next_gate_on > today:
            row.spans.append(Span(BY_NUMBER[task.phase], today, task.next_gate_on, planned=True))
        overdue = cards.is_gate_overdue(task, today)
        row.marks.append(
            Mark(
                task.next_gate_on,
                Mark.OVERDUE if overdue else Mark.PLANNED,
                _("Gate overdue") if overdue else _("Next gate, planned"),
            )
        )
    return row


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


def roadmap(
    *,
    today: date | None = None,
    start: date | None = None,
    end: date | None = None,
    status: str = "",
    area=None,
    category: str = "",
    novelty: str = "",
) -> Roadmap:
    """The tasks the filters choose that run in the period, with their phases and gates,
    and the meetings of the period. Without a chosen period: from the first month a task
    shown started to a year from today."""
    today = today or timezone.localdate()
    end = end or today + timedelta(days=AHEAD_DAYS)
    tasks = _tasks(status=status, area=area, category=category, novelty=novelty).filter(
        started_on__lte=end
    )
    if start is not None:
        tasks = tasks.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    tasks = list(tasks.order_by("started_on", "title", "pk")[: ROWS_SHOWN + 1])
    more = len(tasks) > ROWS_SHOWN
    tasks = tasks[:ROWS_SHOWN]

    decisions = defaultdict(list)
    for decision in Decision.objects.filter(
        task_id__in=[task.pk for task in tasks], kind__in=GATE_KINDS
    ).order_by("decided_on", "recorded_at", "pk"):
        decisions[decision.task_id].append(decision)
    rows = [_row(task, decisions[task.pk], today) for task in tasks]

    if start is None:
        start = _first_of_month(min([row.start for row in rows] or [today - timedelta(days=182)]))
    start = min(start, end - timedelta(days=1))
    meetings = list(
        Meeting.objects.filter(
            starts_at__gte=timezone.make_aware(datetime.combine(start, time.min)),
            starts_at__lt=timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min)),
        )
        .select_related("forum")
        .order_by("starts_at", "pk")[:MEETINGS_SHOWN]
    )
    return Roadmap(start=start, end=end, today=today, rows=rows, meetings=meetings, more=more)
