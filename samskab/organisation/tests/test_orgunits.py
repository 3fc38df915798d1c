import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskab.accounts import roles
from samskab.organisation import services
from samskab.organisation.models import OrgUnit
from samskab.organisation.queries import OrgTree, unit_ids_below

from .factories import OrgUnitFactory, PersonFactory


def test_administrator_creates_a_sub_unit(client, personas, unit):
    client.force_login(personas[roles.ADMINISTRATOR])
    response = client.post(
        reverse("organisation:orgunit-create"),
        {"name": "Specialklasser", "kind": OrgUnit.Kind.DEPARTMENT, "parent": unit.pk},
    )
    created = OrgUnit.objects.get(name="Specialklasser")
    assert response.status_code == 302
    assert response.url == reverse("organisation:orgunit-detail", args=[created.pk])
    assert created.parent == unit


def test_unit_cannot_be_moved_below_its_own_sub_unit(client, personas, unit):
    area = unit.parent
    client.force_login(personas[roles.ADMINISTRATOR])
    response = client.post(
        reverse("organisation:orgunit-edit", args=[area.pk]),
        {"name": area.name, "kind": area.kind, "parent": unit.pk},
    )
    assert response.status_code == 200
    assert "kan ikke placeres under sig selv" in response.content.decode()
    area.refresh_from_db()
    assert area.parent != unit


def test_service_refuses_a_loop_and_a_unit_as_its_own_parent(unit):
    area = unit.parent
    area.parent = unit
    with pytest.raises(ValidationError):
        services.orgunit_save(unit=area)
    unit.parent = unit
    with pytest.raises(ValidationError):
        services.orgunit_save(unit=unit)


def test_missing_name_keeps_what_was_typed_and_says_why(client, personas, unit):
    client.force_login(personas[roles.ADMINISTRATOR])
    response = client.post(
        reverse("organisation:orgunit-create"),
        {"name": "", "kind": OrgUnit.Kind.DEPARTMENT, "external_id": "HR-77"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="HR-77"' in body
    assert "form-error-message" in body


def test_unit_page_shows_its_people_and_sub_units(client, personas, unit):
    PersonFactory(name="Karen Skov", org_unit=unit)
    OrgUnitFactory(name="Indskoling", parent=unit)
    client.force_login(personas[roles.MEDARBEJDER])
    body = client.get(reverse("organisation:orgunit-detail", args=[unit.pk])).content.decode()
    assert "Karen Skov" in body
    assert "Indskoling" in body
    assert unit.parent.name in body  # breadcrumb


def test_tree_lists_units_in_tree_order_with_people_counts(client, personas, unit):
    client.force_login(personas[roles.MEDARBEJDER])
    rows = client.get(reverse("organisation:orgunit-list")).context["rows"]
    names = [(u.name, depth) for u, depth, _count in rows]
    assert names == [("Testkommune", 0), ("Børn og Skole", 1), ("Skolen ved Sundet", 2)]
    counts = {u.name: count for u, _depth, count in rows}
    # persona employees (medarbejder, områdeleder, ...) all sit in the school
    assert counts["Skolen ved Sundet"] >= 1


def test_the_units_below_a_unit_are_all_of_its_subtree_and_cost_one_query(
    db, django_assert_num_queries
):
    area = OrgUnitFactory(kind=OrgUnit.Kind.AREA)
    school = OrgUnitFactory(parent=area)
    classes = OrgUnitFactory(parent=school)
    other = OrgUnitFactory(kind=OrgUnit.Kind.AREA)
    OrgUnitFactory(parent=other)
    with django_assert_num_queries(1):
        below = unit_ids_below(area.pk)
    assert below == {area.pk, school.pk, classes.pk}
    assert below == set(OrgTree.load().descendant_ids(area.pk))
    assert unit_ids_below(classes.pk) == {classes.pk}
