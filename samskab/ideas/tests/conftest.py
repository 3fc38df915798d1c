import pytest
from django.utils import timezone

from samskab.ideas.models import Audience, Challenge, Idea
from samskab.organisation.models import OrgUnit


@pytest.fixture
def area(unit) -> OrgUnit:
    return unit.parent


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


@pytest.fixture
def challenge(area) -> Challenge:
    today = timezone.localdate()
    return Challenge.objects.create(
        title="Færre ensomme ældre",
        question="Hvordan mindsker vi ensomhed?",
        owner=area,
        opens_on=today.replace(day=1),
    )
