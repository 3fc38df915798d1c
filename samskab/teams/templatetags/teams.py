from django import template

from .. import queries
from ..permissions import members_shown_to

register = template.Library()


@register.inclusion_tag("teams/panel.html", takes_context=True)
def team_panel(context, task):
    """The team on the task page: current members, their total allocation, uncovered needs."""
    user = context["request"].user
    shown = members_shown_to(user)
    members = queries.current_members(task, shown=shown)
    load = queries.loads({m.person_id for m in members}) if members else {}
    coverage = queries.coverage_of(task, members)
    return {
        "task": task,
        "members": [(m, load.get(m.person_id, 0)) for m in members],
        "past": queries.past_members(task, shown=shown),
        "gaps": coverage.gaps,
        "can_manage": user.has_perm("teams.manage_team", task),
    }
