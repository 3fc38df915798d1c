"""The admin has no login of its own: it goes through allauth's, with its limits and second factor."""

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from samskab.accounts import roles
from samskab.accounts.tests.test_two_factor import authenticator_app_code

SECRET = "JBSWY3DPEHPK3PXP"


def admin_with_two_factor(personas):
    user = personas[roles.ADMINISTRATOR]
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, SECRET)
    return user


def test_the_password_alone_at_admin_login_gives_no_admin_session(client, personas):
    user = admin_with_two_factor(personas)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": user.username, "password": "persona-password", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_admin_is_logged_in_by_allauth_with_the_second_factor(client, personas):
    user = admin_with_two_factor(personas)
    response = client.get("/admin/", follow=True)
    assert [url for url, _ in response.redirect_chain] == [
        "/admin/login/?next=/admin/",
        "/accounts/login/?next=/admin/",
    ]
    response = client.post(
        "/accounts/login/",
        {"login": user.username, "password": "persona-password", "next": "/admin/"},
    )
    assert response.url == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # the password alone is not enough
    response = client.post("/accounts/2fa/authenticate/", {"code": authenticator_app_code(SECRET)})
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_admin_login_keeps_only_a_local_next(client, db):
    response = client.get("/admin/login/", {"next": "/admin/organisation/orgunit/"})
    assert response.url == "/accounts/login/?next=/admin/organisation/orgunit/"
    response = client.get("/admin/login/", {"next": "https://evil.example/"})
    assert response.url == "/accounts/login/?next=/admin/"


def test_a_logged_in_administrator_is_sent_on_and_others_are_refused(client, personas):
    client.force_login(personas[roles.ADMINISTRATOR])
    response = client.get("/admin/login/", {"next": "/admin/organisation/orgunit/"})
    assert response.url == "/admin/organisation/orgunit/"
    client.force_login(personas[roles.INNOVATIONSCHEF])
    assert client.get("/admin/login/", {"next": "/admin/"}).status_code == 403
