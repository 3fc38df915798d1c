from django.urls import reverse

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.organisation.models import Competency, Person, PersonCompetency

URL = reverse("organisation:profile")


def test_employee_sets_own_competencies_and_details(client, personas):
    user = personas[roles.MEDARBEJDER]
    client.force_login(user)
    response = client.post(
        URL,
        {
            "name": "Jonas Holm",
            "title": "Lærer",
            "phone": "39 98 00 00",
            "about": "Gode idéer til skolegården.",
            "kompetence-design": "3",
            "kompetence-jura": "",
            "kompetence-relationer": "4",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(user=user)
    assert person.name == "Jonas Holm"
    levels = {pc.competency.slug: pc.level for pc in person.person_competencies.all()}
    assert levels == {"design": 3, "relationer": 4}


def test_clearing_a_level_removes_the_competency(client, personas):
    user = personas[roles.MEDARBEJDER]
    PersonCompetency.objects.create(
        person=user.person, competency=Competency.objects.get(slug="design"), level=2
    )
    client.force_login(user)
    client.post(URL, {"name": "Jonas", "kompetence-design": ""})
    assert not user.person.person_competencies.exists()


def test_a_level_outside_1_to_4_is_refused_and_nothing_is_saved(client, personas):
    user = personas[roles.MEDARBEJDER]
    client.force_login(user)
    response = client.post(URL, {"name": "Nyt navn", "kompetence-design": "5"})
    assert response.status_code == 200
    assert response.context["levels"].errors
    user.person.refresh_from_db()
    assert user.person.name != "Nyt navn"


def test_a_user_without_a_person_record_gets_one_on_first_save(client, db):
    user = User.objects.create_user(username="ny", email="ny@example.dk", password="x-x-x-x-x")
    client.force_login(user)
    assert client.get(URL).status_code == 200
    client.post(URL, {"name": "Ny Bruger"})
    person = Person.objects.get(user=user)
    assert person.name == "Ny Bruger"
    assert person.kind == Person.Kind.CITIZEN


def test_profile_cannot_change_kind_or_unit(client, personas, unit):
    user = personas[roles.BORGER]
    client.force_login(user)
    client.post(URL, {"name": "Mette", "kind": Person.Kind.EMPLOYEE, "org_unit": unit.pk})
    user.person.refresh_from_db()
    assert user.person.kind == Person.Kind.CITIZEN
    assert user.person.org_unit is None


def test_unit_staff_registers_an_external_partner(client, personas):
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("organisation:person-create"),
        {"kind": Person.Kind.RESEARCHER, "name": "Freja Forsker", "email": "freja@ku.dk"},
    )
    assert response.status_code == 302
    assert Person.objects.get(name="Freja Forsker").kind == Person.Kind.RESEARCHER


def test_an_external_person_cannot_be_placed_in_a_unit(client, personas, unit):
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("organisation:person-create"),
        {"kind": Person.Kind.COMPANY, "name": "Viggo Virksomhed", "org_unit": unit.pk},
    )
    assert response.status_code == 200
    assert not Person.objects.filter(name="Viggo Virksomhed").exists()
