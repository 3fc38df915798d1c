import pytest
from django.test import Client

from samskab.accounts import roles
from samskab.api import services


@pytest.fixture
def token_for():
    """A token's secret for ``user`` with ``scope`` (read or write)."""

    def make(user, scope: str = "write", days: int = 30) -> str:
        _token, secret = services.token_create(user=user, name="Test", scope=scope, days=days)
        return secret

    return make


@pytest.fixture
def bearer(token_for):
    """A client that calls the API with a bearer token of ``user``."""

    def make(user, scope: str = "write", language: str = "da") -> Client:
        return Client(
            headers={
                "Authorization": f"Bearer {token_for(user, scope)}",
                "Accept-Language": language,
            }
        )

    return make


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


from samskab.benefits.tests.conftest import (  # noqa: E402, F401 - fixtures
    area,
    draft_with_line,
    make_task,
    manager,
    signed,
    task,
)
