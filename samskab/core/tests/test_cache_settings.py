"""The cache every worker shares: Redis when REDIS_URL is set, else a database table."""

import importlib
import socket

import pytest
from django.core.cache.backends.redis import RedisCache

import samskab.settings


def caches_with(monkeypatch, **environ) -> dict:
    """CACHES as settings.py makes it from these environment variables."""
    monkeypatch.delenv("REDIS_URL", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    try:
        return dict(importlib.reload(samskab.settings).CACHES)
    finally:
        monkeypatch.undo()
        importlib.reload(samskab.settings)


def test_without_redis_the_cache_is_a_table_in_the_database(monkeypatch):
    cache = caches_with(monkeypatch)["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_with_redis_url_the_cache_is_redis(monkeypatch):
    cache = caches_with(monkeypatch, REDIS_URL="redis://127.0.0.1:6379/15")["default"]
    assert cache == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }


def _redis_is_running() -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.mark.skipif(not _redis_is_running(), reason="no Redis on 127.0.0.1:6379")
def test_the_redis_cache_counts_atomically_for_every_worker():
    cache = RedisCache("redis://127.0.0.1:6379/15", {})
    cache.delete("samskab-test-counter")
    cache.set("samskab-test-counter", 1)
    assert cache.incr("samskab-test-counter") == 2
    assert cache.get_many(["samskab-test-counter"]) == {"samskab-test-counter": 2}
    cache.delete("samskab-test-counter")
