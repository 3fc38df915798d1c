"""An employee turns another municipality's entry into an idea here; the command queues fetches."""

import io

import pytest
from django.core.management import call_command

from samskab.accounts import roles
from samskab.catalogue.models import ExternalEntry, Subscription, TryHere
from samskab.ideas.models import Audience, Idea


@pytest.fixture
def external(db):
    subscription = Subscription.objects.create(
        name="Gladsaxe Kommune", feed_url="https://gladsaxe.example/katalog/feed.json"
    )
    return ExternalEntry.objects.create(
        subscription=subscription,
        remote_id="robot",
        url="https://gladsaxe.example/katalog/robot/",
        title="Robotstøvsugere i hjemmeplejen",
        problem="Rengøring tager tid fra omsorgen.",
        solution="Robotstøvsugere hos borgerne.",
        fetched_at="2026-01-01T10:00:00Z",
    )


def test_employee_turns_an_outside_entry_into_an_idea_that_keeps_its_origin(
    client, personas, external
):
    employee = personas[roles.MEDARBEJDER]
    client.force_login(employee)
    response = client.post(f"/katalog/ekstern/{external.pk}/proev/")
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ideer/{idea.pk}/"
    assert idea.title == "Robotstøvsugere i hjemmeplejen"
    assert idea.author == employee and idea.audience == Audience.INTERNAL
    assert external.url in idea.description
    link = TryHere.objects.get()
    assert (link.idea, link.external_entry, link.origin_url) == (idea, external, external.url)
    # Sent twice, the same idea.
    client.post(f"/katalog/ekstern/{external.pk}/proev/")
    assert Idea.objects.count() == 1


@pytest.mark.parametrize("persona", [roles.BORGER, roles.KOMMUNALBESTYRELSE])
def test_citizen_and_politician_cannot_turn_an_outside_entry_into_an_idea(
    client, personas, external, persona
):
    client.force_login(personas[persona])
    assert client.post(f"/katalog/ekstern/{external.pk}/proev/").status_code == 403
    assert not Idea.objects.exists()


def test_fetch_catalogues_queues_only_active_subscriptions_that_are_due(db, external, settings):
    # A closed port on this machine: refused at once, no network needed.
    external.subscription.feed_url = "https://127.0.0.1:1/katalog/feed.json"
    external.subscription.save()
    Subscription.objects.create(
        name="Inaktiv", feed_url="https://inaktiv.example/feed.json", active=False
    )
    out = io.StringIO()
    call_command("fetch_catalogues", stdout=out)  # immediate backend: runs the fetch right away
    assert "1" in out.getvalue()
    external.subscription.refresh_from_db()
    assert external.subscription.last_attempt_at is not None
    assert external.subscription.last_error  # refused, and recorded
    assert ExternalEntry.objects.filter(pk=external.pk).exists()  # and nothing lost
