"""The team in a task's story: who joined and who left, one event a day each
(portfolio/timeline.py).

No query of its own: the memberships are read once for the task page
(queries.memberships_of), whatever their number; a reader sees the members they may
see on the team (``permissions.members_shown_to``): an external participant only on
recorded consent, unless the reader is the innovation unit.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask

from . import queries
from .models import Role
from .permissions import members_shown_to


def _events(task: InnovationTask, viewer) -> list[timeline.Event]:
    if not viewer.has_perm("teams.view_team", task):
        return []
    roles = dict(Role.choices)
    memberships = sorted(
        queries.memberships_of(task, shown=members_shown_to(viewer)),
        key=lambda m: (m.starts_on, m.person.name, m.pk),
    )
    joined: dict = {}
    left: dict = {}
    for membership in memberships:
        who = f"{membership.person.name} ({str(roles[membership.role]).lower()})"
        joined.setdefault(membership.starts_on, []).append(who)
        if membership.ends_on is not None:
            left.setdefault(membership.ends_on, []).append(who)
    url = reverse("teams:team-detail", args=[task.pk])
    events = [
        timeline.Event(
            on=day,
            title=_("Joined the team"),
            url=url,
            details=(", ".join(who),),
            rank=timeline.RANK_JOINED,
        )
        for day, who in joined.items()
    ]
    events += [
        timeline.Event(
            on=day,
            title=_("Left the team"),
            url=url,
            details=(", ".join(who),),
            rank=timeline.RANK_LEFT,
        )
        for day, who in sorted(left.items())
    ]
    return events


SOURCE = timeline.EventSource(key="team", events=_events)
