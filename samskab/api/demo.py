"""Demo data: the innovation unit's demo user has API keys on the profile: one that reads
(used yesterday), one that also writes, and one revoked. Their secrets are random and never
shown: the demo shows the list; a key to try the API with is made on the profile."""

import secrets
from datetime import timedelta

from django.utils import timezone

from samskab.accounts.models import User

from .models import ApiToken
from .services import PREFIX, digest_of

DEMO_USER = "innovationsmedarbejder"
KEYS = (
    ("Områdets ledelsesinformation", ApiToken.Scope.READ, 365, 1, False),
    ("Indberetning af målinger", ApiToken.Scope.WRITE, 90, None, False),
    ("Gammelt regneark", ApiToken.Scope.READ, 30, 20, True),
)


def seed_api_tokens() -> int:
    user = User.objects.filter(username=DEMO_USER).first()
    if user is None:
        return 0
    now = timezone.now()
    tokens = []
    for name, scope, days, used_days_ago, revoked in KEYS:
        secret = PREFIX + secrets.token_urlsafe(32)
        created = now - timedelta(days=25)
        tokens.append(
            ApiToken(
                user=user,
                name=name,
                scope=scope,
                prefix=secret[: len(PREFIX) + 6],
                digest=digest_of(secret),
                created_at=created,
                expires_at=created + timedelta(days=days),
                last_used_at=now - timedelta(days=used_days_ago) if used_days_ago else None,
                revoked_at=now - timedelta(days=3) if revoked else None,
            )
        )
    ApiToken.objects.bulk_create(tokens)
    return len(tokens)
