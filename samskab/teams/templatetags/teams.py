from django import template

from .. import queries
from ..permissions import members_shown_to

register = template.Library()


@register.inclusion_tag("teams/panel.html", takes_context=True)
def team_panel(context, task):
    """The team on the task page: current members, their total allocation, uncovered needs."""
    user = context["request"].user
    members, past = queries.split_memberships(
        queries.memberships_of(task, shown=members_shown_to(user))
    )
    load = queries.loads({m.person_id for m in members}) if members else {}
    coverage = queries.coverage_of(task, members)
    return {
        "task": task,
        "members": [(m, load.get(m.person_id, 0)) for m in members],
        "past": past,
        "gaps": coverage.gaps,
        "can_manage": user.has_perm("teams.manage_team", task),
    }
