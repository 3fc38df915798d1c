"""Reads of the portfolio: the board, the list, a task's page. Fixed query counts."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import QuerySet

from .. import cards
from ..models import ExitCheck, ExitCriterion, InnovationTask, TaskProposal
from ..phases import PHASES, Phase


@dataclass
class Column:
    phase: Phase
    tasks: list[InnovationTask]


@dataclass
class WipStatus:
    active: int
    minimum: int
    maximum: int

    @property
    def full(self) -> bool:
        """At the limit or beyond it: no task starts without a decision to exceed it."""
        return self.active >= self.maximum

    @property
    def over(self) -> bool:
        """Beyond the limit, which only decisions to exceed it allow."""
        return self.active > self.maximum

    @property
    def over_by(self) -> int:
        return max(0, self.active - self.maximum)

    @property
    def too_few(self) -> bool:
        return self.active < self.minimum


def tasks_with_people() -> QuerySet[InnovationTask]:
    return InnovationTask.objects.select_related("owner", "owning_area")


def wip_status() -> WipStatus:
    return WipStatus(
        active=InnovationTask.objects.filter(status=InnovationTask.Status.ACTIVE).count(),
        minimum=settings.SAMSKAB_MIN_ACTIVE_TASKS,
        maximum=settings.SAMSKAB_MAX_ACTIVE_TASKS,
    )


OPEN = (InnovationTask.Status.ACTIVE, InnovationTask.Status.PAUSED)


def open_tasks(
    *, area=None, status: str = "", category: str = "", novelty: str = ""
) -> QuerySet[InnovationTask]:
    """Active and paused tasks, by the board's and the roadmap's filters."""
    tasks = tasks_with_people().filter(status__in=[status] if status in OPEN else OPEN)
    if area is not None:
        tasks = tasks.filter(owning_area=area)
    if category:
        tasks = tasks.filter(category=category)
    if novelty:
        tasks = tasks.filter(novelty=novelty)
    return tasks


def board(*, today: date | None = None, **filters) -> list[Column]:
    """Active and paused tasks by phase, each with its card's signals (``cards``).

    One query for the tasks, and the signals' own for all of them at once: the
    count does not grow with the number of tasks.
    """
    tasks = list(open_tasks(**filters).order_by("phase", "title", "pk"))
    signals = cards.signals_for(tasks, today=today)
    by_phase: dict[int, list[InnovationTask]] = {phase.number: [] for phase in PHASES}
    for task in tasks:
        task.card_signals = signals[task.pk]
        by_phase[task.phase].append(task)
    return [Column(phase=phase, tasks=by_phase[phase.number]) for phase in PHASES]


def task_list(*, status: str = "", area=None, phase: int | None = None) -> QuerySet[InnovationTask]:
    tasks = tasks_with_people()
    if status:
        tasks = tasks.filter(status=status)
    if area is not None:
        tasks = tasks.filter(owning_area=area)
    if phase:
        tasks = tasks.filter(phase=phase)
    return tasks.order_by("status", "phase", "title", "pk")


def proposals_awaiting() -> QuerySet[TaskProposal]:
    return TaskProposal.objects.filter(status=TaskProposal.Status.AWAITING).select_related(
        "owner", "owning_area"
    )


def exit_checklist(task: InnovationTask) -> list[tuple[ExitCriterion, ExitCheck | None]]:
    """The current phase's checklist with what is ticked, in two queries."""
    criteria = list(ExitCriterion.objects.filter(phase=task.phase, active=True))
    checks = {
        check.criterion_id: check
        for check in ExitCheck.objects.filter(task=task, criterion__in=criteria).select_related(
            "checked_by__person"
        )
    }
    return [(criterion, checks.get(criterion.pk)) for criterion in criteria]


# A closure flag Samskab raised is a code with parameters, which the diff of the history
# does not see (they are not editable): the flag is shown as the task's page shows it
# (closure_reason), in the reader's language, whether typed or raised.
RENDERED = {"closure_flag": "closure_reason"}


def history_of(record, *, limit: int = 50) -> list[dict]:
    """Who changed what on a task or an assessment, newest first, field by field."""
    task = record
    records = list(
        task.history.select_related("history_user__person").order_by(
            "-history_date", "-history_id"
        )[: limit + 1]
    )
    model = type(record)
    rendered = {name: shown for name, shown in RENDERED.items() if hasattr(model, shown)}
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        fields = []
        if older is not None:
            fields = [
                {
                    "field": model._meta.get_field(change.field).verbose_name,
                    "old": change.old,
                    "new": change.new,
                }
                for change in newer.diff_against(older).changes
                if change.field != "updated_at" and change.field not in rendered
            ]
            for name, shown in rendered.items():
                old, new = getattr(older.instance, shown), getattr(newer.instance, shown)
                if old != new:
                    field = model._meta.get_field(name).verbose_name
                    fields.append({"field": field, "old": old, "new": new})
        changes.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "type": newer.history_type,
                "fields": fields,
            }
        )
    return changes[:limit]
