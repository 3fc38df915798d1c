"""MitID through NemLog-in (OIOSAML 3): what Samskab takes from a SAML assertion.

Samskab keeps a pseudonymous identifier and, for MitID Erhverv, the company's CVR
number and name: never a CPR number, whatever the assertion carries. allauth's SAML
provider would keep every attribute (settings: SOCIALACCOUNT_PROVIDERS["saml"]).
"""

from allauth.socialaccount.providers.saml.provider import SAMLProvider

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
