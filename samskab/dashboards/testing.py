"""Helpers for tests of the front page and the panels the apps register."""

from django.core.cache import cache
from django.urls import reverse

from .frontpage import Listing


def front_page(client, user) -> dict[str, Listing]:
    """The panels ``user`` gets on the front page (status 200 asserted), by key.

    The cache is emptied first, so that each panel is built and its listing is there
    to read (test_cached_panels.py tests what the cache keeps)."""
    cache.clear()
    client.force_login(user)
    response = client.get(reverse("core:home"))
    if response.status_code != 200:
        raise AssertionError(f"The front page answered {response.status_code}")
    return {shown.panel.key: shown.listing for shown in response.context["panels"]}


def labels(listing: Listing) -> list[str]:
    return [item.label for item in listing.items]


def item(listing: Listing, label: str):
    """The item of ``listing`` labelled ``label`` (fails if there is none)."""
    found = [item for item in listing.items if item.label == label]
    if not found:
        raise AssertionError(f"{label!r} not among {labels(listing)}")
    return found[0]
