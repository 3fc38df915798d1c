from django.urls import reverse

from samskab.accounts import roles
from samskab.organisation.models import Competency, PersonCompetency


def test_the_fourteen_competencies_of_the_unit_are_there_from_the_start(db):
    names = set(Competency.objects.values_list("name", flat=True))
    assert len(names) == 14
    assert {
        "Design",
        "Antropologi",
        "Facilitering af åbne samskabende processer",
        "Forretningsudvikling",
        "Forandringsledelse",
        "Idéudvikling",
        "Konceptualisering",
        "Relationer",
        "Økonomi",
        "Kommunikation",
        "HR",
        "Jura",
        "Digitalisering",
        "Dataindsamling og analyse",
    } == names


def test_administrator_adds_a_competency(client, personas):
    client.force_login(personas[roles.ADMINISTRATOR])
    response = client.post(
        reverse("organisation:competency-create"),
        {"name": "Adfærdsdesign", "name_en": "Behavioural design", "description": ""},
    )
    assert response.status_code == 302
    competency = Competency.objects.get(name="Adfærdsdesign")
    assert competency.slug == "adfaerdsdesign"
    assert competency.name_en == "Behavioural design"


def test_duplicate_competency_name_is_refused_with_a_message(client, personas):
    client.force_login(personas[roles.ADMINISTRATOR])
    response = client.post(reverse("organisation:competency-create"), {"name": "Design"})
    assert response.status_code == 200
    assert Competency.objects.filter(name="Design").count() == 1
    assert response.context["form"].errors


def test_competency_names_follow_the_language(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    assert "Antropologi" in client.get("/kompetencer/").content.decode()
    assert "Anthropology" in client.get("/en/kompetencer/").content.decode()


def test_list_counts_people_with_each_competency(client, personas):
    design = Competency.objects.get(slug="design")
    employee = personas[roles.MEDARBEJDER].person
    PersonCompetency.objects.create(person=employee, competency=design, level=2)
    client.force_login(personas[roles.MEDARBEJDER])
    competencies = client.get(reverse("organisation:competency-list")).context["competencies"]
    counts = {c.slug: c.people_count for c in competencies}
    assert counts["design"] == 1
    assert counts["jura"] == 0


def test_a_name_giving_an_existing_key_is_refused_with_a_message(client, personas):
    client.force_login(personas[roles.ADMINISTRATOR])
    response = client.post(reverse("organisation:competency-create"), {"name": "design"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Competency.objects.filter(slug="design").count() == 1
