"""The methods in a task's story: "Metode brugt: Brugerrejser (fase 1)" on the day it was used
(portfolio/timeline.py).

No query of its own beyond the task's uses, read once per task object and shared with the
task page's panel (``queries.uses_of``).
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask

from . import queries

# After the trials of the day, before what was realised and decided on it.
RANK_METHOD_USED = 35


def _events(task: InnovationTask, viewer) -> list[timeline.Event]:
    if not viewer.has_perm("methods.view_uses", task):
        return []
    events = []
    for use in queries.uses_of(task):
        details = [_("Rated %(rating)d of 5") % {"rating": use.rating}]
        if use.recorded_by and hasattr(use.recorded_by, "person"):
            details.append(use.recorded_by.person.name)
        events.append(
            timeline.Event(
                on=use.used_on,
                title=_("Method used: %(method)s (phase %(phase)d)")
                % {"method": use.method.title, "phase": use.phase},
                url=reverse("methods:method-detail", args=[use.method.slug]),
                details=tuple(details),
                rank=RANK_METHOD_USED,
            )
        )
    return events


SOURCE = timeline.EventSource(key="methods", events=_events)
