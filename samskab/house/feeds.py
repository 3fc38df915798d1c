"""The house's calendars as iCalendar feeds (RFC 5545), written with the icalendar package.

Times are written in Europe/Copenhagen with its VTIMEZONE, so a weekly booking at 09:00
stays 09:00 local on both sides of the change to and from summer time. A feed for anyone
names a booking "Optaget" unless it was made public; a person's secret feed names them all.
"""

from collections.abc import Iterable
from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Booking
from .queries import title_shown
from .services import local


def _host() -> str:
    return settings.SAMSKAB_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "samskab"


def calendar(bookings: Iterable[Booking], *, name: str, titles: bool) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Samskab//Innovationshuset//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(UTC)
    host = _host()
    for booking in bookings:
        event = Event()
        event.add("uid", f"booking-{booking.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("last-modified", booking.updated_at.astimezone(UTC))
        event.add("dtstart", local(booking.starts_at))
        event.add("dtend", local(booking.ends_at))
        event.add("summary", title_shown(booking, titles=titles))
        event.add("location", booking.resource.name)
        event.add("transp", "OPAQUE")
        event.add("class", "PUBLIC" if booking.public or titles else "PRIVATE")
        cal.add_component(event)
    if not cal.events:
        # An empty calendar still names its time zone, for clients that add to it.
        probe = Event()
        probe.add("dtstart", local(timezone.now()))
        cal.add_component(probe)
        cal.add_missing_timezones()
        cal.subcomponents.remove(probe)
    else:
        cal.add_missing_timezones()
    return cal.to_ical()
