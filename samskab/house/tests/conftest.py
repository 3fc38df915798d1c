from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from samskab.accounts import roles
from samskab.house.models import Resource
from samskab.house.services import at


@pytest.fixture
def room(db) -> Resource:
    return Resource.objects.create(
        name="Det store mødelokale",
        kind=Resource.Kind.ROOM,
        capacity=30,
        accessibility="Elevator og teleslynge.",
    )


@pytest.fixture
def workshop(db) -> Resource:
    return Resource.objects.create(name="Værkstedet", kind=Resource.Kind.WORKSHOP, capacity=12)


@pytest.fixture
def day() -> date:
    """A Wednesday two weeks ahead: open, and in the future."""
    today = timezone.localdate()
    return today + timedelta(days=14 + (2 - today.weekday()) % 7)


@pytest.fixture
def employee(personas):
    return personas[roles.MEDARBEJDER]


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


def span(on: date, start: int, end: int, *, start_minute: int = 0, end_minute: int = 0):
    return at(on, time(start, start_minute)), at(on, time(end, end_minute))
