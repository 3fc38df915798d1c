"""What the endpoints share: the cursor pagination and the check of a page's permission."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja.errors import AuthenticationError
from ninja.pagination import CursorPagination

# Lists are paged by an opaque cursor in a stable order: newest id first.
PAGE = {"ordering": ("-id",), "page_size": 25, "max_page_size": 100}


class Cursor(CursorPagination):
    """Ninja's cursor pagination: ``?cursor=…&page_size=…``, answered with ``next``,
    ``previous`` (addresses of the neighbouring pages) and ``results``."""


def require(request, perm: str, obj=None, *, hide: bool = False) -> None:
    """Refuse a caller without ``perm``: 401 for anonymous callers, else 403 (404 if ``hide``)."""
    user = request.auth.user
    if user.has_perm(perm, obj) if obj is not None else user.has_perm(perm):
        return
    if hide:
        raise Http404
    if not user.is_authenticated:
        raise AuthenticationError
    raise PermissionDenied
