"""Reads of the API app."""

from django.db.models import QuerySet

from .models import ApiToken


def tokens_of(user) -> QuerySet[ApiToken]:
    """A person's tokens, the newest first, revoked and expired ones too."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
