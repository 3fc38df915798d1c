from datetime import date

import pytest

from samskab.accounts import roles
from samskab.benefits.tests.conftest import draft_with_line, realise, signed  # noqa: F401 - fixtures
from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import Category, InnovationTask, Novelty


@pytest.fixture
def area(unit) -> OrgUnit:
    """Børn og Skole, holding the personas' school and two more institutions and a department."""
    OrgUnit.objects.create(
        name="Dyssegårdsskolen", kind=OrgUnit.Kind.INSTITUTION, parent=unit.parent
    )
    OrgUnit.objects.create(name="Vangeboskolen", kind=OrgUnit.Kind.INSTITUTION, parent=unit.parent)
    OrgUnit.objects.create(
        name="Børnehuset Kilden", kind=OrgUnit.Kind.INSTITUTION, parent=unit.parent
    )
    OrgUnit.objects.create(
        name="Skoleadministrationen", kind=OrgUnit.Kind.DEPARTMENT, parent=unit.parent
    )
    return unit.parent


@pytest.fixture
def other_area(area) -> OrgUnit:
    other = OrgUnit.objects.create(
        name="Ældre og Sundhed", kind=OrgUnit.Kind.AREA, parent=area.parent
    )
    OrgUnit.objects.create(
        name="Plejecenter Bakkehuset", kind=OrgUnit.Kind.INSTITUTION, parent=other
    )
    return other


@pytest.fixture
def manager(personas, area):
    """The area manager persona, employed in the owning area itself."""
    person = personas[roles.OMRAADELEDER].person
    person.org_unit = area
    person.save()
    return personas[roles.OMRAADELEDER]


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def make_task(manager, area):
    def make(title: str = "Synlig læring", *, phase: int = 5, owning_area=None, **fields):
        return InnovationTask.objects.create(
            title=title,
            problem="Eleverne ved ikke, hvad de skal lære.",
            ambition="Alle elever kan sige, hvad de lærer og hvorfor.",
            novelty=Novelty.RADICAL,
            category=Category.SERVICE,
            owning_area=owning_area or area,
            owner=manager.person,
            political_reference="KB 12.03.2026, pkt. 4",
            phase=phase,
            started_on=fields.pop("started_on", date(2025, 1, 6)),
            **fields,
        )

    return make


@pytest.fixture
def task(make_task):
    return make_task()


def units_named(*names):
    return list(OrgUnit.objects.filter(name__in=names).order_by("name"))
