"""What the portfolio board's cards say about trials: the best evidence, and a missed trial.

Both come from the learning cards, which keep a trial's evidence level and whether it
met its criterion as they stood when it was concluded: a running trial counts for
neither. One query for the whole board.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.portfolio import cards
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.phases import PhaseNumber

from .models import LearningCard


def _concluded(tasks: Sequence[InnovationTask]) -> dict[int, list[tuple[int, bool | None, str]]]:
    """Each task's concluded trials, in the order they ended: (level, criterion met, title)."""
    rows = (
        LearningCard.objects.filter(experiment__task_id__in=[task.pk for task in tasks])
        .order_by("experiment__ends_on", "experiment__starts_on", "experiment__pk")
        .values_list("experiment__task_id", "evidence_level", "criterion_met", "experiment__title")
    )
    by_task = defaultdict(list)
    for task_id, level, met, title in rows:
        by_task[task_id].append((level, met, title))
    return by_task


def _evidence(tasks, today: date) -> dict[int, list[cards.Signal]]:
    concluded = _concluded(tasks)
    result = {}
    for task in tasks:
        trials = concluded.get(task.pk, [])
        signals = []
        if trials:
            best = max(level for level, _met, _title in trials)
            signals.append(
                cards.Signal(_("Evidence level %(level)s") % {"level": best}, cards.INFO)
            )
            _level, met, title = trials[-1]
            if met is False:
                signals.append(
                    cards.Signal(_("Latest trial missed its criterion"), cards.WARNING, title)
                )
        elif task.phase >= PhaseNumber.DEVELOP:
            signals.append(cards.Signal(_("No concluded trial yet")))
        result[task.pk] = signals
    return result


SIGNAL = cards.CardSignal(
    key="evidence",
    label=gettext_lazy("Evidence from trials"),
    position=30,
    compute=_evidence,
    explanation=gettext_lazy(
        "The highest evidence level (1–5) among the task's concluded trials, as it stood when "
        "each was concluded; running trials do not count. “Latest trial missed its criterion” "
        "when the trial concluded last did not meet its success criterion."
    ),
    icon="science",
)


def register() -> None:
    cards.register(SIGNAL)
