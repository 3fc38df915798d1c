from datetime import date

import pytest

from samskab.accounts import roles
from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import Category, InnovationTask, Novelty


@pytest.fixture
def area(unit) -> OrgUnit:
    return unit.parent


@pytest.fixture
def owner(personas):
    """The area manager persona, the owner of the tasks made here."""
    return personas[roles.OMRAADELEDER]


@pytest.fixture
def make_task(owner, area):
    def make(
        title: str = "Træn dig fri",
        *,
        category: str = Category.SERVICE,
        started_on: date = date(2024, 3, 1),
        ended_on: date | None = None,
        **fields,
    ) -> InnovationTask:
        status = fields.pop("status", None) or (
            InnovationTask.Status.COMPLETED if ended_on else InnovationTask.Status.ACTIVE
        )
        return InnovationTask.objects.create(
            title=title,
            problem="Ældre mister funktionsevne.",
            ambition="Halvt så mange får hjemmehjælp.",
            novelty=Novelty.RADICAL,
            category=category,
            owning_area=area,
            owner=owner.person,
            political_reference="KB 12.03.2026, pkt. 4",
            phase=fields.pop("phase", 4),
            started_on=started_on,
            ended_on=ended_on,
            status=status,
            **fields,
        )

    return make


@pytest.fixture
def task(make_task):
    return make_task()


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]
