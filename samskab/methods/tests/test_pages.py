"""The library's pages, a card and its versions, the glossary, and a task's methods."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samskab.accounts import roles
from samskab.methods import services
from samskab.methods.models import Method, MethodUse, Term
from samskab.organisation.models import Competency
from samskab.portfolio import timeline


@pytest.fixture
def library(make_method):
    """Three cards: two public, one for those logged in."""
    journeys = make_method("Brugerrejser", phases="13", is_public=True)
    journeys.competencies.set(Competency.objects.filter(slug="antropologi"))
    make_method(
        "Business case",
        phases="45",
        purpose="Regn på om løsningen kan betale sig over årene.",
        is_public=True,
    )
    make_method("Observation", phases="1", purpose="Se hvad medarbejderne gør i hverdagen.")
    return journeys


def titles(response) -> list[str]:
    return [method.title for method in response.context["page"]]


def test_a_visitor_sees_the_public_cards_only(client, library):
    response = client.get("/metoder/")
    assert response.status_code == 200
    assert titles(response) == ["Brugerrejser", "Business case"]
    assert client.get("/metoder/observation/").status_code == 404


def test_everyone_logged_in_reads_every_card(client, library, personas):
    client.force_login(personas[roles.BORGER])
    assert titles(client.get("/metoder/")) == ["Brugerrejser", "Business case", "Observation"]
    assert client.get("/metoder/observation/").status_code == 200


def test_search_in_danish_and_filters_by_phase_and_competency(client, library, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    assert titles(client.get("/metoder/", {"q": "betale"})) == ["Business case"]
    assert titles(client.get("/metoder/", {"q": "medarbejder"})) == ["Observation"]
    assert titles(client.get("/metoder/", {"fase": 4})) == ["Business case"]
    anthropology = Competency.objects.get(slug="antropologi")
    assert titles(client.get("/metoder/", {"kompetence": anthropology.pk})) == ["Brugerrejser"]
    assert titles(client.get("/metoder/", {"q": "betale", "fase": 1})) == []


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\" OR 1=1 -- ' NEAR( *"},
        {"q": "x" * 5_000},
        {"fase": "9"},
        {"fase": "x", "kompetence": "'; DROP TABLE"},
        {"side": "-1"},
    ],
)
def test_hostile_filters_get_a_page_never_an_error(client, library, params):
    assert client.get("/metoder/", params).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_reads_in_a_fixed_number_of_queries(
    client, make_method, personas, django_assert_max_num_queries, count
):
    competencies = list(Competency.objects.all()[:3])
    for number in range(count):
        method = make_method(f"Metode {number:02d}", phases="13", is_public=True)
        method.competencies.set(competencies)
    client.force_login(personas[roles.MEDARBEJDER])
    with django_assert_max_num_queries(8):
        response = client.get("/metoder/", {"q": "borger", "fase": 1})
    assert response.status_code == 200
    assert len(titles(response)) == min(count, 25)


def test_a_card_shows_its_version_and_who_changed_it(client, library, staff, personas):
    library.time_needed = "En uge"
    services.method_save(method=library, by=staff)
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get("/metoder/brugerrejser/")
    today = timezone.localdate()
    assert f"Version 2, ændret {today.day}." in response.content.decode()
    assert "af Persona innovationsenhed" in response.content.decode()
    versions = client.get("/metoder/brugerrejser/versioner/")
    page = versions.content.decode()
    assert "Kortet har 2 versioner." in page
    assert "2–3 uger" in page and "En uge" in page


def test_a_visitor_sees_the_version_but_not_who_changed_it(client, library):
    page = client.get("/metoder/brugerrejser/").content.decode()
    assert "Version 1, ændret" in page
    assert "Persona innovationsenhed" not in page


def test_where_a_method_was_used_is_shown_to_those_who_see_tasks(
    client, library, task, employee, personas
):
    services.use_record(
        task=task, method=library, phase=1, rating=5, learning="Borgerne åbnede op.", by=employee
    )
    client.force_login(personas[roles.DIREKTION])
    page = client.get("/metoder/brugerrejser/").content.decode()
    assert "Træn dig fri" in page and "Borgerne åbnede op." in page
    client.force_login(personas[roles.BORGER])
    page = client.get("/metoder/brugerrejser/").content.decode()
    assert "Træn dig fri" not in page and "Borgerne åbnede op." not in page
    client.logout()
    assert "Borgerne åbnede op." not in client.get("/metoder/brugerrejser/").content.decode()


def test_the_task_page_suggests_methods_for_its_phase(client, library, make_method, task, employee):
    make_method("Prototyper", phases="3", is_public=True)
    client.force_login(employee)
    page = client.get(f"/opgaver/{task.pk}/").content.decode()
    assert "Forslag til fase 3" in page
    assert f"/opgaver/{task.pk}/metoder/?metode=prototyper" in page
    suggested = page.split("Forslag til fase 3")[1].split("</ul>")[0]
    assert "Brugerrejser" in suggested  # phases 1 and 3
    assert "Business case" not in suggested  # phases 4 and 5


def test_a_team_member_records_a_method_used(client, library, task, employee):
    client.force_login(employee)
    form = client.get(f"/opgaver/{task.pk}/metoder/?metode=brugerrejser")
    assert form.context["form"].initial["method"] == library
    response = client.post(
        f"/opgaver/{task.pk}/metoder/",
        {
            "method": library.pk,
            "phase": 1,
            "rating": 4,
            "learning": "Vi fandt tre smertepunkter.",
            "used_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/opgaver/{task.pk}/metoder/"
    use = MethodUse.objects.get()
    assert (use.task, use.method, use.phase, use.rating) == (task, library, 1, 4)
    assert use.recorded_by == employee
    story = timeline.story(task, viewer=employee)
    assert "Metode brugt: Brugerrejser (fase 1)" in [event.title for event in story]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"phase": 5}, "phase", "Marker en gyldig valgmulighed"),
        ({"rating": 9}, "rating", "Marker en gyldig valgmulighed"),
        ({"rating": "x"}, "rating", "Marker en gyldig valgmulighed"),
        ({"learning": ""}, "learning", "Dette felt er påkrævet"),
        ({"used_on": "2999-01-01"}, "used_on", "kan ikke ligge i fremtiden"),
        ({"method": 999_999}, "method", "Marker en gyldig valgmulighed"),
    ],
)
def test_bad_input_gets_a_danish_message_and_keeps_what_was_typed(
    client, library, task, employee, data, field, message
):
    client.force_login(employee)
    values = {
        "method": library.pk,
        "phase": 1,
        "rating": 4,
        "learning": "Vi fandt tre smertepunkter.",
        "used_on": timezone.localdate().isoformat(),
        **data,
    }
    response = client.post(f"/opgaver/{task.pk}/metoder/", values)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    if field != "learning":
        assert "Vi fandt tre smertepunkter." in response.content.decode()
    assert not MethodUse.objects.exists()


def test_who_is_not_on_the_team_sees_the_methods_without_the_form(client, library, task, personas):
    client.force_login(personas[roles.DIREKTION])
    response = client.get(f"/opgaver/{task.pk}/metoder/")
    assert response.status_code == 200
    assert response.context["form"] is None
    assert client.post(f"/opgaver/{task.pk}/metoder/", {"method": library.pk}).status_code == 403


def test_a_use_is_removed_by_the_team(client, library, task, employee):
    use = services.use_record(
        task=task, method=library, phase=1, rating=2, learning="x", by=employee
    )
    client.force_login(employee)
    response = client.post(f"/opgaver/{task.pk}/metoder/{use.pk}/slet/")
    assert response["Location"] == f"/opgaver/{task.pk}/metoder/"
    assert not MethodUse.objects.exists()


def test_the_unit_writes_a_card_with_a_material(client, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    response = client.post(
        "/metoder/ny/",
        {
            "title": "Gevinstdiagram",
            "purpose": "Kortlæg kæden fra output til gevinst.",
            "phase_numbers": ["4", "5"],
            "steps": "Skriv målet\nFind gevinsterne",
            "time_needed": "En halv dag",
            "people_needed": "Holdet",
            "competencies": [Competency.objects.get(slug="oekonomi").pk],
            "material_title": "Skabelon",
            "material_file": SimpleUploadedFile("diagram.pdf", b"%PDF-1.4 x"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/metoder/gevinstdiagram/"
    method = Method.objects.get()
    assert method.phases == "45"
    assert [c.slug for c in method.competencies.all()] == ["oekonomi"]
    material = method.materials.get()
    download = client.get(f"/metoder/materialer/{material.pk}/")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert 'filename="diagram.pdf"' in download["Content-Disposition"]


def test_a_bad_material_is_refused_in_danish_and_nothing_typed_is_lost(
    client, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    response = client.post(
        "/metoder/ny/",
        {
            "title": "Gevinstdiagram",
            "purpose": "Kortlæg kæden.",
            "phase_numbers": ["4"],
            "steps": "Skriv målet",
            "time_needed": "En halv dag",
            "people_needed": "Holdet",
            "material_file": SimpleUploadedFile("virus.exe", b"MZ"),
        },
    )
    assert response.status_code == 200
    assert "kan ikke vedhæftes" in " ".join(response.context["form"].errors["material_file"])
    assert "Kortlæg kæden." in response.content.decode()
    assert not Method.objects.exists()


def test_a_card_without_a_phase_gets_a_danish_message(client, staff):
    client.force_login(staff)
    response = client.post("/metoder/ny/", {"title": "X", "purpose": "x", "steps": "x"})
    assert response.status_code == 200
    assert "Vælg mindst én fase." in response.context["form"].errors["phase_numbers"]


def test_the_glossary_is_public_with_anchors_and_see_also(client, make_term, staff):
    trial = make_term("Prøvehandling", forms="prøvehandlingen")
    level = make_term("Evidensniveau")
    services.term_save(term=trial, see_also=[level], by=staff)
    page = client.get("/metoder/ordbog/").content.decode()
    assert 'id="proevehandling"' in page
    assert '<a href="#evidensniveau">Evidensniveau</a>' in page
    assert "Også: prøvehandlingen" in page


def test_the_unit_adds_a_term_and_is_sent_to_it(client, staff):
    client.force_login(staff)
    response = client.post(
        "/metoder/ordbog/ny/", {"term": "Skaleringsgrad", "definition": "Andelen i drift."}
    )
    assert response["Location"] == "/metoder/ordbog/#skaleringsgrad"
    assert Term.objects.get().slug == "skaleringsgrad"


def test_a_task_pages_phase_text_links_to_the_glossary(client, make_term, task, employee):
    make_term("Prøvehandling", forms="prøvehandlinger")
    client.force_login(employee)
    page = client.get(f"/opgaver/{task.pk}/").content.decode()
    assert '<a href="/metoder/ordbog/#proevehandling" class="glossary-term">' in page
