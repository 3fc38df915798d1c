"""The task page's "Economy" panel: three figures, rendered by this app so the portfolio's
view need not know it."""

from django import template
from django.utils import timezone

from .. import queries_task

register = template.Library()


@register.inclusion_tag("finance/panel.html", takes_context=True)
def finance_panel(context, task):
    user = context["request"].user
    if not user.has_perm("finance.view_task_economy", task):
        return {"show": False}
    figures = queries_task.figures_for([task], today=timezone.localdate())[task.pk]
    return {"show": True, "task": task, "figures": figures}
