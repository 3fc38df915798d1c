import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from samskab.accounts import roles


def authenticator_app_code(secret: str) -> str:
    """What an authenticator app shows now for ``secret`` (RFC 6238, 30 s steps)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(client, user) -> str:
    response = client.post(
        "/accounts/login/", {"login": user.username, "password": "persona-password"}
    )
    return response.url


def test_staff_member_turns_on_two_factor_login_and_is_then_asked_for_a_code(client, personas):
    user = personas[roles.INNOVATIONSENHED]
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    assert log_in(client, user) == "/"

    # Turning it on asks for the password once more.
    assert client.get("/accounts/2fa/totp/activate/").url.startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": "persona-password"})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": authenticator_app_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    client.post("/accounts/logout/")
    assert log_in(client, user) == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/2fa/authenticate/", {"code": authenticator_app_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_code_does_not_turn_on_two_factor_login(client, personas):
    user = personas[roles.INNOVATIONSCHEF]
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    log_in(client, user)
    client.post("/accounts/reauthenticate/", {"password": "persona-password"})
    client.get("/accounts/2fa/totp/activate/")
    response = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=user).exists()
