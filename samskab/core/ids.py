"""Numbers typed or sent by a visitor, read safely.

``str.isdigit()`` is true for "²" and "٣", which ``int()`` then refuses or reads
as another number; an id from a query string is ASCII digits and fits the
database's integer, or it is no id at all.
"""

import re

_ID = re.compile(r"[0-9]{1,18}")


def as_id(value: object) -> int | None:
    """The positive id ``value`` spells, or None."""
    text = str(value or "").strip()
    if not _ID.fullmatch(text):
        return None
    number = int(text)
    return number if number > 0 else None
