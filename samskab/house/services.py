"""Every write of the innovation house, with its rules.

A resource is never booked twice for the same time. On PostgreSQL the database refuses
it (an exclusion constraint over the resource and the time range, migration
0003_booking_no_overlap_on_postgresql): two people who book at the same moment both pass
the check below, and the second insert waits for the first and is refused; the refusal
is turned into the same Danish message as the check's. On SQLite every write transaction
begins with ``BEGIN IMMEDIATE`` (settings), so writes serialise and the check is safe.
A recurring booking is all or nothing.
"""

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.organisation.models import Competency, Person
from samskab.portfolio.models import InnovationTask

from . import constraints
from .models import Booking, BookingSeries, FeedToken, Residency, ResidencySkill, Resource

# Opening hours -------------------------------------------------------------------------


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _clock(text: str) -> time:
    hours, _sep, minutes = text.partition(":")
    return time(int(hours), int(minutes or 0))


def opening_hours() -> tuple[time, time]:
    """When the house opens and closes, local time (SAMSKAB_HOUSE_OPENS, _CLOSES)."""
    return _clock(settings.SAMSKAB_HOUSE_OPENS), _clock(settings.SAMSKAB_HOUSE_CLOSES)


def open_days() -> frozenset[int]:
    """The ISO weekdays the house is open (SAMSKAB_HOUSE_DAYS; 1 is Monday)."""
    return frozenset(int(day) for day in settings.SAMSKAB_HOUSE_DAYS.split(",") if day.strip())


def at(day: date, clock: time) -> datetime:
    """The moment ``clock`` on ``day`` in Copenhagen, right across summer time."""
    return datetime.combine(day, clock, tzinfo=zone())


def local(moment: datetime) -> datetime:
    return moment.astimezone(zone())


def span_text(starts_at: datetime, ends_at: datetime) -> str:
    return f"{local(starts_at):%H:%M}–{local(ends_at):%H:%M}"


@dataclass(frozen=True)
class Span:
    starts_at: datetime
    ends_at: datetime

    def __str__(self) -> str:
        return span_text(self.starts_at, self.ends_at)


def free_spans(day: date, busy: Iterable[tuple[datetime, datetime]]) -> list[Span]:
    """The free times of ``day`` within the opening hours, around the ``busy`` spans."""
    if day.isoweekday() not in open_days():
        return []
    opens, closes = opening_hours()
    cursor, end = at(day, opens), at(day, closes)
    free = []
    for starts_at, ends_at in sorted(busy):
        if starts_at > cursor:
            free.append(Span(cursor, min(starts_at, end)))
        cursor = max(cursor, ends_at)
        if cursor >= end:
            break
    if cursor < end:
        free.append(Span(cursor, end))
    return [span for span in free if span.ends_at > span.starts_at]


def _day_bookings(resource: Resource, day: date) -> list[Booking]:
    return list(
        Booking.objects.active()
        .filter(resource=resource)
        .overlapping(at(day, time.min), at(day + timedelta(days=1), time.min))
        .order_by("starts_at")
    )


def taken_message(resource: Resource, starts_at: datetime, ends_at: datetime) -> str:
    """ "Det store mødelokale er optaget 10:00–12:00. Ledigt samme dag: 07:00–10:00, …"."""
    day = local(starts_at).date()
    bookings = _day_bookings(resource, day)
    colliding = [b for b in bookings if b.starts_at < ends_at and b.ends_at > starts_at]
    busy = ", ".join(span_text(b.starts_at, b.ends_at) for b in colliding or bookings)
    free = free_spans(day, [(b.starts_at, b.ends_at) for b in bookings])
    if not free:
        return _("%(resource)s is booked %(busy)s. Nothing is free the same day.") % {
            "resource": resource.name,
            "busy": busy,
        }
    return _("%(resource)s is booked %(busy)s. Free the same day: %(free)s.") % {
        "resource": resource.name,
        "busy": busy,
        "free": ", ".join(str(span) for span in free),
    }


# Bookings ------------------------------------------------------------------------------


def _check_time(resource: Resource, starts_at: datetime, ends_at: datetime) -> None:
    if not resource.active:
        raise ValidationError(_("%(resource)s cannot be booked.") % {"resource": resource.name})
    if ends_at <= starts_at:
        raise ValidationError({"ends": _("The booking must end after it begins.")})
    start, end = local(starts_at), local(ends_at)
    if start.date() != end.date():
        raise ValidationError({"ends": _("A booking begins and ends on the same day.")})
    if start.isoweekday() not in open_days():
        raise ValidationError({"day": _("The house is closed that day.")})
    opens, closes = opening_hours()
    if start.time() < opens or end.time() > closes:
        raise ValidationError(
            _("The house is open %(opens)s–%(closes)s; book within the opening hours.")
            % {"opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}
        )
    if starts_at < timezone.now():
        raise ValidationError({"day": _("A booking cannot begin in the past.")})


def _check_booker(*, by: User, booked_for: Person | None) -> None:
    own = getattr(by, "person", None)
    if booked_for is not None and booked_for != own and not by.has_perm("house.book_for_others"):
        raise ValidationError({"booked_for": _("Only the innovation unit books for others.")})


def _collides(resource: Resource, starts_at: datetime, ends_at: datetime) -> bool:
    return (
        Booking.objects.active().filter(resource=resource).overlapping(starts_at, ends_at).exists()
    )


@transaction.atomic
def booking_create(
    *,
    resource: Resource,
    starts_at: datetime,
    ends_at: datetime,
    title: str,
    by: User,
    public: bool = False,
    task: InnovationTask | None = None,
    booked_for: Person | None = None,
) -> Booking:
    """Book ``resource`` from ``starts_at`` to ``ends_at``; refused when it is taken then,
    with the resource's busy and free times that day."""
    _check_time(resource, starts_at, ends_at)
    _check_booker(by=by, booked_for=booked_for)
    booking = Booking(
        resource=resource,
        starts_at=starts_at,
        ends_at=ends_at,
        title=title.strip(),
        public=public,
        task=task,
        booked_by=by,
        booked_for=booked_for or getattr(by, "person", None),
    )
    booking.full_clean()
    if _collides(resource, starts_at, ends_at):
        raise ValidationError(taken_message(resource, starts_at, ends_at))
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:  # another booking of the same time was just made
        if not constraints.is_overlap(error):
            raise
        raise ValidationError(taken_message(resource, starts_at, ends_at)) from error
    return booking


@transaction.atomic
def event_hold(
    *,
    resource: Resource,
    starts_at: datetime,
    ends_at: datetime,
    title: str,
    by: User,
    public: bool = False,
    task: InnovationTask | None = None,
    replacing: Booking | None = None,
) -> Booking:
    """Hold ``resource`` for an event (events.services): a booking like any other, so
    nobody books the room the event is in, and the event is refused a room already taken.
    An event may be held outside the opening hours, on a closed day and over midnight.
    ``replacing`` is the event's earlier hold, given up when the event moves."""
    if not resource.active:
        raise ValidationError(_("%(resource)s cannot be booked.") % {"resource": resource.name})
    if replacing is not None and not replacing.is_cancelled:
        booking_release(booking=replacing, by=by)
    booking = Booking(
        resource=resource,
        starts_at=starts_at,
        ends_at=ends_at,
        title=title.strip()[: Booking._meta.get_field("title").max_length],
        public=public,
        task=task,
        booked_by=by,
        booked_for=getattr(by, "person", None),
    )
    booking.full_clean()
    if _collides(resource, starts_at, ends_at):
        raise ValidationError(taken_message(resource, starts_at, ends_at))
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:  # another booking of the same time was just made
        if not constraints.is_overlap(error):
            raise
        raise ValidationError(taken_message(resource, starts_at, ends_at)) from error
    _touch()
    return booking


def booking_release(*, booking: Booking, by: User) -> None:
    """Give up an event's hold (the event moved, left the house or was cancelled)."""
    if booking.is_cancelled:
        return
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.save(update_fields=["cancelled_at", "cancelled_by", "updated_at"])
    _touch()


def occurrences(first: date, *, every_weeks: int, until: date) -> list[date]:
    days = []
    day = first
    while day <= until:
        days.append(day)
        day += timedelta(weeks=every_weeks)
    return days


def _series_refusal(resource: Resource, spans: list[tuple[datetime, datetime]]) -> str:
    dates = [
        formats.date_format(local(starts_at).date(), "SHORT_DATE_FORMAT")
        for starts_at, ends_at in spans
        if _collides(resource, starts_at, ends_at)
    ]
    return _("Nothing was booked: %(resource)s is already booked on %(dates)s.") % {
        "resource": resource.name,
        "dates": ", ".join(dates),
    }


@transaction.atomic
def series_create(
    *,
    resource: Resource,
    first: date,
    starts: time,
    ends: time,
    every_weeks: int,
    until: date,
    title: str,
    by: User,
    public: bool = False,
    task: InnovationTask | None = None,
    booked_for: Person | None = None,
) -> BookingSeries:
    """Book ``resource`` at the same local time every ``every_weeks`` weeks from ``first``
    until ``until``: every occurrence or none. 09:00 stays 09:00 across summer time."""
    if until < first:
        raise ValidationError({"until": _("The last day cannot be before the first.")})
    most = settings.SAMSKAB_HOUSE_MAX_OCCURRENCES
    if (until - first).days // (7 * every_weeks) + 1 > most:
        raise ValidationError(
            {
                "until": _(
                    "A recurring booking has at most %(most)d occurrences; choose an earlier "
                    "last day."
                )
                % {"most": most}
            }
        )
    days = occurrences(first, every_weeks=every_weeks, until=until)
    spans = [(at(day, starts), at(day, ends)) for day in days]
    for starts_at, ends_at in spans:
        _check_time(resource, starts_at, ends_at)
    _check_booker(by=by, booked_for=booked_for)
    series = BookingSeries(resource=resource, every_weeks=every_weeks, until=until, booked_by=by)
    series.full_clean()
    bookings = [
        Booking(
            resource=resource,
            starts_at=starts_at,
            ends_at=ends_at,
            title=title.strip(),
            public=public,
            task=task,
            booked_by=by,
            booked_for=booked_for or getattr(by, "person", None),
        )
        for starts_at, ends_at in spans
    ]
    for booking in bookings:
        booking.full_clean(exclude=["series"])
    if any(_collides(resource, starts_at, ends_at) for starts_at, ends_at in spans):
        raise ValidationError(_series_refusal(resource, spans))
    try:
        with transaction.atomic():
            series.save()
            for booking in bookings:
                booking.series = series
            Booking.objects.bulk_create(bookings)
    except IntegrityError as error:
        if not constraints.is_overlap(error):
            raise
        raise ValidationError(_series_refusal(resource, spans)) from error
    _touch()
    return series


def _touch() -> None:
    from samskab.core import freshness

    freshness.touch("house")


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User) -> Booking:
    """Cancel one booking; it stays as history and no longer holds its time."""
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.is_cancelled:
        raise ValidationError(_("The booking is already cancelled."))
    if booking.ends_at <= timezone.now():
        raise ValidationError(_("A booking that has ended cannot be cancelled."))
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.save(update_fields=["cancelled_at", "cancelled_by", "updated_at"])
    return booking


@transaction.atomic
def series_cancel_rest(*, booking: Booking, by: User) -> int:
    """Cancel this occurrence of a recurring booking and every later one; returns how many."""
    if booking.series_id is None:
        raise ValidationError(_("The booking is not part of a recurring booking."))
    now = timezone.now()
    rest = Booking.objects.active().filter(
        series_id=booking.series_id, starts_at__gte=booking.starts_at, ends_at__gt=now
    )
    cancelled = rest.update(cancelled_at=now, cancelled_by=by, updated_at=now)
    if not cancelled:
        raise ValidationError(_("Nothing is left of the recurring booking to cancel."))
    _touch()
    return cancelled


# Residencies ---------------------------------------------------------------------------


@transaction.atomic
def residency_save(
    *, residency: Residency, skills: Mapping[Competency, int], by: User
) -> Residency:
    """Save a residency and the competencies the resident contributes (level 1-4 each).

    Consent to be proposed to teams is recorded when, and to what; a resident from
    outside the municipality only.
    """
    errors = {}
    if residency.person_id and residency.person.kind in {
        Person.Kind.EMPLOYEE,
        Person.Kind.POLITICIAN,
    }:
        errors["person"] = _("A resident is a person from outside the municipality.")
    if bool(residency.consent_on) != bool(residency.consent_to.strip()):
        errors["consent_to"] = _("Record both when the resident consented and to what.")
    elif residency.consent_on and residency.consent_on > timezone.localdate():
        errors["consent_on"] = _("Consent cannot be dated in the future.")
    if residency.desk_id and residency.desk.kind != Resource.Kind.DESK:
        errors["desk"] = _("Choose a desk.")
    if errors:
        raise ValidationError(errors)
    residency.consent_to = residency.consent_to.strip()
    residency.full_clean()
    residency.save()
    wanted = {competency.pk: level for competency, level in skills.items() if level}
    residency.skills.exclude(competency_id__in=wanted).delete()
    existing = {skill.competency_id: skill for skill in residency.skills.all()}
    for competency_id, level in wanted.items():
        skill = existing.get(competency_id) or ResidencySkill(
            residency=residency, competency_id=competency_id
        )
        if skill.pk and skill.level == level:
            continue
        skill.level = level
        skill.full_clean()
        skill.save()
    return residency


@transaction.atomic
def resource_save(*, resource: Resource, by: User) -> Resource:
    """Describe a resource of the house; taking it out of use keeps its bookings."""
    resource.name = resource.name.strip()
    resource.full_clean()
    resource.save()
    _touch()
    return resource


# Calendar feeds ------------------------------------------------------------------------


@transaction.atomic
def feed_token_renew(*, user: User) -> FeedToken:
    """A new secret feed address for ``user``; the old one stops working at once."""
    token, _created = FeedToken.objects.select_for_update().get_or_create(
        user=user, defaults={"key": secrets.token_urlsafe(32)}
    )
    if not _created:
        token.key = secrets.token_urlsafe(32)
        token.save(update_fields=["key", "updated_at"])
    return token


@transaction.atomic
def feed_token_revoke(*, user: User) -> None:
    FeedToken.objects.filter(user=user).delete()
