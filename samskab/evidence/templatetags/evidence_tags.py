from dataclasses import dataclass

from django import template
from django.utils.translation import gettext as _

from samskab.core import formatting
from samskab.portfolio.models import InnovationTask

from .. import gates, queries
from ..effects import Effect
from ..models import Experiment

register = template.Library()


@register.inclusion_tag("evidence/task_panel.html", takes_context=True)
def evidence_panel(context, task: InnovationTask) -> dict:
    """The task page's trials: each with its evidence level, and the learning cards' advice."""
    user = context["request"].user
    experiments = queries.experiments_of(task)
    return {
        "task": task,
        "experiments": experiments,
        "concluded": [e for e in experiments if e.is_concluded],
        "gate_met": any(e.is_concluded and e.learning_card.effect_documented for e in experiments),
        "guards_gate": task.phase == gates.REQUIREMENT_PHASE and not task.is_closed,
        "can_add": not task.is_closed and user.has_perm("evidence.add_experiment", task),
    }


def _signed(value: float) -> str:
    text = formatting.number(value, decimals=2)
    return f"+{text}" if value > 0 else text


def _interval(interval) -> str:
    return _("%(low)s to %(high)s") % {
        "low": formatting.number(interval.low, decimals=2),
        "high": formatting.number(interval.high, decimals=2),
    }


@dataclass(frozen=True)
class Figures:
    """A concluded trial's effect as the task page shows it: figures in the reader's format."""

    experiment: Experiment
    effect: Effect
    change: str = ""  # the trial group's mean less the baseline, signed, with its unit
    change_interval: str = ""
    difference: str = ""  # less the comparison group's mean (designs with one)
    difference_interval: str = ""
    target: str = ""  # the improvement that counts as success

    @property
    def level(self) -> int:
        return self.experiment.learning_card.evidence_level

    @property
    def criterion_met(self) -> bool | None:
        return self.experiment.learning_card.criterion_met


def figures_of(experiment: Experiment, effect: Effect) -> Figures:
    unit = f"{formatting.NBSP}{experiment.unit}" if experiment.unit else ""
    values = {"target": formatting.number(experiment.target_change) + unit}
    if effect.change is not None:
        values["change"] = _signed(effect.change) + unit
    if effect.change_interval is not None:
        values["change_interval"] = _interval(effect.change_interval)
    if effect.difference is not None:
        values["difference"] = _signed(effect.difference.estimate) + unit
        values["difference_interval"] = _interval(effect.difference)
    return Figures(experiment, effect, **values)


@register.inclusion_tag("evidence/task_effects.html", takes_context=True)
def trial_effects(context, task: InnovationTask) -> dict:
    """Each concluded trial of the task with its effect and interval in figures."""
    if not context["request"].user.has_perm("evidence.view_experiment", task):
        return {"trials": []}
    return {
        "task": task,
        "trials": [figures_of(e, effect) for e, effect in queries.concluded_effects(task)],
    }
