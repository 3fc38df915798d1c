import factory

from samskab.organisation.models import OrgUnit, Person


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Enhed {n}")
    kind = OrgUnit.Kind.DEPARTMENT


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    kind = Person.Kind.EMPLOYEE
    name = factory.Sequence(lambda n: f"Medarbejder {n:04d}")
    title = "Konsulent"
