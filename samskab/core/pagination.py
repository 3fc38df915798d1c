import base64
import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Q


def paginate(request, items, *, per_page: int | None = None) -> Page:
    """The requested page (``?side=N``); out-of-range or bad numbers give the nearest page."""
    paginator = Paginator(items, per_page or settings.SAMSKAB_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("side"))
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page


@dataclass
class KeysetPage:
    """One page of a keyset-paginated list: the rows and the cursor of the next page."""

    object_list: list
    next_cursor: str | None
    is_first: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def keyset_page(queryset, *, order: tuple[str, str], cursor: str | None, size: int) -> KeysetPage:
    """A page that starts after ``cursor``, ordered by two descending fields (the last unique).

    Unlike OFFSET, the 1,000th page costs the same as the first: the database seeks
    straight to the cursor through the index on the ordering fields. The redundant
    "first <= value" is what lets PostgreSQL enter the index at the cursor; without it,
    it reads and drops every row before it. A cursor that does not fit the ordering (a
    date for a count, say) starts from the first page instead of failing.
    """
    first, last = (name.removeprefix("-") for name in order)
    values = _decode(cursor)
    if values is not None:
        is_date = isinstance(queryset.model._meta.get_field(first), models.DateTimeField)
        if isinstance(values[0], datetime) != is_date:
            values = None
    rows = queryset.order_by(*order)
    if values is not None:
        value, pk = values
        rows = rows.filter(**{f"{first}__lte": value}).filter(
            Q(**{f"{first}__lt": value}) | Q(**{first: value, f"{last}__lt": pk})
        )
    items = list(rows[: size + 1])
    next_cursor = None
    if len(items) > size:
        items = items[:size]
        tail = items[-1]
        next_cursor = _encode(getattr(tail, first), getattr(tail, last))
    return KeysetPage(object_list=items, next_cursor=next_cursor, is_first=values is None)


def cursor_at(value, pk: int) -> str:
    """The cursor of a keyset page that starts with the row (value, pk) itself.

    A cursor names the last row of the page before; for a descending order on an
    integer id, that is this row's place with the next id.
    """
    return _encode(value, pk + 1)


def _encode(value, pk) -> str:
    raw = json.dumps([value.isoformat() if isinstance(value, datetime) else value, pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str | None):
    if not cursor:
        return None
    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
            if value.tzinfo is None:
                return None
        if not isinstance(pk, int) or not isinstance(value, int | datetime):
            return None
    except (ValueError, TypeError, json.JSONDecodeError):
        return None
    return value, pk
