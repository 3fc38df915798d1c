import pytest
from django.utils import timezone

from samskab.ideas.models import Challenge
from samskab.organisation.models import OrgUnit


@pytest.fixture
def area(unit) -> OrgUnit:
    return unit.parent


@pytest.fixture
def challenge(area) -> Challenge:
    today = timezone.localdate()
    return Challenge.objects.create(
        title="Færre ensomme ældre",
        question="Hvordan mindsker vi ensomhed?",
        owner=area,
        opens_on=today.replace(day=1),
    )
