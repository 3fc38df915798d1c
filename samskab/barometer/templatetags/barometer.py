"""The task page's "Innovation barometer" panel, rendered by this app so the portfolio's view need not know it."""

from django import template

from .. import queries, survey

register = template.Library()


@register.inclusion_tag("barometer/panel.html", takes_context=True)
def barometer_panel(context, task):
    user = context["request"].user
    if not user.has_perm("barometer.view_answers", task):
        return {"show": False}
    missing = len(survey.unanswered(queries.answers_of(task)))
    total = len(survey.QUESTIONS)
    return {
        "show": True,
        "task": task,
        "total": total,
        "answered": total - missing,
        "missing": missing,
        "can_change": user.has_perm("barometer.change_answers", task),
    }
