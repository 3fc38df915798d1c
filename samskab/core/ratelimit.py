"""Rate limits on what anonymous and logged-in visitors may send.

A fixed window counter in Django's cache (the database cache by default, shared
by all worker processes). Increments on the database cache are not atomic, so
under heavy concurrency a few requests too many may get through: good enough
to stop abuse, and it needs no extra server.

A visitor who is not logged in is counted by address: the address allauth's
login limits use too, which behind trusted reverse proxies
(``SAMSKAB_TRUSTED_PROXY_COUNT``) is the one the first of them saw, not the
proxy's own.
"""

import hashlib
import ipaddress
import time

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import render

PERIODS = {"m": 60, "h": 3600, "d": 86400}


def parse(rate: str) -> tuple[int, int]:
    """'5/h' -> (5, 3600)."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period]


def client_ip(request: HttpRequest) -> str:
    """The client's address as allauth sees it; an IPv6 client by its /64 network.

    Without trusted proxies that is REMOTE_ADDR and X-Forwarded-For is ignored;
    behind n of them it is the n-th address from the right of X-Forwarded-For,
    the one the outermost proxy got the request from. An IPv6 client usually
    holds a whole /64, so each of its addresses counts as the same client.
    """
    ip = get_adapter(request).get_client_ip(request)
    address = ipaddress.ip_address(ip)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return ip


def client_key(request: HttpRequest) -> str:
    """The user if logged in, else the client's address."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_ip(request)}"


def allow(request: HttpRequest, *, action: str, rate: str) -> bool:
    """Count one more ``action`` by this client; False once it exceeds ``rate``."""
    limit, period = parse(rate)
    window = int(time.time()) // period
    digest = hashlib.sha256(client_key(request).encode()).hexdigest()[:32]
    key = f"rl:{action}:{digest}:{window}"
    cache.add(key, 0, timeout=period)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period)
        used = 1
    return used <= limit


def too_many_requests(request: HttpRequest):
    """The Danish page a client gets when it has sent too much."""
    return render(request, "429.html", status=429)
