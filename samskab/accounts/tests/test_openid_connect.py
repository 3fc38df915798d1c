"""Employees log in through an OpenID Connect provider: a real one on the loopback interface.

The provider is a small HTTP server in a thread with its own RSA key: discovery
document, JWKS, authorize (with PKCE), token and userinfo endpoints, and ID tokens
signed with RS256. Samskab talks to it over HTTP as it would to Entra ID, ADFS or
OS2faktor; each scenario changes only what the provider hands out.
"""

from urllib.parse import urlparse

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.organisation.models import Person


@pytest.fixture
def provider(oidc_provider, db):
    return oidc_provider


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


def test_pages_let_the_login_forms_go_to_the_configured_provider_only(client, provider):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    form_action = next(part for part in policy.split(";") if "form-action" in part).split()
    assert form_action == ["form-action", "'self'", provider.base]


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
