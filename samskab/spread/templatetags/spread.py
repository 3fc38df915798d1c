from django import template

from ..models import Adoption, ScalingPlan, Uptake
from ..queries import degree_of, running_by_unit

register = template.Library()


@register.inclusion_tag("spread/panel.html")
def spread_panel(task):
    """The task page's card: the degree of scaling, the plan's status and the spreading so far.

    Shown from phase 4 on (when scaling is being prepared), and whenever there is something to tell.
    """
    plan = ScalingPlan.objects.filter(task=task).first()
    degree = degree_of(task)
    uptakes = Uptake.objects.filter(task=task).exclude(state=Uptake.State.DECLINED).count()
    return {
        "task": task,
        "plan": plan,
        "degree": degree,
        "uptakes": uptakes,
        "show": task.phase >= 4 or plan is not None or degree.targets or uptakes,
    }


@register.simple_tag
def solutions_by_unit():
    """The solutions each unit runs or prepares, by unit id (one query for the whole tree)."""
    return running_by_unit()


@register.filter
def solutions_of(by_unit: dict, unit_id: int) -> list:
    return by_unit.get(unit_id, [])


@register.inclusion_tag("spread/unit_solutions.html")
def unit_solutions(unit):
    """The solutions of innovation tasks a unit takes into use, and where it stands with each."""
    return {
        "unit": unit,
        "adoptions": Adoption.objects.filter(unit=unit)
        .select_related("task")
        .order_by("task__title", "pk"),
    }
