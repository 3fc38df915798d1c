"""Events of a task in its story (portfolio/timeline.py): each workshop or meeting held
for the task, on the day it began, with how many took part. One query, whatever their
number; a reader sees the events they may see (drafts are the unit's)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask

from .models import Event
from .permissions import visible_q

RANK_EVENT = 25  # after people joining the team, before trials start


def _events(task: InnovationTask, viewer) -> list[timeline.Event]:
    events = (
        Event.objects.filter(visible_q(viewer), task=task)
        .exclude(status=Event.Status.DRAFT)
        .order_by("starts_at", "pk")
    )
    told = []
    for event in events:
        if event.status == Event.Status.CANCELLED:
            details = (_("Cancelled"),)
        else:
            details = (
                ngettext("%(count)d participant", "%(count)d participants", event.confirmed_count)
                % {"count": event.confirmed_count},
            )
        told.append(
            timeline.Event(
                on=timezone.localdate(event.starts_at),
                title=_("Event: %(title)s") % {"title": event.title},
                url=reverse("events:event-detail", args=[event.pk]),
                details=details,
                rank=RANK_EVENT,
            )
        )
    return told


SOURCE = timeline.EventSource(key="events", events=_events)
