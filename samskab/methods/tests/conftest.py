from datetime import date

import pytest
from django.utils import timezone

from samskab.accounts import roles
from samskab.methods import glossary, services
from samskab.methods.models import Method, Term
from samskab.portfolio.models import Category, InnovationTask, Novelty
from samskab.teams.models import TeamMembership


@pytest.fixture(autouse=True)
def _fresh_glossary():
    glossary.forget()
    yield
    glossary.forget()


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def employee(personas):
    return personas[roles.MEDARBEJDER]


@pytest.fixture
def make_task(personas, unit):
    def make(title: str = "Træn dig fri", *, phase: int = 3, **fields):
        return InnovationTask.objects.create(
            title=title,
            problem="Ældre mister funktionsevne.",
            ambition="Halvt så mange får hjemmehjælp.",
            novelty=Novelty.RADICAL,
            category=Category.SERVICE,
            owning_area=unit.parent,
            owner=personas[roles.OMRAADELEDER].person,
            political_reference="KB 12.03.2026, pkt. 4",
            phase=phase,
            started_on=fields.pop("started_on", date(2025, 1, 6)),
            **fields,
        )

    return make


@pytest.fixture
def task(make_task, employee):
    """A task in phase 3 with the employee persona on its team."""
    task = make_task()
    TeamMembership.objects.create(
        task=task,
        person=employee.person,
        role="specialist",
        allocation=20,
        starts_on=timezone.localdate().replace(day=1),
    )
    return task


@pytest.fixture
def make_method(staff):
    def make(title: str = "Brugerrejser", *, phases: str = "13", **fields):
        values = {
            "purpose": "Følg en borgers vej gennem kommunens tilbud og find, hvor den knækker.",
            "steps": "Vælg en borger\nTegn rejsen\nFind smertepunkterne",
            "time_needed": "2–3 uger",
            "people_needed": "En facilitator og 3–5 borgere",
        }
        values.update(fields)
        return services.method_save(method=Method(title=title, phases=phases, **values), by=staff)

    return make


@pytest.fixture
def make_term(staff):
    def make(term: str = "Prøvehandling", *, forms: str = "", definition: str = "En afprøvning."):
        return services.term_save(
            term=Term(term=term, definition=definition, forms=forms), by=staff
        )

    return make
