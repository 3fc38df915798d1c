"""Versions of Samskab's data, by app, for caches that must never show stale figures.

A page part that is costly to build (the board's signals, a front page's lists,
a task's story) is cached under a key that holds the versions of the apps it
reads: ``stamp("portfolio", "governance")``. Every write to a model of an app
moves that app's version on, so the next request builds the part anew; a part
that reads nothing written since is served from the cache. Supports and
comments move only the ideas app's version, so a campaign's traffic leaves the
portfolio's caches alone.

Writes through ``save()`` and ``delete()`` move the version by themselves (the
signals connected in ``CoreConfig.ready``); a service that writes by
``QuerySet.update()`` or ``bulk_create()``, which send no signals, calls
``touch()`` itself. The version moves at once and again when the transaction
commits, so a request that read the old rows before the commit cannot cache
them under the new version.
"""

import threading
import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

PREFIX = "samskab:version:"
# The apps whose data pages cache; a write to any other app's model moves nothing.
APPS = frozenset(
    {
        "accounts",
        "organisation",
        "network",
        "ideas",
        "portfolio",
        "governance",
        "teams",
        "evidence",
        "benefits",
        "spread",
        "barometer",
        "catalogue",
        "finance",
        "house",
        "events",
        "methods",
    }
)

# Saves of only these fields change nothing a page shows.
UNSHOWN = frozenset({"last_login"})


def _key(app: str) -> str:
    return f"{PREFIX}{app}"


def _move(apps: Iterable[str]) -> None:
    for app in apps:
        try:
            cache.incr(_key(app))
        except ValueError:  # not in the cache (yet, or any more): a new, unused number
            cache.set(_key(app), time.time_ns(), timeout=None)
    _forget()


def touch(*apps: str) -> None:
    """The data of these apps changed: parts cached from them are built anew."""
    _move(apps)
    transaction.on_commit(lambda: _move(apps))


def _read(apps: Iterable[str]) -> dict[str, int]:
    keys = {_key(app): app for app in apps}
    found = cache.get_many(list(keys))
    missing = {key: time.time_ns() for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return {keys[key]: version for key, version in found.items()}


def stamp(*apps: str) -> str:
    """The versions of these apps' data, for a cache key.

    During a request the versions of all apps are read once, at the first stamp
    (one round trip to the cache), and kept until the request writes something:
    the parts of a page and the request's user (``accounts.backends``) share them.
    """
    versions = getattr(_request, "versions", None)
    if versions is None:
        versions = _read(apps)
    elif not all(app in versions for app in apps):
        versions.update(_read(APPS.union(apps)))
    return ".".join(str(versions[app]) for app in apps)


# The versions read during one request (None outside requests: commands, tasks).
_request = threading.local()


def begin_request(**kwargs) -> None:
    _request.versions = {}


def end_request(**kwargs) -> None:
    _request.versions = None


def _forget() -> None:
    if getattr(_request, "versions", None):
        _request.versions = {}


def on_write(sender, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    if kwargs.get("raw") or sender.__module__ == "__fake__":  # fixtures, data migrations
        return
    if kwargs.get("update_fields") == UNSHOWN:  # a login: no page shows when it was
        return
    app = sender._meta.app_label
    if app in APPS:
        touch(app)
