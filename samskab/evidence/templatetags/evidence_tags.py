from django import template

from samskab.portfolio.models import InnovationTask

from .. import gates, queries

register = template.Library()


@register.inclusion_tag("evidence/task_panel.html", takes_context=True)
def evidence_panel(context, task: InnovationTask) -> dict:
    """The task page's trials: each with its evidence level, and the learning cards' advice."""
    user = context["request"].user
    experiments = list(queries.experiments_of(task))
    return {
        "task": task,
        "experiments": experiments,
        "concluded": [e for e in experiments if e.is_concluded],
        "gate_met": any(e.is_concluded and e.learning_card.effect_documented for e in experiments),
        "guards_gate": task.phase == gates.REQUIREMENT_PHASE and not task.is_closed,
        "can_add": not task.is_closed and user.has_perm("evidence.add_experiment", task),
    }
