"""A consenting, current resident is proposed in the team composer, marked as resident;
without consent, after the residency, or to anyone but the unit, not."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.house.models import Residency, ResidencySkill
from samskab.organisation.models import Competency, Person
from samskab.portfolio.models import InnovationTask
from samskab.teams.models import CompetencyNeed, Importance
from samskab.teams.queries import composition_for


@pytest.fixture
def task(personas, unit):
    return InnovationTask.objects.create(
        title="Hjælpemidler i hjemmeplejen",
        problem="x",
        ambition="x",
        novelty="incremental",
        category="service",
        owning_area=unit.parent,
        owner=personas[roles.OMRAADELEDER].person,
        political_reference="KB",
    )


@pytest.fixture
def needs_design(task):
    return CompetencyNeed.objects.create(
        task=task,
        competency=Competency.objects.get(slug="design"),
        importance=Importance.CRITICAL,
        level=3,
    )


def resident(name="Maja Thorsen", *, consent=True, ends_in=300, level=4):
    today = timezone.localdate()
    person = Person.objects.create(name=name, kind=Person.Kind.ENTREPRENEUR)
    residency = Residency.objects.create(
        person=person,
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=ends_in),
        works_on="Prototyper",
        consent_on=today - timedelta(days=30) if consent else None,
        consent_to="At blive foreslået til hold" if consent else "",
    )
    ResidencySkill.objects.create(
        residency=residency, competency=Competency.objects.get(slug="design"), level=level
    )
    return person


def proposed(task, user) -> dict[int, str]:
    """The people from outside proposed, with their marks (employees are proposed as
    innovation partners from the owning area too)."""
    return {
        p.candidate.person_id: p.candidate.mark
        for p in composition_for(task, user=user).proposals
        if p.candidate.external
    }


def test_a_consenting_resident_is_proposed_to_the_unit_marked_as_resident(
    task, needs_design, personas, client
):
    person = resident()
    assert proposed(task, personas[roles.INNOVATIONSENHED]) == {person.pk: "Iværksætter i huset"}
    client.force_login(personas[roles.INNOVATIONSENHED])
    page = client.get(reverse("teams:team-compose", args=[task.pk])).content.decode()
    assert "Maja Thorsen" in page and "Iværksætter i huset" in page


def test_a_resident_without_consent_or_whose_residency_ended_is_not_proposed(
    task, needs_design, personas
):
    resident("Uden Samtykke", consent=False)
    resident("Flyttet Ud", ends_in=-1)
    resident("For Lavt Niveau", level=2)
    assert proposed(task, personas[roles.INNOVATIONSENHED]) == {}


def test_only_the_unit_is_proposed_residents(task, needs_design, personas):
    resident()
    assert proposed(task, personas[roles.OMRAADELEDER]) == {}


def test_a_resident_already_on_the_team_is_not_proposed_again(task, needs_design, personas):
    from samskab.teams.models import TeamMembership

    person = resident()
    TeamMembership.objects.create(
        task=task,
        person=person,
        role="entrepreneur",
        consent_on=timezone.localdate(),
        consent_to="x",
    )
    assert proposed(task, personas[roles.INNOVATIONSENHED]) == {}


def test_the_composer_costs_the_same_with_one_and_many_residents(
    task, needs_design, personas, client, django_assert_max_num_queries
):
    resident("Første")
    client.force_login(personas[roles.INNOVATIONSENHED])
    url = reverse("teams:team-compose", args=[task.pk])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for i in range(12):
        resident(f"Iværksætter {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    # One resident covers the need: the greedy composer proposes no second for it.
    assert response.content.decode().count("Iværksætter i huset") == 1
