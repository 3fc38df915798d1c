"""What a task's card on the portfolio board says about it: signals the apps register.

Like gates.py and governance/briefs.py: this module holds the mechanism and the
signals the portfolio knows itself (the next gate and whether it is overdue, a
pause, a flag for closure). Evidence, benefits and teams register theirs in
their AppConfig.ready(): the best evidence level and a missed trial, the
benefits against their profile, the team's gaps.

A signal's ``compute`` gets every task on the board at once and returns what to
show on each card, by task id, so that a board of forty tasks runs as many
queries as a board of two. Each signal is a whole statement in words ("Gate
overdue: 12.03.2026"); its tone only repeats in colour what the words say.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import InnovationTask

# The badge's colour, which only repeats what its text says (badge-<tone>: DKFDS's, and neutral).
NEUTRAL, INFO, GOOD, WARNING = "neutral", "info", "success", "warning"


@dataclass(frozen=True)
class Signal:
    """One thing a card says, in words."""

    text: str  # the badge: short, whole ("Benefits behind profile")
    tone: str = NEUTRAL
    detail: str = ""  # more, beside the badge ("Missing: Data analysis, Law")


@dataclass(frozen=True)
class CardSignal:
    key: str
    label: Promise  # what the signal is about, for the legend: "Next gate"
    position: int
    # Every task on the board, and today; returns the signals of the tasks that have one.
    compute: Callable[[Sequence[InnovationTask], date], Mapping[int, Signal | Sequence[Signal]]]
    explanation: Promise | str = ""  # what the signal means, in the board's legend
    icon: str = ""  # a DKFDS icon drawn before the badge's text (decoration only)


@dataclass(frozen=True)
class Shown:
    """A signal on one card, with the registered signal it came from."""

    key: str
    icon: str
    signal: Signal

    @property
    def text(self) -> str:
        return self.signal.text

    @property
    def tone(self) -> str:
        return self.signal.tone

    @property
    def detail(self) -> str:
        return self.signal.detail


_REGISTRY: dict[str, CardSignal] = {}


def register(signal: CardSignal) -> CardSignal:
    """Add a signal, or take the place of the one with the same key."""
    _REGISTRY[signal.key] = signal
    return signal


def registered() -> list[CardSignal]:
    return sorted(_REGISTRY.values(), key=lambda signal: (signal.position, signal.key))


def signals_for(
    tasks: Sequence[InnovationTask], *, today: date | None = None
) -> dict[int, list[Shown]]:
    """Each task's signals in the registry's order, by task id (a task with none: [])."""
    today = today or timezone.localdate()
    shown: dict[int, list[Shown]] = {task.pk: [] for task in tasks}
    if not tasks:
        return shown
    for card_signal in registered():
        for task_id, result in card_signal.compute(tasks, today).items():
            if task_id not in shown or not result:
                continue
            for signal in [result] if isinstance(result, Signal) else result:
                shown[task_id].append(Shown(card_signal.key, card_signal.icon, signal))
    return shown


# The signals the portfolio knows --------------------------------------------------


def _date(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def is_gate_overdue(task: InnovationTask, today: date) -> bool:
    """An active task's next gate lies before today (a paused task's gate waits with it)."""
    return (
        task.status == InnovationTask.Status.ACTIVE
        and task.next_gate_on is not None
        and task.next_gate_on < today
    )


def _next_gate(tasks, today) -> dict[int, Signal]:
    result = {}
    for task in tasks:
        if task.next_gate_on is None:
            continue
        if is_gate_overdue(task, today):
            result[task.pk] = Signal(
                _("Gate overdue: %(date)s") % {"date": _date(task.next_gate_on)}, WARNING
            )
        else:
            result[task.pk] = Signal(_("Next gate: %(date)s") % {"date": _date(task.next_gate_on)})
    return result


def _paused(tasks, today) -> dict[int, Signal]:
    return {
        task.pk: Signal(_("Paused"), INFO)
        for task in tasks
        if task.status == InnovationTask.Status.PAUSED
    }


def _flagged(tasks, today) -> dict[int, Signal]:
    return {
        task.pk: Signal(_("Flagged for closure"), WARNING, detail=task.closure_reason)
        for task in tasks
        if task.closure_reason
    }


NEXT_GATE = register(
    CardSignal(
        key="next-gate",
        label=gettext_lazy("Next gate"),
        position=10,
        compute=_next_gate,
        explanation=gettext_lazy(
            "The date of the task's next gate decision, as the forum set it. "
            "“Gate overdue” when the date has passed and the task is active."
        ),
        icon="calendar-month",
    )
)
PAUSED = register(
    CardSignal(
        key="paused",
        label=gettext_lazy("Paused"),
        position=90,
        compute=_paused,
        explanation=gettext_lazy("The executive board has paused the task."),
        icon="hourglass",
    )
)
FLAGGED = register(
    CardSignal(
        key="flagged",
        label=gettext_lazy("Flagged for closure"),
        position=95,
        compute=_flagged,
        explanation=gettext_lazy(
            "The task may not create enough value: every concluded trial missed, or the "
            "unit flagged it. It goes on the executive board's next agenda."
        ),
        icon="flag",
    )
)
