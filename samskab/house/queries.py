"""Reads of the innovation house, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Booking, Residency, ResidencySkill, Resource
from .services import Span, at, free_spans, local, open_days

# How far a feed reaches back and ahead.
FEED_PAST_DAYS = 30
FEED_AHEAD_DAYS = 400


def week_start(value: str | None, *, today: date | None = None) -> tuple[date, bool]:
    """The Monday of an ISO week written ``2026-W50``, and whether it was understood.

    Anything else (missing, malformed, out of range) gives the current week.
    """
    today = today or timezone.localdate()
    this_week = today - timedelta(days=today.weekday())
    if not value:
        return this_week, True
    year, _sep, week = value.strip().upper().partition("-W")
    try:
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return this_week, False
    if not 2000 <= monday.year <= today.year + 25:
        return this_week, False
    return monday, True


def week_label(monday: date) -> str:
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def shown_days(monday: date) -> list[date]:
    """The days of the week the house is open (all seven if it opens on none)."""
    days = [monday + timedelta(days=i) for i in range(7)]
    return [day for day in days if day.isoweekday() in open_days()] or days


def resources():
    return Resource.objects.filter(active=True).order_by("kind", "name")


def bookings_between(starts: date, ends: date, *, resource: Resource | None = None):
    """Active bookings from the first day up to (not including) the last, with what a
    calendar shows of them (one query)."""
    bookings = (
        Booking.objects.active()
        .overlapping(at(starts, time.min), at(ends, time.min))
        .select_related("resource", "booked_for")
        .order_by("starts_at", "pk")
    )
    if resource is not None:
        bookings = bookings.filter(resource=resource)
    return bookings


def title_shown(booking: Booking, *, titles: bool) -> str:
    """The booking's title for a reader who may see titles, or when it is public; else "Busy"."""
    return booking.title if titles or booking.public else _("Busy")


@dataclass
class Entry:
    booking: Booking
    title: str

    @property
    def span(self) -> str:
        return str(Span(self.booking.starts_at, self.booking.ends_at))


@dataclass
class DayRow:
    day: date
    entries: list[Entry] = field(default_factory=list)
    free: list[Span] = field(default_factory=list)
    bookable: bool = False


@dataclass
class HouseRow:
    resource: Resource
    cells: list[list[Entry]]


def house_week(monday: date, *, titles: bool) -> tuple[list[date], list[HouseRow]]:
    """Every bookable resource by every open day of the week (two queries)."""
    days = shown_days(monday)
    by_cell: dict[tuple[int, date], list[Entry]] = defaultdict(list)
    for booking in bookings_between(days[0], days[-1] + timedelta(days=1)):
        by_cell[(booking.resource_id, local(booking.starts_at).date())].append(
            Entry(booking, title_shown(booking, titles=titles))
        )
    rows = [
        HouseRow(resource, [by_cell[(resource.pk, day)] for day in days])
        for resource in resources()
    ]
    return days, rows


def resource_week(resource: Resource, monday: date, *, titles: bool) -> list[DayRow]:
    """The resource's bookings and free times on each open day of the week (one query)."""
    days = shown_days(monday)
    rows = {day: DayRow(day) for day in days}
    for booking in bookings_between(days[0], days[-1] + timedelta(days=1), resource=resource):
        row = rows.get(local(booking.starts_at).date())
        if row is not None:
            row.entries.append(Entry(booking, title_shown(booking, titles=titles)))
    now = timezone.now()
    for row in rows.values():
        busy = [(e.booking.starts_at, e.booking.ends_at) for e in row.entries]
        row.free = [span for span in free_spans(row.day, busy) if span.ends_at > now]
        row.bookable = resource.active and bool(row.free)
    return list(rows.values())


def current_residencies(on: date | None = None):
    """Residencies running on the day, with the resident, the desk and the skills (two queries)."""
    on = on or timezone.localdate()
    return (
        Residency.objects.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("person", "organisation", "desk")
        .prefetch_related(
            Prefetch(
                "skills",
                queryset=ResidencySkill.objects.select_related("competency").order_by(
                    "-level", "competency__name"
                ),
            )
        )
        .order_by("starts_on", "pk")
    )


def all_residencies():
    return (
        Residency.objects.select_related("person", "organisation", "desk")
        .prefetch_related(
            Prefetch("skills", queryset=ResidencySkill.objects.select_related("competency"))
        )
        .order_by("-starts_on", "pk")
    )


def bookings_of(user, *, limit: int = 100):
    """The user's coming bookings (made by them or for them), soonest first (one query)."""
    person = getattr(user, "person", None)
    mine = Q(booked_by=user)
    if person is not None:
        mine |= Q(booked_for=person)
    return (
        Booking.objects.active()
        .filter(mine, ends_at__gt=timezone.now())
        .select_related("resource", "series")
        .order_by("starts_at", "pk")[:limit]
    )


def feed_bookings(*, resource: Resource | None = None):
    """The bookings a calendar feed holds: from a month ago to a year ahead (one query)."""
    today = timezone.localdate()
    return bookings_between(
        today - timedelta(days=FEED_PAST_DAYS),
        today + timedelta(days=FEED_AHEAD_DAYS),
        resource=resource,
    )
