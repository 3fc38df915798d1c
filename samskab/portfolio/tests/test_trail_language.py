"""What triage, sparring and the portfolio write on an idea's trail, in the reader's language."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from samskab.accounts import roles
from samskab.ideas import services as idea_services
from samskab.ideas import trail
from samskab.ideas.models import Idea
from samskab.notifications.models import Notification
from samskab.portfolio.services import assessment as assessment_services
from samskab.portfolio.services import sparring as sparring_services


@pytest.fixture
def idea(personas, unit):
    idea = Idea.objects.create(
        title="Legeplads for alle børn",
        description="En legeplads, hvor børn i kørestol kan lege med.",
        author=personas[roles.BORGER],
        confirmed_at=timezone.now(),
        consent_to_publish=True,
        moderation=Idea.Moderation.APPROVED,
        wants_help=True,
    )
    idea.areas.set([unit.parent])
    idea_services.idea_follow(idea=idea, user=personas[roles.BORGER])
    return idea


def idea_page(client, idea, language: str) -> str:
    with translation.override(language):
        response = client.get(reverse("ideas:idea-detail", args=[idea.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_part_of_a_task_is_said_in_the_readers_language_with_the_task_as_written(
    client, idea, make_proposal, start
):
    proposal = make_proposal("Træn dig fri")
    proposal.ideas.set([idea])
    start(proposal)
    step = idea.status_changes.last()
    assert step.code == trail.PART_OF_TASK
    assert step.params == {"task": "Træn dig fri", "reference": "KB 12.03.2026, pkt. 4"}
    assert (
        "The idea is now part of the innovation task “Træn dig fri”, prioritised by "
        "KB 12.03.2026, pkt. 4." in idea_page(client, idea, "en")
    )
    assert (
        "Idéen indgår nu i innovationsopgaven “Træn dig fri”, som er prioriteret ved "
        "KB 12.03.2026, pkt. 4." in idea_page(client, idea, "da")
    )


def test_sparring_and_assessment_steps_are_said_in_the_readers_language(client, idea, personas):
    staff = personas[roles.INNOVATIONSENHED]
    assessment_services.assessment_create(ideas=[idea], title="", by=staff)
    sparring_services.sparring_from_idea(idea=idea, by=staff)
    english, danish = idea_page(client, idea, "en"), idea_page(client, idea, "da")
    assert "The innovation unit is assessing the idea against its criteria." in english
    assert "with up to 20 hours of sparring" in english
    assert "Innovationsenheden vurderer idéen ud fra sine kriterier." in danish
    assert "med op til 20 timers sparring" in danish
    assert "Innovationsenheden vurderer" not in english


def test_the_submitter_is_told_of_the_sparring_in_danish(idea, personas):
    with translation.override("en"):
        sparring_services.sparring_from_idea(idea=idea, by=personas[roles.INNOVATIONSENHED])
    told = Notification.objects.get(user=personas[roles.BORGER])
    assert "sparringskø med op til 20 timers sparring" in told.body
