"""The same idea form sent twice (a double click, a resent request) makes one idea."""

import re
import threading
import uuid

import pytest
from django.core import mail
from django.db import IntegrityError, connection, connections, transaction
from django.urls import reverse

from samskab.accounts import roles
from samskab.ideas import services
from samskab.ideas.models import Idea


def form_token(client) -> str:
    page = client.get(reverse("ideas:idea-create")).content.decode()
    return re.search(r'name="token" value="([0-9a-f-]{36})"', page).group(1)


def post(client, token, **fields):
    data = {
        "kind": "idea",
        "title": "Bænke langs stien",
        "description": "Ældre kan ikke gå hele turen uden at hvile.",
        "consent_to_publish": "on",
        "token": token,
        **fields,
    }
    return client.post(reverse("ideas:idea-create"), data)


def test_a_citizen_sending_the_form_twice_gets_one_idea_and_is_shown_it_both_times(
    client, personas
):
    client.force_login(personas[roles.BORGER])
    token = form_token(client)
    first, second = post(client, token), post(client, token)
    idea = Idea.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == reverse("ideas:idea-detail", args=[idea.pk])


def test_an_anonymous_form_sent_twice_makes_one_idea_and_one_email(
    client, db, django_capture_on_commit_callbacks
):
    token = form_token(client)
    fields = {"author_name": "Ole", "author_email": "ole@example.dk"}
    with django_capture_on_commit_callbacks(execute=True):
        responses = [post(client, token, **fields), post(client, token, **fields)]
    assert Idea.objects.count() == 1
    assert [r.url for r in responses] == [reverse("ideas:idea-check-email")] * 2
    assert len(mail.outbox) == 1


def test_each_new_form_brings_a_new_idea(client, personas):
    client.force_login(personas[roles.BORGER])
    post(client, form_token(client))
    post(client, form_token(client), title="Bænke ved søen")
    assert Idea.objects.count() == 2


def test_a_form_without_a_token_still_submits(client, personas):
    client.force_login(personas[roles.BORGER])
    assert post(client, "").status_code == 302
    assert post(client, "ikke-et-token").status_code == 302
    assert Idea.objects.count() == 2


def test_another_persons_token_shows_nothing_of_their_idea(client, personas):
    client.force_login(personas[roles.BORGER])
    token = form_token(client)
    post(client, token)
    client.force_login(personas[roles.MEDARBEJDER])
    response = post(client, token, audience="public")
    assert response.status_code == 200
    assert "allerede sendt" in response.content.decode()
    assert 'value="Bænke langs stien"' in response.content.decode()  # what was typed is kept
    assert Idea.objects.count() == 1


def test_the_database_refuses_a_second_idea_with_the_same_token(make_idea):
    token = uuid.uuid4()
    make_idea(submission_token=token)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_idea(submission_token=token)


def test_the_service_returns_the_first_idea_for_the_same_token(personas):
    citizen, token = personas[roles.BORGER], uuid.uuid4()
    ideas = [
        services.idea_submit(
            idea=Idea(title="Bænke", description="Hvil"), author=citizen, token=token
        )
        for _ in range(2)
    ]
    assert ideas[0].pk == ideas[1].pk
    assert Idea.objects.count() == 1
    assert ideas[0].status_changes.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers are PostgreSQL's; SQLite serialises them itself",
)
def test_ten_pairs_sent_at_the_same_moment_make_ten_ideas(personas):
    citizen = personas[roles.BORGER]
    tokens = [uuid.uuid4() for _ in range(10)]
    results: dict[uuid.UUID, list[int]] = {token: [] for token in tokens}
    errors = []

    def send(token, barrier):
        try:
            barrier.wait()
            idea = services.idea_submit(
                idea=Idea(title="Bænke", description="Hvil"), author=citizen, token=token
            )
            results[token].append(idea.pk)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    for token in tokens:
        barrier = threading.Barrier(2)
        threads = [threading.Thread(target=send, args=(token, barrier)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not errors
    assert Idea.objects.count() == 10
    assert all(len(set(pks)) == 1 and len(pks) == 2 for pks in results.values())
