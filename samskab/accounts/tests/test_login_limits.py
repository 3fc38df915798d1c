"""Failed logins are limited per address and account, and per address: nobody can lock others out.

Samskab runs behind one reverse proxy here (ALLAUTH_TRUSTED_PROXY_COUNT = 1):
every request comes from the proxy's address, and the proxy appends the
client's address to X-Forwarded-For.
"""

import time

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from samskab.accounts import roles

PROXY = "10.0.0.1"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"
PER_ADDRESS_AND_ACCOUNT = 5  # failed logins in 15 minutes
PER_ADDRESS = 30  # failed logins in 15 minutes, whatever the account


def behind_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def log_in(client: Client, username: str, password: str = "persona-password") -> bool:
    """True if the client got a session."""
    client.post("/accounts/login/", {"login": username, "password": password})
    return "_auth_user_id" in client.session


@pytest.fixture
def one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def employee(personas):
    user = personas[roles.MEDARBEJDER]
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def clock(monkeypatch):
    """Move time forward (for the limits' windows and the cache alike)."""
    real = time.time
    offset = [0.0]
    monkeypatch.setattr(time, "time", lambda: real() + offset[0])

    def advance(seconds: float) -> None:
        offset[0] += seconds

    return advance


def test_wrong_passwords_from_one_address_do_not_lock_the_owner_out(one_proxy, employee):
    attacker = behind_proxy(ATTACKER)
    for _ in range(PER_ADDRESS_AND_ACCOUNT):
        assert not log_in(attacker, employee.username, "forkert")
    # That address has to stop guessing, even with the right password ...
    response = attacker.post(
        "/accounts/login/", {"login": employee.username, "password": "persona-password"}
    )
    assert "_auth_user_id" not in attacker.session
    assert "Der er for mange mislykkede logonforsøg" in response.content.decode()
    # ... but the owner, elsewhere, logs in.
    assert log_in(behind_proxy(OWNER), employee.username)


def test_below_the_limit_the_right_password_works(one_proxy, employee):
    client = behind_proxy(ATTACKER)
    for _ in range(PER_ADDRESS_AND_ACCOUNT - 1):
        assert not log_in(client, employee.username, "forkert")
    assert log_in(client, employee.username)


def test_the_address_may_try_again_after_fifteen_minutes(one_proxy, employee, clock):
    client = behind_proxy(ATTACKER)
    for _ in range(PER_ADDRESS_AND_ACCOUNT):
        log_in(client, employee.username, "forkert")
    clock(14 * 60)
    assert not log_in(client, employee.username)
    clock(2 * 60)
    assert log_in(client, employee.username)


def test_one_address_guessing_many_accounts_is_stopped(one_proxy, employee):
    sprayer = behind_proxy(ATTACKER)
    for n in range(PER_ADDRESS - 1):
        assert not log_in(sprayer, f"gaet-{n}", "sommer2024")
    assert log_in(sprayer, employee.username)  # the 30th attempt is still answered

    sprayer = behind_proxy(ATTACKER)
    assert not log_in(sprayer, "gaet-sidste", "sommer2024")  # the 30th failure
    assert not log_in(sprayer, employee.username)  # now the address waits
    assert log_in(behind_proxy(OWNER), employee.username)


def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(employee):
    for n in range(PER_ADDRESS_AND_ACCOUNT):
        client = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        assert not log_in(client, employee.username, "forkert")
    client = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert not log_in(client, employee.username)


def test_behind_a_proxy_a_forged_forwarded_for_is_ignored(one_proxy, employee):
    """The client's own X-Forwarded-For comes first; the proxy appends the real address."""
    for n in range(PER_ADDRESS_AND_ACCOUNT):
        client = behind_proxy(f"192.0.2.{n}, {ATTACKER}")
        assert not log_in(client, employee.username, "forkert")
    assert not log_in(behind_proxy(f"192.0.2.200, {ATTACKER}"), employee.username)
