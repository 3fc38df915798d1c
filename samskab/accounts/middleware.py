"""The identity providers' addresses in the pages' Content-Security-Policy.

The login buttons post to Samskab, which answers with a redirect to the identity
provider; browsers hold that redirect to the page's ``form-action``. Each page's
policy therefore allows the origins of the configured providers (settings:
SOCIALACCOUNT_PROVIDERS, made from SAMSKAB_OIDC_PROVIDERS and SAMSKAB_MITID), and
no other.
"""

from urllib.parse import urlsplit

from django.conf import settings


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme in ("https", "http") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def identity_provider_origins() -> list[str]:
    providers = getattr(settings, "SOCIALACCOUNT_PROVIDERS", {})
    urls = [
        app.get("settings", {}).get("server_url", "")
        for app in providers.get("openid_connect", {}).get("APPS", [])
    ]
    for app in providers.get("saml", {}).get("APPS", []):
        idp = app.get("settings", {}).get("idp", {})
        urls += [idp.get("sso_url", ""), idp.get("metadata_url", "")]
    return sorted({origin for origin in map(_origin, urls) if origin})


class IdentityProviderFormActionMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        origins = identity_provider_origins()
        if origins:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), *origins]
            response._csp_update = update
        return response
