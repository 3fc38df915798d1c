"""The house's pages: who sees what, forms that keep what was typed, fixed query counts."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.house import queries, services
from samskab.house.models import Booking, FeedToken, Residency, Resource
from samskab.organisation.models import Person

from .conftest import span


def book(resource, on, start, end, *, by, title="Hemmelig workshop", **extra):
    starts_at, ends_at = span(on, start, end)
    return services.booking_create(
        resource=resource, starts_at=starts_at, ends_at=ends_at, title=title, by=by, **extra
    )


def week_of(on) -> str:
    return queries.week_label(on)


def test_anyone_reads_the_house_its_rooms_and_accessibility(client, room):
    response = client.get(reverse("house:house"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Det store mødelokale" in page
    assert "Elevator og teleslynge." in page
    assert "30 personer" in page
    assert "logger ind for at booke" in page


def test_the_house_page_shows_current_residents_and_what_they_offer(client, db):
    today = timezone.localdate()
    current = Person.objects.create(name="Maja Thorsen", kind=Person.Kind.ENTREPRENEUR)
    former = Person.objects.create(name="Tidligere Iværksætter", kind=Person.Kind.ENTREPRENEUR)
    Residency.objects.create(
        person=current, starts_on=today, works_on="Hjælpemidler", offers="3D-print og test"
    )
    Residency.objects.create(
        person=former,
        starts_on=today - timedelta(days=100),
        ends_on=today - timedelta(days=1),
        works_on="x",
    )
    page = client.get(reverse("house:house")).content.decode()
    assert "Maja Thorsen" in page and "3D-print og test" in page
    assert "Tidligere Iværksætter" not in page


def test_visitors_see_busy_where_bookers_see_the_title(client, room, day, employee, personas):
    book(room, day, 10, 12, by=employee)
    book(room, day, 13, 14, by=employee, title="Åbent hus", public=True)
    url = reverse("house:resource-week", args=[room.pk]) + f"?uge={week_of(day)}"
    for user, shown in ((None, False), (personas[roles.BORGER], False), (employee, True)):
        client.logout()
        if user:
            client.force_login(user)
        page = client.get(url).content.decode()
        assert ("Hemmelig workshop" in page) is shown
        assert "Åbent hus" in page
        assert ("Optaget" in page) is not shown
    week = client.get(reverse("house:house-week") + f"?uge={week_of(day)}").content.decode()
    assert "10:00–12:00 Hemmelig workshop" in week


def test_the_week_calendar_names_the_free_times_and_links_to_book_them(client, room, day, employee):
    book(room, day, 10, 12, by=employee)
    client.force_login(employee)
    page = client.get(
        reverse("house:resource-week", args=[room.pk]) + f"?uge={week_of(day)}"
    ).content.decode()
    assert "Book 07:00–10:00" in page and "Book 12:00–18:00" in page
    assert f"?ressource={room.pk}&amp;dag={day.isoformat()}&amp;fra=12:00" in page


@pytest.mark.parametrize("week", ["2026-W99", "uge 50", "9999-W01", "'; drop table", "2026-W"])
def test_a_week_not_understood_shows_this_week_with_a_message(client, room, week):
    response = client.get(reverse("house:resource-week", args=[room.pk]), {"uge": week})
    assert response.status_code == 200
    assert "Ugen blev ikke forstået" in response.content.decode()
    this_week = queries.week_label(timezone.localdate())
    assert f"uge {this_week}" in response.content.decode()


def test_an_employee_books_and_is_sent_to_the_week_with_the_booking(client, room, day, employee):
    client.force_login(employee)
    response = client.post(
        reverse("house:booking-create"),
        {
            "resource": room.pk,
            "day": day.isoformat(),
            "starts": "10:00",
            "ends": "12:00",
            "title": "Workshop med borgere",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("house:resource-week", args=[room.pk]) + f"?uge={week_of(day)}"
    booking = Booking.objects.get()
    assert (booking.booked_by, booking.booked_for) == (employee, employee.person)
    assert services.local(booking.starts_at).time() == time(10)


def test_an_overlapping_booking_is_refused_on_the_form_keeping_what_was_typed(
    client, room, day, employee, staff
):
    book(room, day, 10, 12, by=staff)
    client.force_login(employee)
    response = client.post(
        reverse("house:booking-create"),
        {
            "resource": room.pk,
            "day": day.isoformat(),
            "starts": "11:00",
            "ends": "13:00",
            "title": "Min workshop",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Det store mødelokale er optaget 10:00–12:00. Ledigt samme dag: 07:00–10:00, 12:00–18:00."
        in page
    )
    assert 'value="Min workshop"' in page
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"day": "2026-02-30", "starts": "10:00", "ends": "12:00"},
        {"day": "x", "starts": "25:00", "ends": "12:00"},
        {"starts": "10:00", "ends": "12:00", "title": "x" * 5000},
        {"resource": "999999"},
        {"repeat": "on", "every_weeks": "0"},
        {"repeat": "on", "every_weeks": "1", "until": "1900-01-01"},
        {"repeat": "on", "every_weeks": "1", "until": "9999-12-31"},
    ],
)
def test_hostile_booking_input_gets_a_danish_error_not_a_500(client, room, day, employee, data):
    client.force_login(employee)
    form = {
        "resource": room.pk,
        "day": day.isoformat(),
        "starts": "10:00",
        "ends": "12:00",
        "title": "Workshop",
        **data,
    }
    response = client.post(reverse("house:booking-create"), form)
    assert response.status_code == 200
    assert "Formularen indeholder fejl" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_recurring_booking_from_the_form(client, room, day, employee):
    client.force_login(employee)
    response = client.post(
        reverse("house:booking-create"),
        {
            "resource": room.pk,
            "day": day.isoformat(),
            "starts": "09:00",
            "ends": "10:00",
            "title": "Innovationsmorgen",
            "repeat": "on",
            "every_weeks": "1",
            "until": (day + timedelta(weeks=3)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Booking.objects.filter(series__isnull=False).count() == 4


def test_a_citizen_cannot_book_but_a_current_resident_can(client, room, day, personas):
    citizen = personas[roles.BORGER]
    client.force_login(citizen)
    assert client.get(reverse("house:booking-create")).status_code == 403
    Residency.objects.create(
        person=citizen.person, starts_on=timezone.localdate(), works_on="Min virksomhed"
    )
    client.force_login(citizen)  # a new request, a new reading of the residency
    assert client.get(reverse("house:booking-create")).status_code == 200


def test_cancelling_is_for_the_booker_and_the_unit(client, room, day, employee, staff, personas):
    booking = book(room, day, 10, 12, by=employee)
    url = reverse("house:booking-cancel", args=[booking.pk])
    client.force_login(personas[roles.OMRAADELEDER])
    assert client.post(url).status_code == 403
    client.force_login(employee)
    response = client.post(url)
    assert response.status_code == 302 and response.url == reverse("house:my-bookings")
    booking.refresh_from_db()
    assert booking.cancelled_by == employee
    other = book(room, day, 13, 14, by=employee)
    client.force_login(staff)
    assert client.post(reverse("house:booking-cancel", args=[other.pk])).status_code == 302
    other.refresh_from_db()
    assert other.is_cancelled


def test_cancelling_the_rest_of_a_series_from_its_page(client, room, day, employee):
    series = services.series_create(
        resource=room,
        first=day,
        starts=time(9),
        ends=time(10),
        every_weeks=1,
        until=day + timedelta(weeks=2),
        title="Morgen",
        by=employee,
    )
    second = series.bookings.order_by("starts_at")[1]
    client.force_login(employee)
    page = client.get(reverse("house:booking-detail", args=[second.pk])).content.decode()
    assert "Denne gang og resten af serien" in page
    response = client.post(reverse("house:booking-cancel", args=[second.pk]), {"omfang": "resten"})
    assert response.status_code == 302
    first = series.bookings.order_by("starts_at").first()
    assert first.cancelled_at is None
    assert series.bookings.filter(cancelled_at__isnull=False).count() == 2


# Feeds -----------------------------------------------------------------------------------


def test_the_public_feed_says_busy_with_a_time_zone_and_cache_headers(client, room, day, employee):
    book(room, day, 10, 12, by=employee)
    book(room, day, 13, 14, by=employee, title="Åbent hus", public=True)
    for url in (reverse("house:house-feed"), reverse("house:resource-feed", args=[room.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert "public" in response["Cache-Control"] and "max-age=900" in response["Cache-Control"]
        body = response.content.decode()
        assert "BEGIN:VTIMEZONE" in body and "TZID:Europe/Copenhagen" in body
        assert f"DTSTART;TZID=Europe/Copenhagen:{day:%Y%m%d}T100000" in body
        assert "SUMMARY:Optaget" in body and "SUMMARY:Åbent hus" in body
        assert "Hemmelig" not in body


def test_a_weekly_booking_at_nine_is_nine_local_in_the_feed_across_summer_time(
    client, room, employee
):
    from icalendar import Calendar

    year = timezone.localdate().year + 1
    october_31 = timezone.datetime(year, 10, 31).date()
    last_sunday = october_31 - timedelta(days=october_31.isoweekday() % 7)
    first = last_sunday - timedelta(days=5)
    services.series_create(
        resource=room,
        first=first,
        starts=time(9),
        ends=time(10),
        every_weeks=1,
        until=first + timedelta(weeks=1),
        title="Morgen",
        by=employee,
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(queries, "FEED_AHEAD_DAYS", 800)
        body = client.get(reverse("house:house-feed")).content
    events = Calendar.from_ical(body).events
    assert [(e.start.date(), e.start.hour, str(e.start.tzinfo)) for e in events] == [
        (first, 9, "Europe/Copenhagen"),
        (first + timedelta(weeks=1), 9, "Europe/Copenhagen"),
    ]
    assert events[0].start.utcoffset() == timedelta(hours=2)
    assert events[1].start.utcoffset() == timedelta(hours=1)


def test_a_secret_feed_shows_titles_until_it_is_renewed_or_closed(client, room, day, employee):
    book(room, day, 10, 12, by=employee)
    client.force_login(employee)
    response = client.post(reverse("house:feed-token-renew"))
    assert response.status_code == 302 and response.url == reverse("house:my-bookings")
    key = FeedToken.objects.get(user=employee).key
    assert key in client.get(reverse("house:my-bookings")).content.decode()
    client.logout()
    url = reverse("house:private-feed", args=[key])
    response = client.get(url)
    assert response.status_code == 200
    assert "SUMMARY:Hemmelig workshop" in response.content.decode()
    assert "private" in response["Cache-Control"]
    client.force_login(employee)
    client.post(reverse("house:feed-token-renew"))
    assert client.get(url).status_code == 404
    new = FeedToken.objects.get(user=employee).key
    assert client.get(reverse("house:private-feed", args=[new])).status_code == 200
    client.post(reverse("house:feed-token-revoke"))
    assert client.get(reverse("house:private-feed", args=[new])).status_code == 404


def test_a_secret_feed_stops_when_its_owner_may_no_longer_book(client, employee):
    token = services.feed_token_renew(user=employee)
    employee.is_active = False
    employee.save()
    assert client.get(reverse("house:private-feed", args=[token.key])).status_code == 404


def test_feeds_are_rate_limited(client, db, settings):
    from samskab.house import views

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(views, "FEED_RATE", "2/h")
        assert client.get(reverse("house:house-feed")).status_code == 200
        assert client.get(reverse("house:house-feed")).status_code == 200
        assert client.get(reverse("house:house-feed")).status_code == 429


# Residencies -------------------------------------------------------------------------------


def test_the_unit_records_a_residency_with_skills_and_consent(client, staff, db):
    from samskab.organisation.models import Competency

    person = Person.objects.create(name="Maja Thorsen", kind=Person.Kind.ENTREPRENEUR)
    desk = Resource.objects.create(name="Skrivebord 1", kind=Resource.Kind.DESK, capacity=1)
    client.force_login(staff)
    today = timezone.localdate()
    data = {
        "person": person.pk,
        "starts_on": today.isoformat(),
        "desk": desk.pk,
        "works_on": "Hjælpemidler",
        "consent_on": today.isoformat(),
        "consent_to": "At blive foreslået til hold",
        "level_design": "4",
        "level_jura": "",
    }
    response = client.post(reverse("house:residency-create"), data)
    assert response.status_code == 302 and response.url == reverse("house:residency-list")
    residency = Residency.objects.get()
    assert dict(residency.skills.values_list("competency__slug", "level")) == {"design": 4}
    assert residency.has_consent
    data["consent_on"] = ""
    response = client.post(reverse("house:residency-edit", args=[residency.pk]), data)
    assert response.status_code == 200
    assert "Registrér både, hvornår iværksætteren gav samtykke" in response.content.decode()
    assert Competency.objects.filter(slug="design").exists()


def test_a_residency_needs_a_resident_from_outside(client, staff, employee, db):
    client.force_login(staff)
    today = timezone.localdate().isoformat()
    response = client.post(reverse("house:residency-create"), {"starts_on": today, "works_on": "x"})
    assert "Vælg personen eller virksomheden" in response.content.decode()
    response = client.post(
        reverse("house:residency-create"),
        {"person": employee.person.pk, "starts_on": today, "works_on": "x"},
    )
    assert response.status_code == 200
    assert not Residency.objects.exists()


# Query counts ------------------------------------------------------------------------------


def _fill(resources: int, day, by):
    made = [
        Resource.objects.create(name=f"Lokale {i}", kind=Resource.Kind.ROOM, capacity=4)
        for i in range(Resource.objects.count(), Resource.objects.count() + resources)
    ]
    for resource in made:
        for offset in range(5):
            for start in (8, 10, 13):
                book(resource, day + timedelta(days=offset - 2), start, start + 1, by=by)
    return made


@pytest.mark.parametrize("name", ["house:house", "house:house-week", "house:my-bookings"])
def test_house_pages_read_in_a_fixed_number_of_queries(
    client, room, day, employee, name, django_assert_max_num_queries
):
    client.force_login(employee)
    url = reverse(name) + (f"?uge={week_of(day)}" if name == "house:house-week" else "")
    _fill(1, day, employee)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    _fill(6, day, employee)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_a_resource_week_reads_in_a_fixed_number_of_queries(
    client, room, day, employee, django_assert_max_num_queries
):
    client.force_login(employee)
    url = reverse("house:resource-week", args=[room.pk]) + f"?uge={week_of(day)}"
    book(room, day, 8, 9, by=employee)
    client.get(url)
    with django_assert_max_num_queries(15) as few:
        assert client.get(url).status_code == 200
    for offset in range(-2, 3):
        for start in (10, 12, 14, 16):
            book(room, day + timedelta(days=offset), start, start + 1, by=employee)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_feed_reads_in_a_fixed_number_of_queries(
    client, room, day, employee, django_assert_max_num_queries
):
    _fill(1, day, employee)
    url = reverse("house:house-feed")
    client.get(url)
    with django_assert_max_num_queries(5) as few:
        assert client.get(url).status_code == 200
    _fill(5, day, employee)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_unit_adds_a_room_and_describes_its_accessibility(client, personas):
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("house:resource-create"),
        {
            "name": "  Loftet ",
            "kind": "room",
            "capacity": "12",
            "location": "2. sal",
            "accessibility": "Elevator og teleslynge.",
            "active": "on",
        },
    )
    room = Resource.objects.get(name="Loftet")
    assert response.status_code == 302
    assert response["Location"] == reverse("house:resource-week", args=[room.pk])
    assert room.capacity == 12 and room.accessibility == "Elevator og teleslynge."

    response = client.post(
        reverse("house:resource-edit", args=[room.pk]),
        {"name": "Loftet", "kind": "room", "capacity": "0"},
    )
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    room.refresh_from_db()
    assert room.capacity == 12 and room.active


def test_an_employee_may_not_add_a_room(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.post(reverse("house:resource-create"), {"name": "Mit rum", "kind": "room"})
    assert response.status_code == 403
    assert not Resource.objects.filter(name="Mit rum").exists()
