"""The user of each request is kept in the cache (accounts.backends) and never outlives
a change to their account, their roles or their person."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles


@pytest.fixture(autouse=True)
def _user_kept_in_the_cache(settings):
    settings.SAMSKAB_CACHE_REQUEST_USER = True


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries]


def test_a_second_request_reads_no_user_from_the_database(client, personas):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    first, _ = queries_of(client, reverse("portfolio:board"))
    second, sql = queries_of(client, reverse("portfolio:board"))
    assert first.status_code == second.status_code == 200
    assert not [query for query in sql if '"accounts_user"' in query]


def test_a_role_taken_away_takes_the_pages_away_at_once(client, personas):
    user = personas[roles.INNOVATIONSENHED]
    client.force_login(user)
    assert client.get(reverse("ideas:unit-inbox")).status_code == 200

    user.groups.remove(Group.objects.get(name=roles.INNOVATIONSENHED))

    assert client.get(reverse("ideas:unit-inbox")).status_code == 403


def test_a_deactivated_user_is_logged_out_at_once(client, personas):
    user = personas[roles.MEDARBEJDER]
    client.force_login(user)
    assert client.get(reverse("portfolio:board")).status_code == 200

    user.is_active = False
    user.save()

    response = client.get(reverse("portfolio:board"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_changed_password_ends_the_other_sessions_at_once(client, personas):
    user = personas[roles.MEDARBEJDER]
    client.force_login(user)
    assert client.get(reverse("portfolio:board")).status_code == 200

    user.set_password("et-helt-nyt-kodeord-2026")
    user.save()

    response = client.get(reverse("portfolio:board"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_new_name_shows_at_once(client, personas):
    user = personas[roles.MEDARBEJDER]
    client.force_login(user)
    assert "Persona medarbejder" in client.get(reverse("portfolio:board")).content.decode()

    user.person.name = "Mette Frederiksen-Hansen"
    user.person.save()

    assert "Mette Frederiksen-Hansen" in client.get(reverse("portfolio:board")).content.decode()
