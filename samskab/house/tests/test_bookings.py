"""The booking rules, each on both sides: no overlap, opening hours, series all or nothing."""

import threading
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from samskab.house import services
from samskab.house.models import Booking, BookingSeries
from samskab.organisation.models import Person

from .conftest import span


def book(resource, on, start, end, *, by, title="Workshop", **extra):
    starts_at, ends_at = span(on, start, end)
    return services.booking_create(
        resource=resource, starts_at=starts_at, ends_at=ends_at, title=title, by=by, **extra
    )


def test_an_overlapping_booking_is_refused_naming_the_free_times_that_day(room, day, employee):
    book(room, day, 10, 12, by=employee)
    with pytest.raises(ValidationError) as refused:
        book(room, day, 11, 13, by=employee)
    assert refused.value.messages == [
        "Det store mødelokale er optaget 10:00–12:00. Ledigt samme dag: 07:00–10:00, 12:00–18:00."
    ]
    assert Booking.objects.count() == 1


def test_a_booking_may_begin_when_another_ends(room, day, employee):
    book(room, day, 10, 12, by=employee)
    book(room, day, 12, 14, by=employee)
    book(room, day, 8, 10, by=employee)
    assert Booking.objects.count() == 3


def test_another_resource_at_the_same_time_is_free(room, workshop, day, employee):
    book(room, day, 10, 12, by=employee)
    book(workshop, day, 10, 12, by=employee)
    assert Booking.objects.count() == 2


def test_a_cancelled_booking_stays_but_no_longer_blocks(room, day, employee):
    first = book(room, day, 10, 12, by=employee)
    services.booking_cancel(booking=first, by=employee)
    book(room, day, 10, 12, by=employee)
    first.refresh_from_db()
    assert first.is_cancelled
    assert Booking.objects.count() == 2
    assert Booking.objects.active().count() == 1


def test_a_full_day_says_nothing_is_free(room, day, employee):
    book(room, day, 7, 18, by=employee)
    with pytest.raises(ValidationError, match="Intet er ledigt samme dag"):
        book(room, day, 9, 10, by=employee)


def test_bookings_keep_to_the_opening_hours_and_days(room, day, employee, settings):
    with pytest.raises(ValidationError, match="07:00–18:00"):
        book(room, day, 6, 8, by=employee)
    with pytest.raises(ValidationError, match="07:00–18:00"):
        book(room, day, 17, 19, by=employee)
    saturday = day + timedelta(days=3)
    with pytest.raises(ValidationError, match="lukket"):
        book(room, saturday, 10, 12, by=employee)
    settings.SAMSKAB_HOUSE_OPENS = "06:00"
    settings.SAMSKAB_HOUSE_DAYS = "1,2,3,4,5,6"
    book(room, day, 6, 8, by=employee)
    book(room, saturday, 10, 12, by=employee)


def test_a_booking_ends_after_it_begins_and_not_in_the_past(room, day, employee):
    with pytest.raises(ValidationError):
        book(room, day, 12, 10, by=employee)
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError, match="fortiden"):
        book(room, yesterday, 10, 12, by=employee)


def test_a_resource_out_of_use_cannot_be_booked(room, day, employee):
    room.active = False
    room.save()
    with pytest.raises(ValidationError, match="kan ikke bookes"):
        book(room, day, 10, 12, by=employee)


def test_only_the_unit_books_for_others(room, day, employee, staff):
    other = Person.objects.create(name="Anden Ansat", kind=Person.Kind.EMPLOYEE)
    with pytest.raises(ValidationError, match="innovationsenheden"):
        book(room, day, 10, 12, by=employee, booked_for=other)
    booking = book(room, day, 10, 12, by=staff, booked_for=other)
    assert booking.booked_for == other
    assert book(room, day, 12, 13, by=employee).booked_for == employee.person


# Recurring bookings ----------------------------------------------------------------------


def test_a_weekly_series_books_every_week_until_the_last_day(room, day, employee):
    series = services.series_create(
        resource=room,
        first=day,
        starts=time(9),
        ends=time(10),
        every_weeks=2,
        until=day + timedelta(weeks=6),
        title="Innovationsmorgen",
        by=employee,
    )
    assert [services.local(b.starts_at).date() for b in series.bookings.order_by("starts_at")] == [
        day + timedelta(weeks=w) for w in (0, 2, 4, 6)
    ]


def test_a_series_is_all_or_nothing_and_names_the_colliding_dates(room, day, employee):
    book(room, day + timedelta(weeks=1), 9, 11, by=employee)
    book(room, day + timedelta(weeks=3), 8, 10, by=employee)
    with pytest.raises(ValidationError) as refused:
        services.series_create(
            resource=room,
            first=day,
            starts=time(9),
            ends=time(10),
            every_weeks=1,
            until=day + timedelta(weeks=4),
            title="Innovationsmorgen",
            by=employee,
        )
    dates = [(day + timedelta(weeks=w)).strftime("%d.%m.%Y") for w in (1, 3)]
    assert refused.value.messages == [
        f"Intet blev booket: Det store mødelokale er allerede optaget {', '.join(dates)}."
    ]
    assert Booking.objects.count() == 2
    assert not BookingSeries.objects.exists()


def test_a_series_has_at_most_the_configured_occurrences(room, day, employee, settings):
    settings.SAMSKAB_HOUSE_MAX_OCCURRENCES = 4
    arguments = {
        "resource": room,
        "first": day,
        "starts": time(9),
        "ends": time(10),
        "every_weeks": 1,
        "title": "Morgen",
        "by": employee,
    }
    with pytest.raises(ValidationError, match="højst 4"):
        services.series_create(until=day + timedelta(weeks=4), **arguments)
    services.series_create(until=day + timedelta(weeks=3), **arguments)
    assert Booking.objects.count() == 4


def test_cancelling_the_rest_of_a_series_keeps_the_earlier_occurrences(room, day, employee):
    series = services.series_create(
        resource=room,
        first=day,
        starts=time(9),
        ends=time(10),
        every_weeks=1,
        until=day + timedelta(weeks=3),
        title="Morgen",
        by=employee,
    )
    occurrences = list(series.bookings.order_by("starts_at"))
    services.booking_cancel(booking=occurrences[0], by=employee)
    assert services.series_cancel_rest(booking=occurrences[2], by=employee) == 2
    assert [b.is_cancelled for b in series.bookings.order_by("starts_at")] == [
        True,
        False,
        True,
        True,
    ]
    with pytest.raises(ValidationError):
        services.series_cancel_rest(booking=occurrences[3], by=employee)  # nothing left of it
    single = book(room, day, 11, 12, by=employee)
    with pytest.raises(ValidationError):
        services.series_cancel_rest(booking=single, by=employee)


def test_a_weekly_booking_stays_at_nine_across_the_end_of_summer_time(room, employee):
    year = timezone.localdate().year + 1
    last_sunday = max(
        date(year, 10, d) for d in range(25, 32) if date(year, 10, d).isoweekday() == 7
    )
    first = last_sunday - timedelta(days=5)  # the Tuesday before
    series = services.series_create(
        resource=room,
        first=first,
        starts=time(9),
        ends=time(10),
        every_weeks=1,
        until=first + timedelta(weeks=1),
        title="Morgen",
        by=employee,
    )
    before, after = series.bookings.order_by("starts_at")
    assert [services.local(b.starts_at).time() for b in (before, after)] == [time(9), time(9)]
    assert before.starts_at.utcoffset() == after.starts_at.utcoffset() == timedelta(0)
    assert (before.starts_at.hour, after.starts_at.hour) == (7, 8)  # UTC: summer, then winter


# Simultaneous bookings on PostgreSQL ------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's"
)
def test_the_database_refuses_an_overlap_the_services_did_not_see(room, day, employee):
    book(room, day, 10, 12, by=employee)
    starts_at, ends_at = span(day, 11, 13)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(resource=room, starts_at=starts_at, ends_at=ends_at, title="x")
    cancelled = Booking.objects.create(
        resource=room, starts_at=starts_at, ends_at=ends_at, title="x", cancelled_at=timezone.now()
    )
    assert cancelled.pk


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="simultaneous writers are PostgreSQL's; SQLite serialises writers itself",
)
def test_two_people_booking_the_same_time_at_once_get_one_booking(room, day, employee, staff):
    barrier = threading.Barrier(4)
    refusals, errors = [], []

    def send(user, start):
        try:
            barrier.wait()
            book(room, day, start, start + 2, by=user)
        except ValidationError as error:
            refusals.append(error.messages[0])
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=send, args=(user, start))
        for user, start in ((employee, 10), (staff, 10), (employee, 11), (staff, 10))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Booking.objects.count() == 1
    assert len(refusals) == 3
    assert all("er optaget" in message and "Ledigt samme dag" in message for message in refusals)
