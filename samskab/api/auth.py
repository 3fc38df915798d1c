"""Who calls the API: a personal bearer token, the browser's session, or nobody.

A bearer token (``Authorization: Bearer samskab_…``) acts as its user, within its scope.
The browser's session acts as the logged-in user, and its writes need the CSRF token
(the ``X-CSRFToken`` header), as a form does. Without either the caller is anonymous
and reads what an anonymous visitor of the pages reads. Every call counts against the
caller's rate limit (``SAMSKAB_API_RATE``; writes also against the page's own limits).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from samskab.core.ratelimit import allow

from .errors import ApiError, language_of
from .models import ApiToken
from .services import token_authenticate

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Caller:
    user: object
    token: ApiToken | None = None

    @property
    def can_write(self) -> bool:
        return self.user.is_authenticated and (self.token is None or self.token.can_write)


class ApiAuth(HttpBearer):
    """Bearer token, else session (with CSRF on writes), else anonymous."""

    csrf = True  # the documentation's page sends the CSRF token with its writes
    openapi_description = (
        "A personal API key from the profile page (/profil/), as "
        "`Authorization: Bearer samskab_…`. Without it the browser's session is used "
        "(with the CSRF token on writes), or the caller is anonymous."
    )

    def __call__(self, request):
        translation.activate(language_of(request))
        header = request.headers.get("Authorization")
        if header:
            scheme, _space, secret = header.partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                raise ApiError(401, "invalid_token", _("The API key is not valid."))
            token = token_authenticate(secret.strip())
            request.user = token.user
            caller = Caller(user=token.user, token=token)
        else:
            if (
                request.user.is_authenticated
                and request.method not in SAFE_METHODS
                and check_csrf(request) is not None
            ):
                raise ApiError(403, "csrf_failed", _("The CSRF check failed."))
            caller = Caller(user=request.user)
        if not allow(request, action="api", rate=settings.SAMSKAB_API_RATE):
            raise ApiError(
                429, "rate_limited", _("Too many requests. Wait a little and try again.")
            )
        return caller

    def authenticate(self, request, token):  # pragma: no cover - __call__ does it all
        return None


def writer(request, *, action: str = "", rate: str = ""):
    """The user who may write through this call; refuses anonymous callers and read keys.

    ``action`` and ``rate`` name the page's own rate limit, shared with the page (an idea
    submitted through the API counts as one sent by the form).
    """
    caller: Caller = request.auth
    if not caller.user.is_authenticated:
        raise ApiError(401, "not_authenticated", _("Log in or send an API key."))
    if not caller.can_write:
        raise ApiError(403, "insufficient_scope", _("The API key may only read."))
    if action and not allow(request, action=action, rate=rate):
        raise ApiError(429, "rate_limited", _("Too many requests. Wait a little and try again."))
    return caller.user
