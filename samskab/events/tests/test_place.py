"""An event in the innovation house books its room, so neither can take the other's time."""

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.events import services
from samskab.events.models import Audience, Event
from samskab.house import services as house_services
from samskab.house.models import Booking, Resource


@pytest.fixture
def room(db):
    return Resource.objects.create(name="Værkstedet", kind=Resource.Kind.WORKSHOP, capacity=30)


@pytest.fixture
def day():
    today = timezone.localdate()
    return today + timedelta(days=7 + (2 - today.weekday()) % 7)  # a Wednesday ahead


def _event(room, day, staff, *, hours=(9, 12), **fields) -> Event:
    starts_at = house_services.at(day, time(hours[0]))
    event = Event(
        title="Samskabelsesværksted",
        description="Vi afdækker behov sammen.",
        starts_at=starts_at,
        ends_at=house_services.at(day, time(hours[1])),
        signup_deadline=starts_at - timedelta(days=1),
        resource=room,
        capacity=20,
        audience=Audience.PUBLIC,
        **fields,
    )
    return services.event_save(event=event, by=staff)


def test_an_event_in_the_house_books_its_room_and_a_booking_over_it_is_refused(
    room, day, staff, personas
):
    event = _event(room, day, staff)
    assert event.booking.resource == room
    assert (event.booking.starts_at, event.booking.ends_at) == (event.starts_at, event.ends_at)
    with pytest.raises(ValidationError, match="optaget 09:00–12:00"):
        house_services.booking_create(
            resource=room,
            starts_at=house_services.at(day, time(11)),
            ends_at=house_services.at(day, time(13)),
            title="Møde",
            by=personas[roles.MEDARBEJDER],
        )
    # Right after it, the room is free.
    house_services.booking_create(
        resource=room,
        starts_at=house_services.at(day, time(12)),
        ends_at=house_services.at(day, time(13)),
        title="Møde",
        by=personas[roles.MEDARBEJDER],
    )


def test_an_event_is_refused_a_room_already_booked_and_nothing_is_saved(room, day, staff, personas):
    house_services.booking_create(
        resource=room,
        starts_at=house_services.at(day, time(10)),
        ends_at=house_services.at(day, time(11)),
        title="Møde",
        by=personas[roles.MEDARBEJDER],
    )
    with pytest.raises(ValidationError) as refused:
        _event(room, day, staff)
    assert "Ledigt samme dag" in refused.value.message_dict["resource"][0]
    assert not Event.objects.exists()
    # Somewhere else the same morning it is fine.
    assert _event(None, day, staff, address="Hovedbiblioteket").booking is None


def test_moving_the_event_moves_its_booking_and_frees_the_old_time(room, day, staff, personas):
    event = _event(room, day, staff)
    first = event.booking
    event.starts_at = house_services.at(day, time(13))
    event.ends_at = house_services.at(day, time(15))
    event = services.event_save(event=event, by=staff)
    first.refresh_from_db()
    assert first.is_cancelled
    assert event.booking != first
    assert event.booking.starts_at == house_services.at(day, time(13))
    house_services.booking_create(
        resource=room,
        starts_at=house_services.at(day, time(9)),
        ends_at=house_services.at(day, time(12)),
        title="Møde",
        by=personas[roles.MEDARBEJDER],
    )
    # Saved again unchanged, it keeps its booking.
    kept = event.booking
    assert services.event_save(event=event, by=staff).booking == kept


def test_an_event_that_leaves_the_house_or_is_cancelled_gives_its_room_back(room, day, staff):
    moved = _event(room, day, staff)
    booking = moved.booking
    moved.resource, moved.address = None, "Hovedbiblioteket"
    services.event_save(event=moved, by=staff)
    booking.refresh_from_db()
    assert booking.is_cancelled

    cancelled = _event(room, day, staff)
    services.event_cancel(event=cancelled, reason="Sygdom", by=staff)
    assert Booking.objects.active().filter(resource=room).count() == 0


def test_an_evening_event_may_use_the_house_outside_its_opening_hours(room, day, staff):
    event = _event(room, day, staff, hours=(18, 21))
    assert event.booking is not None


def test_the_demo_events_in_the_house_hold_their_rooms(db):
    from django.core.management import call_command

    call_command("seed_demo")
    in_house = Event.objects.filter(resource__isnull=False)
    assert in_house.exists()
    for event in in_house.select_related("booking"):
        assert event.booking is not None and event.booking.resource_id == event.resource_id
        assert not event.booking.is_cancelled


def test_the_house_page_and_the_rooms_calendar_tell_the_coming_events(client, room, day, staff):
    event = _event(room, day, staff)
    services.event_publish(event=event, by=staff)
    for url in (reverse("house:house"), reverse("house:resource-week", args=[room.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert "Samskabelsesværksted" in response.content.decode(), url
