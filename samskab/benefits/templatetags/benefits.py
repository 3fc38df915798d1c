"""The task page's "Benefit realisation" panel, rendered by this app so the portfolio's view need not know it."""

from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("benefits/panel.html", takes_context=True)
def benefits_panel(context, task):
    user = context["request"].user
    if not user.has_perm("benefits.view_benefits", task):
        return {"show": False}
    benefits = queries.task_benefits(task)
    return {
        "show": True,
        "task": task,
        "benefits": benefits,
        "can_draft": user.has_perm("benefits.draft_agreement", task) and not task.is_closed,
    }
