"""Writes of the API app: personal tokens are created, used and revoked here only."""

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User

from .models import ApiToken

PREFIX = "samskab_"
# How long a token may live, in days: the choices of the profile's form.
LIFETIMES = (30, 90, 365)
# A token's last use is written at most this often, so reading costs no write per request.
TOUCH_EVERY = timedelta(minutes=10)


def digest_of(secret: str) -> str:
    """The stored form of a secret. The secret is 256 random bits, so a fast hash suffices."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for ``user`` and its secret, which is never stored and shown only now."""
    if not user.is_authenticated or not user.is_active:
        raise ValidationError(_("Only an active user can have API keys."))
    if days not in LIFETIMES:
        raise ValidationError({"days": _("Choose how long the key is valid.")})
    secret = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken(
        user=user,
        name=name.strip(),
        scope=scope,
        prefix=secret[: len(PREFIX) + 6],
        digest=digest_of(secret),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Stop a token from working; it stays listed as revoked."""
    if token.user_id != by.pk:
        raise ValidationError(_("You can only revoke your own API keys."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


class TokenRefused(Exception):
    """A bearer token that does not open the API, with the reason's code."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def token_authenticate(secret: str) -> ApiToken:
    """The token of ``secret`` with its user (one query), or TokenRefused saying why not."""
    if not secret.startswith(PREFIX) or len(secret) > 200:
        raise TokenRefused("invalid_token")
    token = ApiToken.objects.select_related("user").filter(digest=digest_of(secret)).first()
    if token is None or not token.user.is_active:
        raise TokenRefused("invalid_token")
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRefused("revoked_token")
    if token.expires_at <= now:
        raise TokenRefused("expired_token")
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
