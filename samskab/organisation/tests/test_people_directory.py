import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles
from samskab.organisation.models import Competency, OrgUnit, Person, PersonCompetency

from .factories import OrgUnitFactory, PersonFactory

URL = reverse("organisation:person-list")


def with_competencies(people, competencies):
    PersonCompetency.objects.bulk_create(
        PersonCompetency(person=p, competency=c, level=1 + (i % 4))
        for i, p in enumerate(people)
        for c in competencies
    )


def test_employee_finds_a_colleague_by_name(client, personas, unit):
    PersonFactory(name="Kirsten Ravn", org_unit=unit)
    PersonFactory(name="Ole Sand", org_unit=unit)
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(URL, {"q": "ravn"})
    names = [p.name for p in response.context["page_obj"]]
    assert names == ["Kirsten Ravn"]


def test_filter_by_unit_includes_its_sub_units(client, personas, unit):
    area = unit.parent
    other_area = OrgUnitFactory(name="Kultur", kind=OrgUnit.Kind.AREA, parent=area.parent)
    PersonFactory(name="I skolen", org_unit=unit)
    PersonFactory(name="I kulturen", org_unit=other_area)
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(URL, {"enhed": area.pk})
    names = {p.name for p in response.context["page_obj"]}
    assert "I skolen" in names
    assert "I kulturen" not in names


def test_filter_by_competency(client, personas, unit):
    design = Competency.objects.get(slug="design")
    designer = PersonFactory(name="Dorte Design", org_unit=unit)
    PersonFactory(name="Uden Design", org_unit=unit)
    PersonCompetency.objects.create(person=designer, competency=design, level=3)
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(URL, {"kompetence": design.pk})
    assert [p.name for p in response.context["page_obj"]] == ["Dorte Design"]


def test_employee_does_not_see_citizens_but_the_innovation_unit_does(client, personas):
    PersonFactory(name="Bent Borger", kind=Person.Kind.CITIZEN)
    client.force_login(personas[roles.MEDARBEJDER])
    assert "Bent Borger" not in client.get(URL, {"q": "Bent"}).content.decode()
    assert "type" not in client.get(URL).context["form"].fields

    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.get(URL, {"q": "Bent", "type": Person.Kind.CITIZEN})
    assert [p.name for p in response.context["page_obj"]] == ["Bent Borger"]


def test_directory_is_paginated(client, personas, unit):
    PersonFactory.create_batch(60, org_unit=unit)
    client.force_login(personas[roles.MEDARBEJDER])
    page_one = client.get(URL)
    page_three = client.get(URL, {"side": 3})
    assert len(page_one.context["page_obj"]) == 25
    assert page_three.context["page_obj"].number == 3
    assert page_one.context["page_obj"][0] != page_three.context["page_obj"][0]


def test_bad_filter_values_give_the_unfiltered_list_not_an_error(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(URL, {"enhed": "abc", "kompetence": "999999", "side": "x"})
    assert response.status_code == 200


def test_htmx_request_gets_only_the_results(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(URL, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="results"' in body
    assert "<html" not in body


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "Medarbejder"}])
def test_directory_queries_do_not_grow_with_the_number_of_people(client, personas, unit, params):
    competencies = list(Competency.objects.all()[:3])
    client.force_login(personas[roles.MEDARBEJDER])
    with_competencies(PersonFactory.create_batch(10, org_unit=unit), competencies)
    few = count_queries(client, URL, params)
    with_competencies(PersonFactory.create_batch(300, org_unit=unit), competencies)
    many = count_queries(client, URL, params)
    assert few == many
    assert many <= 11


def test_unit_page_queries_do_not_grow_with_the_number_of_people(client, personas, unit):
    competencies = list(Competency.objects.all()[:3])
    url = reverse("organisation:orgunit-detail", args=[unit.pk])
    client.force_login(personas[roles.MEDARBEJDER])
    with_competencies(PersonFactory.create_batch(10, org_unit=unit), competencies)
    few = count_queries(client, url)
    with_competencies(PersonFactory.create_batch(300, org_unit=unit), competencies)
    for i in range(200):
        OrgUnitFactory(parent=unit if i % 2 else unit.parent)
    many = count_queries(client, url)
    assert few == many
    assert many <= 10


def test_unit_tree_queries_do_not_grow_with_the_number_of_units(client, personas, unit):
    url = reverse("organisation:orgunit-list")
    client.force_login(personas[roles.MEDARBEJDER])
    few = count_queries(client, url)
    parents = [unit.parent]
    for i in range(300):
        parents.append(OrgUnitFactory(parent=parents[i // 3]))
        PersonFactory(org_unit=parents[-1])
    many = count_queries(client, url)
    assert few == many
    assert many <= 8


def test_someone_who_left_is_not_listed_but_keeps_their_page(client, personas, unit):
    from django.utils import timezone

    PersonFactory(name="Kirsten Ravn", org_unit=unit)
    left = PersonFactory(name="Kirsten Gået", org_unit=unit, ended_on=timezone.localdate())
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(URL, {"q": "kirsten"})
    assert response.status_code == 200
    assert [p.name for p in response.context["page_obj"]] == ["Kirsten Ravn"]
    assert client.get(reverse("organisation:person-detail", args=[left.pk])).status_code == 200
