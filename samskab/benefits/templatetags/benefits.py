"""The task page's "Benefit realisation" panel, rendered by this app so the portfolio's view need not know it."""

from django import template

from samskab.core import formatting

from .. import charts, queries
from ..models import BenefitKind, BenefitLine

register = template.Library()


@register.inclusion_tag("benefits/panel.html", takes_context=True)
def benefits_panel(context, task):
    user = context["request"].user
    if not user.has_perm("benefits.view_benefits", task):
        return {"show": False}
    benefits = queries.task_benefits(task)
    curves = queries.benefit_curves(benefits)
    return {
        "show": True,
        "task": task,
        "benefits": benefits,
        "curves": [(curve, charts.curve_chart(curve)) for curve in curves],
        "can_draft": user.has_perm("benefits.draft_agreement", task) and not task.is_closed,
    }


@register.filter
def amount(value, of) -> str:
    """An amount of a kind (``economic`` is kroner) or of a benefit line: "1.234 kr." or "12,5"."""
    in_kroner = of.is_kroner if isinstance(of, BenefitLine) else of == BenefitKind.ECONOMIC
    return formatting.kroner(value) if in_kroner else formatting.number(value, decimals=2)


@register.filter
def with_unit(value, line: BenefitLine) -> str:
    """An amount of a benefit line with its unit: "1.234 kr." or "12,5 timer"."""
    if line.is_kroner:
        return formatting.kroner(value)
    return f"{formatting.number(value, decimals=2)}{formatting.NBSP}{line.unit}"
