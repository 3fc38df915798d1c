from django import template

from samskab.portfolio.models import InnovationTask

from .. import queries

register = template.Library()


@register.inclusion_tag("network/panel.html", takes_context=True)
def partners_panel(context, task: InnovationTask) -> dict:
    """The task page's partners: its active partnerships with their organisations."""
    user = context["request"].user
    if not user.has_perm("network.view_partners"):
        return {"task": task, "hidden": True}
    return {
        "task": task,
        "links": queries.active_partnerships_of(task),
        "can_link": user.has_perm("network.change_partnership"),
    }
