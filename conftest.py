import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import timezone, translation

from samskab.core.testing import PERSONAS, make_persona, restore_data_migrations
from samskab.ideas.models import Audience, Idea
from samskab.organisation.models import OrgUnit


@pytest.fixture(autouse=True)
def _fast_hashing_and_fresh_cache(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A per-test in-memory cache: rate limits of one test never leak into the next.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Pages' query counts include reading the user, whatever was written before the
    # request (accounts/tests/test_request_user.py tests the user kept in the cache).
    settings.SAMSKAB_CACHE_REQUEST_USER = False
    # A page's first request reads the glossary's terms as the next one does
    # (samskab/methods/tests/test_glossary.py tests the terms kept in memory).
    settings.SAMSKAB_GLOSSARY_CACHE = False
    cache.clear()
    yield
    cache.clear()
    # A request to /en/... leaves English active in this thread; the next test starts Danish.
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _data_migrations_in_transactional_tests(request):
    """A transactional test starts with the rows the data migrations wrote, whichever
    transactional test flushed the database before it on this process."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        request.getfixturevalue("transactional_db")
        restore_data_migrations()


@pytest.fixture
def unit(db) -> OrgUnit:
    root = OrgUnit.objects.create(name="Testkommune", kind=OrgUnit.Kind.MUNICIPALITY)
    area = OrgUnit.objects.create(name="Børn og Skole", kind=OrgUnit.Kind.AREA, parent=root)
    return OrgUnit.objects.create(
        name="Skolen ved Sundet", kind=OrgUnit.Kind.INSTITUTION, parent=area
    )


@pytest.fixture
def personas(db, unit) -> dict:
    """Every persona of samskab.core.testing; ``anonymous`` maps to None."""
    return {
        name: None if name == "anonymous" else make_persona(name, unit=unit) for name in PERSONAS
    }


@pytest.fixture
def make_idea(db):
    """A published idea (confirmed, consented, approved) unless told otherwise."""

    def make(**fields) -> Idea:
        defaults = {
            "title": "Udeskole hver fredag",
            "description": "Undervisning i skoven en dag om ugen.",
            "confirmed_at": timezone.now(),
            "consent_to_publish": True,
            "moderation": Idea.Moderation.APPROVED,
            "audience": Audience.PUBLIC,
        }
        defaults.update(fields)
        return Idea.objects.create(**defaults)

    return make
