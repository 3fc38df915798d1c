from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request, items, *, per_page: int | None = None) -> Page:
    """The requested page (``?side=N``); out-of-range or bad numbers give the nearest page."""
    paginator = Paginator(items, per_page or settings.SAMSKAB_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("side"))
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2))
    return page
