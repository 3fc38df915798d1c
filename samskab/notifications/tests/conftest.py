import pytest

from samskab.accounts.models import User
from samskab.notifications.models import NotificationSetting


@pytest.fixture(autouse=True)
def _immediate_tasks_and_known_base_url(settings):
    # Tasks run where they are enqueued, whatever SAMSKAB_TASKS says in the environment.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.SAMSKAB_BASE_URL = "https://samskab.example.dk"


@pytest.fixture
def make_user(db):
    """A user with an e-mail address and, if given, a notification frequency."""

    def make(name: str, frequency: str | None = None, **fields) -> User:
        fields.setdefault("email", f"{name}@example.dk")
        user = User.objects.create_user(username=name, password="x-x-x-x-x", **fields)
        if frequency is not None:
            NotificationSetting.objects.create(user=user, frequency=frequency)
        return user

    return make
