"""MitID through NemLog-in (OIOSAML 3): what Samskab takes from a SAML assertion.

Samskab keeps a pseudonymous identifier and, for MitID Erhverv, the company's CVR
number and name: never a CPR number, whatever the assertion carries. allauth's SAML
provider would keep every attribute (settings: SOCIALACCOUNT_PROVIDERS["saml"]).
"""

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.providers.saml import views as saml_views
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from lxml import etree

EID = "https://data.gov.dk/model/core/eid"
# The pseudonymous identifiers, in order of preference; the NameID when there is none.
PROFESSIONAL_UUID = f"{EID}/professional/uuid/persistent"
PERSON_PID = f"{EID}/person/pid"
CVR = f"{EID}/professional/cvr"
ORG_NAME = f"{EID}/professional/orgName"
FULL_NAME = f"{EID}/fullName"
FIRST_NAME = f"{EID}/firstName"
LAST_NAME = f"{EID}/lastName"
EMAIL = f"{EID}/email"
LOA = f"{EID}/loa"


def _first(attributes: dict, name: str) -> str:
    values = attributes.get(name) or []
    return str(values[0]).strip() if values else ""


class MitIDProvider(SAMLProvider):
    name = "MitID"
    # allauth's SAML views and addresses serve it.
    package = "allauth.socialaccount.providers.saml"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # NemLog-in signs its assertions: an unsigned one is refused, whatever is configured.
        advanced = {**self.app.settings.get("advanced", {})}
        advanced.update(strict=True, want_assertion_signed=True, reject_idp_initiated_sso=True)
        self.app.settings = {**self.app.settings, "advanced": advanced}

    def extract_uid(self, data) -> str:
        attributes = data.get_attributes()
        return (
            _first(attributes, PROFESSIONAL_UUID)
            or _first(attributes, PERSON_PID)
            or data.get_nameid()
        )

    def extract_extra_data(self, data) -> dict:
        """What Samskab keeps of the assertion (SocialAccount.extra_data)."""
        attributes = data.get_attributes()
        name = _first(attributes, FULL_NAME) or " ".join(
            part for part in (_first(attributes, FIRST_NAME), _first(attributes, LAST_NAME)) if part
        )
        cvr = _first(attributes, CVR)
        return {
            "name": name[:200],
            "cvr": cvr if cvr.isdigit() and len(cvr) == 8 else "",
            "org_name": _first(attributes, ORG_NAME)[:200],
            "loa": _first(attributes, LOA)[:100],
        }

    def extract_common_fields(self, data) -> dict:
        extra = self.extract_extra_data(data)
        first, _, last = extra["name"].partition(" ")
        return {
            "email": _first(data.get_attributes(), EMAIL),
            "first_name": first[:150],
            "last_name": last[:150],
        }

    def extract_email_addresses(self, data) -> list:
        # NemLog-in's address is not verified for Samskab: it is not used to log in.
        return []


@login_not_required
def finish_acs(request: HttpRequest, organization_slug: str) -> HttpResponse:
    """allauth's end of a SAML login, where an answer that is not XML is refused too.

    python3-saml lets lxml's error through for a response that does not parse; a
    garbled or hostile post gets the same refusal as a badly signed one, not an error
    page. Samskab's address list puts this view at allauth's own address.
    """
    try:
        return saml_views.finish_acs(request, organization_slug=organization_slug)
    except etree.XMLSyntaxError:
        refusal = _("MitID's answer could not be verified, so you were not logged in.")
        return render(
            request, "socialaccount/authentication_error.html", {"refusal": refusal}, status=400
        )
