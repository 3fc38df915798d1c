"""A person's place in the organisation: the area, the units above, the units of the area."""

from samskab.organisation.models import OrgUnit, Person
from samskab.organisation.queries import placement_of


def test_a_person_in_an_institution_is_placed_in_its_area(unit, django_assert_num_queries):
    area, root = unit.parent, unit.parent.parent
    sibling = OrgUnit.objects.create(name="Skolen ved Søen", parent=area)
    OrgUnit.objects.create(name="Social og Sundhed", kind=OrgUnit.Kind.AREA, parent=root)
    person = Person.objects.create(name="Lærer", org_unit=unit)

    with django_assert_num_queries(1):
        placement = placement_of(person)

    assert (placement.area.pk, placement.area.name) == (area.pk, "Børn og Skole")
    assert placement.above == {unit.pk, area.pk, root.pk}
    assert placement.area_units == {area.pk, unit.pk, sibling.pk}


def test_a_person_above_the_areas_or_without_a_unit_has_no_area(unit):
    root = unit.parent.parent
    at_the_top = placement_of(Person.objects.create(name="Direktør", org_unit=root))
    assert at_the_top.area is None
    assert at_the_top.above == {root.pk}
    assert placement_of(Person.objects.create(name="Borger", kind="citizen")) is None
    assert placement_of(None) is None
