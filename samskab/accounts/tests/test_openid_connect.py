"""Employees log in through an OpenID Connect provider: a real one on the loopback interface.

The provider is a small HTTP server in a thread with its own RSA key: discovery
document, JWKS, authorize (with PKCE), token and userinfo endpoints, and ID tokens
signed with RS256. Samskab talks to it over HTTP as it would to Entra ID, ADFS or
OS2faktor; each scenario changes only what the provider hands out.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from django.contrib.auth.models import Group

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.organisation.models import Person

CLIENT_ID = "samskab-test"
SECRET = "hemmelig-klient-noegle"


def _private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Provider:
    """What the test provider hands out; each test sets the claims and the trouble."""

    def __init__(self) -> None:
        self.key = _private_key()
        self.wrong_key = _private_key()
        self.base = ""
        self.codes: dict[str, dict] = {}
        self.reset()

    def reset(self) -> None:
        self.claims: dict = {}
        self.sign_with_wrong_key = False
        self.expired = False
        self.audience = CLIENT_ID

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]}

    def id_token(self) -> str:
        now = int(time.time())
        issued = now - 3600 if self.expired else now
        payload = {
            "iss": self.base,
            "aud": self.audience,
            "iat": issued,
            "exp": issued + 300,
            "jti": uuid.uuid4().hex,
            **self.claims,
        }
        key = self.wrong_key if self.sign_with_wrong_key else self.key
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "k1"})


PROVIDER = Provider()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _json(self, data, status=200) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/.well-known/openid-configuration":
            base = PROVIDER.base
            return self._json(
                {
                    "issuer": base,
                    "authorization_endpoint": f"{base}/authorize",
                    "token_endpoint": f"{base}/token",
                    "userinfo_endpoint": f"{base}/userinfo",
                    "jwks_uri": f"{base}/jwks",
                    "token_endpoint_auth_methods_supported": ["client_secret_post"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                }
            )
        if url.path == "/jwks":
            return self._json(PROVIDER.jwks())
        if url.path == "/authorize":
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if query.get("client_id") != CLIENT_ID or query.get("code_challenge_method") != "S256":
                return self._json({"error": "invalid_request"}, 400)
            code = secrets.token_urlsafe(16)
            PROVIDER.codes[code] = {
                "challenge": query["code_challenge"],
                "redirect_uri": query["redirect_uri"],
            }
            self.send_response(302)
            location = (
                f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
            )
            self.send_header("Location", location)
            self.end_headers()
            return None
        if url.path == "/userinfo":
            if not self.headers.get("Authorization", "").startswith("Bearer at-"):
                return self._json({"error": "invalid_token"}, 401)
            return self._json({"sub": PROVIDER.claims.get("sub", "")})
        return self._json({"error": "not_found"}, 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if self.path != "/token":
            return self._json({"error": "not_found"}, 404)
        grant = PROVIDER.codes.pop(form.get("code", ""), None)
        verifier = form.get("code_verifier", "").encode()
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
        if (
            grant is None
            or form.get("client_id") != CLIENT_ID
            or form.get("client_secret") != SECRET
            or challenge.decode() != grant["challenge"]
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return self._json({"error": "invalid_grant"}, 400)
        return self._json(
            {
                "access_token": f"at-{secrets.token_hex(8)}",
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": PROVIDER.id_token(),
            }
        )


@pytest.fixture(scope="module")
def provider_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    PROVIDER.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield PROVIDER
    server.shutdown()
    server.server_close()


@pytest.fixture
def provider(provider_server, settings, db):
    provider_server.reset()
    entry = {
        "id": "kommunen",
        "name": "Testkommunens Entra ID",
        "server_url": provider_server.base,
        "client_id": CLIENT_ID,
        "secret": SECRET,
    }
    settings.SAMSKAB_OIDC_PROVIDERS = [entry]
    settings.SOCIALACCOUNT_PROVIDERS = {
        **django_settings.SOCIALACCOUNT_PROVIDERS,
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "kommunen",
                    "name": entry["name"],
                    "client_id": CLIENT_ID,
                    "secret": SECRET,
                    "settings": {"server_url": provider_server.base},
                }
            ],
        },
    }
    settings.SAMSKAB_OIDC_ROLE_GROUPS = {}
    return provider_server


def log_in(client, provider, **claims):
    """The whole round: Samskab's button, the provider's authorize endpoint, the callback."""
    provider.claims = {"sub": claims.pop("sub", "medarbejder-1"), **claims}
    response = client.post("/accounts/oidc/kommunen/login/")
    assert response.status_code == 302
    authorize = response["Location"]
    assert authorize.startswith(f"{provider.base}/authorize?")
    answer = requests.get(authorize, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    callback = urlparse(answer.headers["Location"])
    assert callback.path == "/accounts/oidc/kommunen/login/callback/"
    return client.get(f"{callback.path}?{callback.query}")


@pytest.fixture
def employee(db, unit):
    return Person.objects.create(
        kind=Person.Kind.EMPLOYEE,
        name="Sofie Holm",
        email="sofie.holm@kommune.dk",
        external_id="E1001",
        org_unit=unit,
    )


def logged_in_user(client):
    return int(client.session["_auth_user_id"]) if "_auth_user_id" in client.session else None


def test_first_login_links_the_employee_by_the_employee_id_claim(client, provider, employee):
    response = log_in(client, provider, employee_id="E1001", email="sh@anden.dk")
    assert response.status_code == 302
    assert response["Location"] == "/"
    employee.refresh_from_db()
    user = employee.user
    assert user is not None and logged_in_user(client) == user.pk
    assert user.groups.filter(name=roles.MEDARBEJDER).exists()
    assert not user.has_usable_password()
    account = SocialAccount.objects.get(user=user)
    assert (account.provider, account.uid) == ("kommunen", "medarbejder-1")

    # The next login is the same account, whatever the claims say now.
    client.logout()
    response = log_in(client, provider, employee_id="E1001")
    assert response["Location"] == "/"
    assert logged_in_user(client) == user.pk
    assert User.objects.count() == 1


def test_first_login_links_an_existing_account_by_verified_email(client, provider, employee):
    user = User.objects.create_user("sofie", email=employee.email, password="lokal-kode-123")
    employee.user = user
    employee.save()
    response = log_in(client, provider, email="Sofie.Holm@kommune.dk", email_verified=True)
    assert response["Location"] == "/"
    assert logged_in_user(client) == user.pk
    assert SocialAccount.objects.get(user=user).uid == "medarbejder-1"


def test_an_unverified_email_links_nobody(client, provider, employee):
    response = log_in(client, provider, email=employee.email, email_verified=False)
    assert response.status_code == 403
    assert "ikke på Samskabs liste over kommunens medarbejdere" in response.content.decode()
    assert logged_in_user(client) is None
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_a_provider_that_vouches_for_its_addresses_links_by_email(
    client, provider, employee, settings
):
    settings.SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"][0]["settings"]["trust_email"] = True
    response = log_in(client, provider, email=employee.email)
    assert response["Location"] == "/"
    employee.refresh_from_db()
    assert logged_in_user(client) == employee.user.pk


def test_an_unknown_employee_is_refused_in_danish(client, provider, employee):
    response = log_in(client, provider, employee_id="E9999", email="ukendt@kommune.dk")
    assert response.status_code == 403
    assert "Du blev ikke logget ind" in response.content.decode()
    assert logged_in_user(client) is None
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_a_deactivated_account_is_refused(client, provider, employee):
    employee.user = User.objects.create_user("sofie", email=employee.email, is_active=False)
    employee.save()
    response = log_in(client, provider, employee_id="E1001")
    assert response.status_code == 403
    assert "deaktiveret" in response.content.decode()
    assert logged_in_user(client) is None
    assert not SocialAccount.objects.exists()


@pytest.mark.parametrize(
    ("trouble", "message"),
    [
        ("sign_with_wrong_key", "Signaturen på identitetsudbyderens bevis"),
        ("expired", "var udløbet"),
        ("audience", "udstedt til en anden tjeneste"),
    ],
)
def test_a_token_that_does_not_hold_is_refused_and_makes_nothing(
    client, provider, employee, trouble, message
):
    if trouble == "audience":
        provider.audience = "en-anden-tjeneste"
    else:
        setattr(provider, trouble, True)
    response = log_in(client, provider, employee_id="E1001")
    body = response.content.decode()
    assert "Du blev ikke logget ind" in body
    assert message in body
    assert logged_in_user(client) is None
    employee.refresh_from_db()
    assert employee.user is None
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_roles_follow_the_providers_groups(client, provider, employee, settings):
    settings.SAMSKAB_OIDC_ROLE_GROUPS = {
        "grp-innovation": roles.INNOVATIONSENHED,
        "grp-ledere": roles.OMRAADELEDER,
    }
    log_in(client, provider, employee_id="E1001", groups=["grp-innovation", "grp-andet"])
    employee.refresh_from_db()
    user = employee.user
    names = set(user.groups.values_list("name", flat=True))
    assert names == {roles.MEDARBEJDER, roles.INNOVATIONSENHED}

    # A role given in Samskab that no group maps to stays; mapped roles follow the groups.
    user.groups.add(Group.objects.get(name=roles.OEKONOMI))
    client.logout()
    log_in(client, provider, employee_id="E1001", groups=["grp-ledere"])
    names = set(user.groups.values_list("name", flat=True))
    assert names == {roles.MEDARBEJDER, roles.OMRAADELEDER, roles.OEKONOMI}


def test_without_a_mapping_roles_are_left_to_samskab(client, provider, employee):
    log_in(client, provider, employee_id="E1001", groups=["grp-innovation"])
    employee.refresh_from_db()
    assert set(employee.user.groups.values_list("name", flat=True)) == {roles.MEDARBEJDER}


def test_login_page_shows_the_work_account_button_and_starts_the_login(client, provider):
    body = client.get("/accounts/login/").content.decode()
    assert "Log ind med din arbejdskonto" in body
    assert 'action="/accounts/oidc/kommunen/login/?process=login"' in body


def _password_login(client, user):
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return client.post("/accounts/login/", {"login": user.username, "password": "persona-password"})


def test_employees_password_is_refused_when_switched_off(client, provider, personas, settings):
    settings.SAMSKAB_EMPLOYEE_PASSWORD_LOGIN = False
    response = _password_login(client, personas[roles.MEDARBEJDER])
    assert response.status_code == 200
    assert "Medarbejdere logger ind med deres arbejdskonto" in response.content.decode()
    assert logged_in_user(client) is None

    # A citizen's password still works.
    response = _password_login(client, personas[roles.BORGER])
    assert response.status_code == 302
    assert logged_in_user(client) == personas[roles.BORGER].pk


def test_employees_password_works_while_switched_on(client, provider, personas, settings):
    settings.SAMSKAB_EMPLOYEE_PASSWORD_LOGIN = True
    response = _password_login(client, personas[roles.MEDARBEJDER])
    assert response.status_code == 302
    assert logged_in_user(client) == personas[roles.MEDARBEJDER].pk


def test_password_switch_is_ignored_without_any_identity_provider(client, personas, settings):
    settings.SAMSKAB_EMPLOYEE_PASSWORD_LOGIN = False
    settings.SAMSKAB_OIDC_PROVIDERS = []
    response = _password_login(client, personas[roles.MEDARBEJDER])
    assert response.status_code == 302
