from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("events/panel.html", takes_context=True)
def events_panel(context, task):
    """The task page's card: the task's coming events (a co-creation workshop in phase 1,
    say), and for the innovation unit a link to make one."""
    user = context["request"].user
    return {
        "task": task,
        "events": queries.upcoming(user, task=task, limit=5),
        "can_manage": user.has_perm("events.manage_events"),
    }


@register.inclusion_tag("events/upcoming.html", takes_context=True)
def upcoming_events(context, resource=None, limit: int = 3):
    """The next events the reader may see, all or those in one resource of the house:
    ``{% load events %}{% upcoming_events resource=resource %}``."""
    user = context["request"].user
    return {
        "events": queries.upcoming(user, resource=resource, limit=limit),
        "resource": resource,
    }
