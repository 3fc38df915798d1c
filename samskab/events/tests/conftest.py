from datetime import timedelta

import pytest
from django.utils import timezone

from samskab.accounts import roles
from samskab.events.models import Audience, Event


@pytest.fixture(autouse=True)
def _immediate_tasks_and_known_base_url(settings):
    # Tasks run where they are enqueued, whatever SAMSKAB_TASKS says in the environment.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SAMSKAB_BASE_URL = "https://samskab.example.dk"


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def make_event(db, staff):
    """A published public event in a week, at an address, with ``capacity`` places."""

    def make(title: str = "Værksted om udeskole", *, capacity: int = 2, days: int = 7, **fields):
        start = timezone.now().replace(microsecond=0) + timedelta(days=days)
        defaults = {
            "title": title,
            "description": "Vi afdækker behov sammen med forældre og lærere.",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "signup_deadline": start - timedelta(hours=1),
            "address": "Hovedbiblioteket, Hellerup",
            "capacity": capacity,
            "audience": Audience.PUBLIC,
            "status": Event.Status.PUBLISHED,
            "created_by": staff,
        }
        defaults.update(fields)
        return Event.objects.create(**defaults)

    return make


@pytest.fixture
def event(make_event):
    return make_event()


@pytest.fixture
def make_user(db):
    from samskab.accounts.models import User

    def make(name: str, *groups: str) -> User:
        from django.contrib.auth.models import Group

        user = User.objects.create_user(
            username=name, email=f"{name}@example.dk", password="x-x-x-x-x"
        )
        for group in groups:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make
