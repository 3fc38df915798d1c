"""Reads of events shared by the list, the event's page, the task page and the house."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import Event, SignUp
from .permissions import visible_q


def events_for(user, *, past: bool = False) -> QuerySet[Event]:
    """The events ``user`` may see: coming and running ones soonest first, or past ones
    latest first. The counts are columns of the event, so the list reads no sign-up."""
    now = timezone.now()
    events = Event.objects.filter(visible_q(user)).select_related("resource")
    if past:
        return events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return events.filter(ends_at__gte=now).order_by("starts_at", "pk")


def upcoming(user, *, resource=None, task=None, limit: int = 3) -> list[Event]:
    """The next published events ``user`` may see, in a resource of the house or of a task."""
    events = events_for(user).exclude(status=Event.Status.CANCELLED)
    if resource is not None:
        events = events.filter(resource=resource)
    if task is not None:
        events = events.filter(task=task)
    return list(events[:limit])


def signups_of(user, events) -> dict[int, SignUp]:
    """The user's own sign-up to each of ``events`` that has one, by event id (one query)."""
    if not user.is_authenticated:
        return {}
    return {
        signup.event_id: signup
        for signup in SignUp.objects.filter(user=user, event__in=[e.pk for e in events])
    }


def participants(event: Event) -> list[SignUp]:
    """Those who have a place, then the waiting list, each in the order they came to count."""
    return list(
        event.signups.filter(status__in=SignUp.ACTIVE)
        .select_related("user__person")
        .order_by("status", "position")  # "confirmed" sorts before "waiting"
    )
