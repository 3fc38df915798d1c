"""Page parts kept in the cache until the data they show changes.

A costly part of a page (the portfolio board's columns, a front-page panel, a task's
story) is rendered once and kept under a key made of what it varies on (the filters,
the viewer, the task), the language, today's date and the versions of Samskab's data
(``core.freshness``). A write to any of that data moves a version on, so the next
request renders the part anew: the cache never shows what the database no longer
holds. A day's change of date does the same for what depends on today ("overdue").

The key is read before the data the part shows (``freshness`` moves a version when a
write commits), so a part rendered from rows read just before a commit is kept under
the old versions, which no later request asks for.

Only HTML that is the same for everyone the key is made for is kept: no form with a
CSRF token, nothing of the session. Templates use ``{% part key %}`` (Django's cache
tag, ``core/templatetags/parts.py``) with the key a view made here; the front page,
which assembles several parts, reads them with ``get_many``.
"""

import hashlib

from django.utils import timezone, translation

from . import freshness

# Seconds a part is kept at most. Correctness does not rest on it (the versions do);
# it bounds how long parts that nobody asks for again stay in the cache.
TIMEOUT = 6 * 3600


def base(reads=freshness.APPS) -> str:
    """What every part's key holds: the versions of the data it reads, the language and
    today's date (one round trip to the cache). Read it before the data."""
    return "\x1f".join(
        [
            freshness.stamp(*sorted(reads)),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
        ]
    )


def key(name: str, *vary, reads=freshness.APPS, now: str | None = None) -> str:
    """The cache key of the part ``name`` for these ``vary`` values; ``now`` is a
    ``base()`` read once for several parts of a page."""
    parts = [now if now is not None else base(reads), *(str(value) for value in vary)]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"samskab:part:{name}:{digest}"


def filtered_key(name: str, form, *vary) -> str | None:
    """The key of a part that a filter form chooses, or None (render it, keep nothing) when
    the form is not valid: only valid choices, as cleaned, make keys, so that no one can
    fill the cache by sending endless variants of a filter."""
    if not form.is_valid():
        return None
    chosen = sorted(
        (field, getattr(value, "pk", value)) for field, value in form.cleaned_data.items()
    )
    return key(name, *vary, *chosen)
