"""The feed and an entry's JSON follow the documented schema samskab-catalogue/1."""

from samskab.catalogue import feed
from samskab.spread.models import Adoption

ENTRY_KEYS = {
    "id",
    "url",
    "title",
    "problem",
    "solution",
    "evidence_level",
    "innovation_type",
    "area",
    "degree_of_scaling",
    "contact",
    "licence",
    "updated_at",
    "materials",
}


def test_the_feed_holds_the_published_entries_in_the_documented_schema(
    client, make_entry, settings, unit
):
    settings.SAMSKAB_MUNICIPALITY_NAME = "Gentofte Kommune"
    entry = make_entry("Træn dig fri")
    make_entry("Kladde", publish=False)
    Adoption.objects.create(task=entry.task, unit=unit, state="operating", since="2025-05-01")
    response = client.get("/katalog/feed.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert data["schema"] == "samskab-catalogue/1"
    assert data["publisher"] == {"name": "Gentofte Kommune", "url": "http://testserver/katalog/"}
    assert data["generated_at"]
    [item] = data["entries"]
    assert set(item) == ENTRY_KEYS
    assert item["id"] == entry.slug
    assert item["url"] == f"http://testserver/katalog/{entry.slug}/"
    assert item["innovation_type"] == "service"
    assert item["degree_of_scaling"] == {"in_operation": 1, "targets": 1}
    assert item["contact"] == {
        "name": "Henrik Vestergaard",
        "email": "henrik@example.dk",
        "unit": "Social og Sundhed",
    }
    assert item["licence"] == "CC-BY-4.0"
    # What Samskab writes, Samskab reads: the document passes the reader's checks.
    [read] = feed.read(data)
    assert read.title == "Træn dig fri"


def test_an_entrys_json_is_the_feed_with_that_entry(client, make_entry):
    entry = make_entry()
    data = client.get(f"/katalog/{entry.slug}.json").json()
    assert data["schema"] == "samskab-catalogue/1"
    assert [item["id"] for item in data["entries"]] == [entry.slug]
