"""Citizens and company representatives log in with MitID (NemLog-in, OIOSAML 3 over SAML).

A test identity provider is made here: an RSA key and a self-signed certificate
from ``cryptography``, and responses signed with python3-saml's own xmlsec
signing. Samskab checks the signature for real: a tampered, an unsigned and a
foreign-signed response are each refused, and nothing is made.
"""

import base64
import datetime as dt
import io
import uuid
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialAccount
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from samskab.accounts import roles
from samskab.accounts.mitid import CVR, EID, FULL_NAME, ORG_NAME, PERSON_PID, PROFESSIONAL_UUID
from samskab.accounts.models import User
from samskab.ideas import services as idea_services
from samskab.ideas.models import Idea
from samskab.network.models import Organisation
from samskab.organisation.models import Person

IDP_ENTITY = "https://saml.nemlog-in.test/idp"
SP_ENTITY = "https://samskab.test/saml/mitid"
ACS = "http://testserver/accounts/saml/mitid/acs/"
CPR = "0101701234"
CPR_ATTRIBUTE = f"{EID}/cprNumber"


def _identity(common_name: str) -> tuple[str, str]:
    """A private key and a self-signed certificate, both as PEM."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    return key_pem, cert.public_bytes(serialization.Encoding.PEM).decode()


IDP_KEY, IDP_CERT = _identity("NemLog-in test IdP")
OTHER_KEY, OTHER_CERT = _identity("Someone else")


@pytest.fixture
def client():
    """A browser sends its Host header; python3-saml checks addresses against it."""
    return Client(HTTP_HOST="testserver")


@pytest.fixture
def mitid(settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = {
        **django_settings.SOCIALACCOUNT_PROVIDERS,
        "saml": {
            **django_settings.SOCIALACCOUNT_PROVIDERS["saml"],
            "APPS": [
                {
                    "client_id": "mitid",
                    "name": "MitID",
                    "settings": {
                        "idp": {
                            "entity_id": IDP_ENTITY,
                            "sso_url": "https://saml.nemlog-in.test/sso",
                            "x509cert": IDP_CERT,
                        },
                        "sp": {"entity_id": SP_ENTITY},
                        "advanced": {
                            "allow_single_label_domains": True,  # testserver
                        },
                    },
                }
            ],
        },
    }


def _attributes(values: dict[str, str]) -> str:
    return "".join(
        f'<saml:Attribute Name="{name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">'
        f'<saml:AttributeValue xsi:type="xs:string">{value}</saml:AttributeValue></saml:Attribute>'
        for name, value in values.items()
    )


def saml_response(
    request_id: str,
    attributes: dict[str, str],
    *,
    sign_key=IDP_KEY,
    sign_cert=IDP_CERT,
    signed=True,
    nameid="https://data.gov.dk/model/core/eid/person/uuid/8f3c",
) -> str:
    now = dt.datetime.now(dt.UTC)
    instant = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    later = (now + dt.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    before = (now - dt.timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assertion_id = f"_{uuid.uuid4().hex}"
    assertion = (
        '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'ID="{assertion_id}" Version="2.0" IssueInstant="{instant}">'
        f"<saml:Issuer>{IDP_ENTITY}</saml:Issuer>"
        "<saml:Subject>"
        f'<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">{nameid}</saml:NameID>'
        '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
        f'<saml:SubjectConfirmationData NotOnOrAfter="{later}" Recipient="{ACS}" InResponseTo="{request_id}"/>'
        "</saml:SubjectConfirmation></saml:Subject>"
        f'<saml:Conditions NotBefore="{before}" NotOnOrAfter="{later}">'
        f"<saml:AudienceRestriction><saml:Audience>{SP_ENTITY}</saml:Audience></saml:AudienceRestriction>"
        "</saml:Conditions>"
        f'<saml:AuthnStatement AuthnInstant="{instant}" SessionIndex="{assertion_id}">'
        "<saml:AuthnContext><saml:AuthnContextClassRef>https://data.gov.dk/concept/core/nsis/loa/Substantial</saml:AuthnContextClassRef></saml:AuthnContext>"
        "</saml:AuthnStatement>"
        f"<saml:AttributeStatement>{_attributes(attributes)}</saml:AttributeStatement>"
        "</saml:Assertion>"
    )
    if signed:
        assertion = OneLogin_Saml2_Utils.add_sign(assertion, sign_key, sign_cert).decode()
        assertion = assertion.replace('<?xml version="1.0"?>\n', "")
    response = (
        '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
        f'ID="_{uuid.uuid4().hex}" Version="2.0" IssueInstant="{instant}" '
        f'Destination="{ACS}" InResponseTo="{request_id}">'
        f"<saml:Issuer>{IDP_ENTITY}</saml:Issuer>"
        '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>'
        f"{assertion}</samlp:Response>"
    )
    return response


def start_login(client) -> str:
    """Samskab's MitID button: the AuthnRequest's id, from the redirect to NemLog-in."""
    response = client.post("/accounts/saml/mitid/login/")
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.netloc == "saml.nemlog-in.test"
    request_xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(
        parse_qs(location.query)["SAMLRequest"][0]
    )
    if isinstance(request_xml, bytes):
        request_xml = request_xml.decode()
    return request_xml.split(' ID="', 1)[1].split('"', 1)[0]


def finish_login(client, response_xml: str):
    """NemLog-in posts the response to the ACS; allauth finishes on its own address."""
    encoded = base64.b64encode(response_xml.encode()).decode()
    response = client.post(
        "/accounts/saml/mitid/acs/", {"SAMLResponse": encoded}, HTTP_HOST="testserver"
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/saml/mitid/acs/finish/"
    return client.get(response["Location"])


def log_in(client, attributes: dict[str, str], **kwargs):
    request_id = start_login(client)
    return finish_login(client, saml_response(request_id, attributes, **kwargs))


def logged_in_user(client):
    return int(client.session["_auth_user_id"]) if "_auth_user_id" in client.session else None


CITIZEN = {
    PERSON_PID: "9208-2002-2-514358910503",
    FULL_NAME: "Jens Hansen",
    CPR_ATTRIBUTE: CPR,
}
COMPANY = {
    PROFESSIONAL_UUID: "urn:uuid:323e4567-e89b-12d3-a456-426655440000",
    FULL_NAME: "Karen Lund",
    CVR: "20301823",
    ORG_NAME: "Lunds Cykler ApS",
    CPR_ATTRIBUTE: CPR,
}


def test_citizen_logs_in_with_mitid_and_no_cpr_is_kept_anywhere(client, mitid):
    response = log_in(client, CITIZEN)
    assert response.status_code == 302
    assert response["Location"] == "/"
    account = SocialAccount.objects.get(provider="saml")
    assert account.uid == CITIZEN[PERSON_PID]
    user = account.user
    assert logged_in_user(client) == user.pk
    assert user.groups.filter(name=roles.BORGER).exists()
    assert not user.has_usable_password()
    person = Person.objects.get(user=user)
    assert (person.name, person.kind) == ("Jens Hansen", Person.Kind.CITIZEN)

    # The CPR number is in no table, nor in any session.
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert CPR not in dump.getvalue()
    for session in Session.objects.all():
        assert CPR not in str(session.get_decoded())

    # The next login is the same account.
    client.logout()
    response = log_in(client, CITIZEN)
    assert response["Location"] == "/"
    assert logged_in_user(client) == user.pk
    assert User.objects.count() == 1


def test_mitid_erhverv_makes_the_company_a_verified_fact_on_the_idea(client, mitid):
    company = Organisation.objects.create(name="Lunds Cykler", cvr="20301823")
    log_in(client, COMPANY)
    account = SocialAccount.objects.get(provider="saml")
    assert account.uid == COMPANY[PROFESSIONAL_UUID]
    user = account.user
    person = Person.objects.get(user=user)
    assert (person.kind, person.organisation) == (Person.Kind.COMPANY, company)

    # The form says so, and the company's name cannot be changed there.
    form = client.get("/ideer/ny/").content.decode()
    assert "Bekræftet med MitID Erhverv (CVR 20301823)" in form
    assert 'value="Lunds Cykler ApS"' in form

    idea = idea_services.idea_submit(
        idea=Idea(
            title="Cykelparkering ved stationen",
            description="Overdækket parkering til 200 cykler.",
            on_behalf_of="Et andet firma",
            consent_to_publish=True,
        ),
        author=user,
    )
    idea.refresh_from_db()
    assert (idea.on_behalf_of, idea.on_behalf_of_cvr) == ("Lunds Cykler ApS", "20301823")
    idea.moderation = Idea.Moderation.APPROVED
    idea.save()
    body = client.get(f"/ideer/{idea.pk}/").content.decode()
    assert "CVR 20301823, bekræftet med MitID Erhverv" in body
    assert CPR not in body


def test_an_idea_without_mitid_erhverv_has_no_verified_company(client, mitid, personas):
    log_in(client, CITIZEN)
    user = SocialAccount.objects.get(provider="saml").user
    assert "Bekræftet med MitID Erhverv" not in client.get("/ideer/ny/").content.decode()
    for author in (user, personas[roles.BORGER]):
        idea = idea_services.idea_submit(
            idea=Idea(
                title="Bænke i parken",
                description="Flere bænke ved søen.",
                on_behalf_of="Grundejerforeningen",
                consent_to_publish=True,
            ),
            author=author,
        )
        idea.refresh_from_db()
        assert (idea.on_behalf_of, idea.on_behalf_of_cvr) == ("Grundejerforeningen", "")
        idea.moderation = Idea.Moderation.APPROVED
        idea.save()
        assert (
            "bekræftet med MitID Erhverv" not in client.get(f"/ideer/{idea.pk}/").content.decode()
        )


def _refused(client, response):
    body = response.content.decode()
    assert "Du blev ikke logget ind" in body
    assert "Svaret fra MitID kunne ikke bekræftes" in body
    assert logged_in_user(client) is None
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_a_tampered_response_is_refused(client, mitid):
    request_id = start_login(client)
    xml = saml_response(request_id, CITIZEN)
    assert "Jens Hansen" in xml
    _refused(client, finish_login(client, xml.replace("Jens Hansen", "Jens Hansen-Admin")))


def test_an_unsigned_response_is_refused(client, mitid):
    _refused(client, log_in(client, CITIZEN, signed=False))


def test_a_response_signed_by_another_key_is_refused(client, mitid):
    _refused(client, log_in(client, CITIZEN, sign_key=OTHER_KEY, sign_cert=OTHER_CERT))


def test_login_page_shows_the_mitid_button(client, mitid):
    body = client.get("/accounts/login/").content.decode()
    assert "Log ind med MitID" in body
    assert 'action="/accounts/saml/mitid/login/?process=login"' in body


@pytest.mark.parametrize(
    "posted",
    [
        base64.b64encode(b"not xml at all").decode(),
        base64.b64encode(b"<samlp:Response").decode(),
        "%%% not base64 %%%",
    ],
)
def test_a_garbled_response_is_refused_with_a_message_not_an_error(client, mitid, posted):
    start_login(client)
    response = client.post("/accounts/saml/mitid/acs/", {"SAMLResponse": posted})
    response = client.get(response["Location"])
    assert response.status_code in (400, 401)
    assert "Du blev ikke logget ind" in response.content.decode()
    assert not User.objects.exists()
