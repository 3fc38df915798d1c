from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("methods/panel.html", takes_context=True)
def methods_panel(context, task):
    """The task page's card: the methods the task used, and methods for its current phase.

    Two queries: the task's uses (shared with its story) and the cards of the phase.
    """
    user = context["request"].user
    if not user.has_perm("methods.view_uses", task):
        return {"show": False}
    return {
        "show": True,
        "task": task,
        "uses": queries.uses_of(task),
        "suggestions": queries.suggestions(task),
        "can_record": not task.is_closed and user.has_perm("methods.record_use", task),
    }
