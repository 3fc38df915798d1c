"""Who may see, sign up to and run the innovation unit's events.

A published public event is for everyone, an internal one for employees. Drafts are
the innovation unit's; a cancelled event stays visible to those who could see it, so
that the people signed up read why. The innovation unit (staff and chief) makes,
publishes and cancels events, keeps the list of participants and records attendance;
only the unit sees participants' e-mail addresses. Anyone who may see a public event
signs up to it (without an account by e-mail); an internal one takes employees only.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_employee, is_unit_staff

from .models import Audience, Event


@rules.predicate
def is_published_or_cancelled(user, event) -> bool:
    return isinstance(event, Event) and event.status != Event.Status.DRAFT


@rules.predicate
def is_public(user, event) -> bool:
    return isinstance(event, Event) and event.audience == Audience.PUBLIC


can_see = is_unit_staff | (is_published_or_cancelled & (is_public | is_employee))

rules.add_perm("events.view_event", can_see)
rules.add_perm("events.manage_events", is_unit_staff)
rules.add_perm("events.view_participants", is_unit_staff)
rules.add_perm("events.sign_up", is_published_or_cancelled & (is_public | is_employee))


def visible_q(user) -> Q:
    """The events ``user`` may see, as a filter (the list's rule, the same as ``can_see``)."""
    if is_unit_staff(user):
        return Q()
    shown = ~Q(status=Event.Status.DRAFT)
    if is_employee(user):
        return shown
    return shown & Q(audience=Audience.PUBLIC)


def get_event_for(user, pk: int, *, perm: str = "events.view_event") -> Event:
    """The event, for those who may see it; PermissionDenied for what they may not do."""
    event = get_object_or_404(Event.objects.select_related("resource", "task"), pk=pk)
    if not user.has_perm("events.view_event", event):
        raise Http404  # an outsider learns nothing, not even that it exists
    if perm != "events.view_event" and not user.has_perm(perm, event):
        raise PermissionDenied
    return event
