"""Where a view may send the user next: only ever to an address of this site.

A ``next`` parameter is what the page asked for, so anyone can write a link
with ``next=https://evil.example/``. Every view that follows one reads it
through ``safe_next``.
"""

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, default: str, **default_kwargs) -> str:
    """The request's ``next`` (POST before GET) if it is local, else ``default``.

    ``default`` is a URL or a URL name (resolved with ``default_kwargs``). An
    address on another host, a scheme-relative ``//host`` or a ``javascript:``
    address is never followed; on an HTTPS request neither is plain HTTP.
    """
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(default, **default_kwargs)
