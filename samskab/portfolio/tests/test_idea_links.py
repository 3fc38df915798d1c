"""Proposal and task pages name only the ideas their reader may open."""

import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.ideas.models import Idea


@pytest.fixture(autouse=True)
def _room(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100


@pytest.fixture
def ideas(make_idea):
    return [
        make_idea(title="Offentlig idé bag forslaget"),
        make_idea(
            title="Ubekræftet idé bag forslaget",
            confirmed_at=None,
            moderation=Idea.Moderation.PENDING,
        ),
    ]


def body_for(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_proposal_names_a_pending_idea_only_to_those_who_may_open_it(
    client, personas, make_proposal, ideas
):
    proposal = make_proposal()
    proposal.ideas.set(ideas)
    url = reverse("portfolio:proposal-detail", args=[proposal.pk])
    pending_url = reverse("ideas:idea-detail", args=[ideas[1].pk])

    board = body_for(client, personas[roles.DIREKTION], url)
    assert "Offentlig idé bag forslaget" in board
    assert "Ubekræftet idé bag forslaget" not in board
    assert f'href="{pending_url}"' not in board
    assert "1 idé mere, som du ikke har adgang til" in board
    assert client.get(pending_url).status_code == 404

    staff = body_for(client, personas[roles.INNOVATIONSENHED], url)
    assert "Ubekræftet idé bag forslaget" in staff
    assert "du ikke har adgang til" not in staff


def test_a_task_names_a_pending_idea_only_to_those_who_may_open_it(
    client, personas, make_proposal, start, ideas
):
    proposal = make_proposal()
    proposal.ideas.set(ideas)
    task = start(proposal)
    task.ideas.set(ideas)
    url = reverse("portfolio:task-detail", args=[task.pk])
    board = body_for(client, personas[roles.DIREKTION], url)
    assert "Offentlig idé bag forslaget" in board
    assert "Ubekræftet idé bag forslaget" not in board
    assert "Ubekræftet idé bag forslaget" in body_for(client, personas[roles.INNOVATIONSENHED], url)
