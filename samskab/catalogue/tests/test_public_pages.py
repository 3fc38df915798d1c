"""The public catalogue: what anyone sees, what never shows, search and filters."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samskab.accounts import roles
from samskab.catalogue import queries, services
from samskab.catalogue.models import ExternalEntry, Subscription
from samskab.evidence.models import Experiment, LearningCard
from samskab.portfolio.models import Category
from samskab.spread.models import Adoption


def test_anonymous_visitor_sees_a_published_entry_in_the_list_and_on_its_page(client, make_entry):
    entry = make_entry("Træn dig fri")
    response = client.get("/katalog/")
    assert response.status_code == 200
    assert "Træn dig fri" in response.content.decode()
    page = client.get(f"/katalog/{entry.slug}/")
    assert page.status_code == 200
    assert "Et hverdagsrehabiliteringsforløb" in page.content.decode()


def test_unpublished_entry_is_not_in_the_list_the_feed_nor_at_its_address(client, make_entry):
    entry = make_entry("Hemmelig løsning", publish=False)
    assert "Hemmelig løsning" not in client.get("/katalog/").content.decode()
    assert "Hemmelig løsning" not in client.get("/katalog/feed.json").content.decode()
    assert client.get(f"/katalog/{entry.slug}/").status_code == 404
    assert client.get(f"/katalog/{entry.slug}.json").status_code == 404


def test_withdrawn_entry_disappears_from_the_feed(client, make_entry, chief):
    entry = make_entry("Træn dig fri")
    services.entry_unpublish(entry=entry, by=chief)
    assert client.get("/katalog/feed.json").json()["entries"] == []
    assert client.get(f"/katalog/{entry.slug}/").status_code == 404


def test_employee_outside_the_unit_cannot_open_a_draft_but_the_unit_can(
    client, personas, make_entry
):
    entry = make_entry(publish=False)
    client.force_login(personas[roles.MEDARBEJDER])
    assert client.get(f"/katalog/{entry.slug}/").status_code == 404
    client.force_login(personas[roles.INNOVATIONSENHED])
    assert client.get(f"/katalog/{entry.slug}/").status_code == 200


def test_the_catalogue_is_in_english_under_en(client, make_entry):
    entry = make_entry()
    response = client.get(f"/en/katalog/{entry.slug}/")
    assert response.status_code == 200
    assert "The problem" in response.content.decode()


def test_search_finds_danish_inflections_and_compounds(make_entry):
    make_entry("Hverdagsrehabilitering", solution="Træning i eget hjem for ældre borgere.")
    make_entry("Digital skoleintra", problem="Forældre mangler overblik over skolernes beskeder.")
    titles = [item.title for item in queries.catalogue(text="ældre")]
    assert titles == ["Hverdagsrehabilitering"]
    assert [item.title for item in queries.catalogue(text="skole")] == ["Digital skoleintra"]
    assert queries.catalogue(text="og") == []  # a stop word only: nothing to look for


def test_filters_by_area_type_and_evidence_level(make_task, make_entry, unit, personas):
    other_area = unit.parent.__class__.objects.create(
        name="Kultur", kind="omraade", parent=unit.parent.parent
    )
    strong = make_entry("Stærk evidens")
    make_entry("Kommunikation", task=make_task("Kom", category=Category.COMMUNICATION))
    make_entry("Kulturen", task=make_task("Kul", owning_area=other_area))
    experiment = Experiment.objects.create(
        task=strong.task,
        title="Forsøg",
        hypothesis="x",
        intervention="x",
        metric="x",
        unit="%",
        baseline=0,
        target_change=1,
        success_criterion="x",
        starts_on="2025-01-01",
        ends_on="2025-02-01",
        owner=personas[roles.OMRAADELEDER].person,
        value_served="quality",
    )
    LearningCard.objects.create(
        experiment=experiment, saw="x", learned="x", decide="x", advice="go", evidence_level=3
    )

    def titles(**filters):
        return sorted(item.title for item in queries.catalogue(**filters))

    assert titles(level=3) == ["Stærk evidens"]
    assert titles(level=4) == []
    assert titles(category=Category.COMMUNICATION) == ["Kommunikation"]
    assert titles(area=other_area.pk) == ["Kulturen"]


def test_list_shows_other_municipalities_entries_by_default_and_only_ours_on_request(
    client, make_entry
):
    make_entry("Vores løsning")
    subscription = Subscription.objects.create(
        name="Gladsaxe Kommune", feed_url="https://gladsaxe.example/katalog/feed.json"
    )
    ExternalEntry.objects.create(
        subscription=subscription,
        remote_id="robot",
        url="https://gladsaxe.example/katalog/robot/",
        title="Robotstøvsugere",
        fetched_at="2026-01-01T10:00:00Z",
    )
    both = client.get("/katalog/").content.decode()
    assert "Vores løsning" in both and "Robotstøvsugere" in both and "Gladsaxe Kommune" in both
    ours = client.get("/katalog/?kilde=vores").content.decode()
    assert "Vores løsning" in ours and "Robotstøvsugere" not in ours


def test_entry_page_shows_where_it_runs_without_naming_anyone(client, make_entry, unit):
    entry = make_entry()
    Adoption.objects.create(task=entry.task, unit=unit, state="operating", since="2025-05-01")
    page = client.get(f"/katalog/{entry.slug}/").content.decode()
    assert "1 af 1" in page or "1 of 1" in page


def test_hostile_filters_never_give_an_error(client, make_entry):
    make_entry()
    for query in (
        "?omraade=abc",
        "?evidens=9",
        "?side=-1",
        "?q=" + "x" * 5000,
        "?q=%00",
        "?type=<b>",
    ):
        assert client.get("/katalog/" + query).status_code == 200


def test_a_material_is_checked_by_content_and_downloads_as_an_attachment(
    client, make_entry, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    entry = make_entry()
    with pytest.raises(Exception) as error:
        services.material_add(
            entry=entry,
            title="Falsk",
            upload=SimpleUploadedFile("guide.pdf", b"not a pdf"),
            by=staff,
        )
    assert "material_file" in error.value.message_dict
    material = services.material_add(
        entry=entry,
        title="Vejledning",
        upload=SimpleUploadedFile("guide.pdf", b"%PDF-1.4 demo"),
        by=staff,
    )
    response = client.get(f"/katalog/materialer/{material.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("count", [3, 12])
def test_the_list_runs_a_fixed_number_of_queries(
    client, make_entry, django_assert_num_queries, count
):
    for number in range(count):
        make_entry(f"Løsning {number}")
    subscription = Subscription.objects.create(
        name="Gladsaxe Kommune", feed_url="https://gladsaxe.example/katalog/feed.json"
    )
    for number in range(count):
        ExternalEntry.objects.create(
            subscription=subscription,
            remote_id=str(number),
            url=f"https://gladsaxe.example/{number}",
            title=f"Ekstern {number}",
            fetched_at="2026-01-01T10:00:00Z",
        )
    # session-less anonymous visitor: areas of the filter, entries, levels, degrees, externals
    with django_assert_num_queries(5):
        response = client.get("/katalog/")
    assert response.status_code == 200
    # and the two searches; no external entry matches, so they are not read
    with django_assert_num_queries(6):
        response = client.get("/katalog/?q=løsning")
    assert response.status_code == 200
