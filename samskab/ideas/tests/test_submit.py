import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samskab.accounts import roles
from samskab.ideas import queries, services
from samskab.ideas.models import Audience, ChallengeAnswer, ChallengeQuestion, Follow, Idea


def submit(author, **fields) -> Idea:
    idea = Idea(
        kind=fields.pop("kind", Idea.Kind.IDEA),
        title=fields.pop("title", "Flere cykelstativer ved stationen"),
        description=fields.pop("description", "Om morgenen er alle stativer fyldt."),
        consent_to_publish=fields.pop("consent_to_publish", True),
        **fields,
    )
    return services.idea_submit(idea=idea, author=author)


def test_citizen_submits_an_idea_that_is_received_and_followed(
    personas, django_capture_on_commit_callbacks
):
    citizen = personas[roles.BORGER]
    with django_capture_on_commit_callbacks(execute=True):
        idea = submit(citizen)
    assert idea.is_confirmed
    assert idea.status == Idea.Status.RECEIVED
    assert idea.moderation == Idea.Moderation.PENDING
    assert [c.status for c in idea.status_changes.all()] == [Idea.Status.RECEIVED]
    assert Follow.objects.filter(idea=idea, user=citizen).exists()
    assert idea.author_name == "Persona borger"
    # Not public before the innovation unit has looked at it.
    assert idea not in queries.published_ideas(AnonymousUser())


def test_anonymous_idea_counts_only_after_the_email_link_is_confirmed(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        idea = submit(None, author_name="Ole", author_email="ole@example.dk")
    assert not idea.is_confirmed
    assert idea not in queries.awaiting_moderation()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ole@example.dk"]
    token = re.search(r"/ideer/bekraeft/([^/\s]+)/", mail.outbox[0].body).group(1)

    services.idea_confirm(token=token)
    idea.refresh_from_db()
    assert idea.is_confirmed
    assert idea in queries.awaiting_moderation()
    services.idea_confirm(token=token)  # a second click changes nothing


def test_a_tampered_or_foreign_link_confirms_nothing(db):
    idea = submit(None, author_email="ole@example.dk")
    with pytest.raises(ValidationError):
        services.idea_confirm(token=services.confirmation_token(idea) + "x")
    # Correctly signed, but for another address than the one the idea was sent from.
    foreign = signing.dumps(
        {"idea": idea.pk, "email": "eva@example.dk"}, salt=services.CONFIRM_SALT
    )
    with pytest.raises(ValidationError):
        services.idea_confirm(token=foreign)
    idea.refresh_from_db()
    assert not idea.is_confirmed


def test_anonymous_submission_needs_an_email_address(db):
    with pytest.raises(ValidationError):
        submit(None)


def test_only_employees_submit_internal_ideas(personas):
    with pytest.raises(ValidationError):
        submit(personas[roles.BORGER], audience=Audience.INTERNAL)
    idea = submit(personas[roles.MEDARBEJDER], audience=Audience.INTERNAL)
    assert idea.audience == Audience.INTERNAL


def test_internal_ideas_are_listed_for_employees_only(personas, make_idea):
    internal = make_idea(audience=Audience.INTERNAL)
    assert internal in queries.published_ideas(personas[roles.MEDARBEJDER])
    assert internal in queries.published_ideas(personas[roles.DIREKTION])
    assert internal not in queries.published_ideas(personas[roles.BORGER])
    assert internal not in queries.published_ideas(AnonymousUser())


def test_challenge_questions_must_be_answered_as_asked(personas, challenge):
    required = ChallengeQuestion.objects.create(
        challenge=challenge,
        label="Hvor bor du?",
        kind=ChallengeQuestion.Kind.SHORT_TEXT,
        required=True,
    )
    choice = ChallengeQuestion.objects.create(
        challenge=challenge,
        label="Hvad er vigtigst?",
        kind=ChallengeQuestion.Kind.CHOICE,
        choices="Natur\nTrafik",
    )
    citizen = personas[roles.BORGER]
    idea = Idea(title="Besøgsvenner", description="Frivillige besøger ældre.", challenge=challenge)
    with pytest.raises(ValidationError):
        services.idea_submit(idea=idea, author=citizen, answers={choice: "Natur"})
    with pytest.raises(ValidationError):
        services.idea_submit(
            idea=idea, author=citizen, answers={required: "Vangede", choice: "Penge"}
        )
    idea = services.idea_submit(
        idea=idea, author=citizen, answers={required: "Vangede", choice: "Natur"}
    )
    assert dict(
        ChallengeAnswer.objects.filter(idea=idea).values_list("question__label", "value")
    ) == {
        "Hvor bor du?": "Vangede",
        "Hvad er vigtigst?": "Natur",
    }


def test_a_closed_challenge_takes_no_more_ideas(personas, challenge):
    challenge.opens_on = challenge.opens_on.replace(year=challenge.opens_on.year - 1)
    challenge.closes_on = challenge.opens_on.replace(month=12, day=31)
    challenge.save()
    with pytest.raises(ValidationError):
        submit(personas[roles.BORGER], challenge=challenge)


def test_the_form_page_submits_for_a_logged_in_citizen(client, personas, area):
    client.force_login(personas[roles.BORGER])
    response = client.post(
        reverse("ideas:idea-create"),
        {
            "kind": "need",
            "title": "Utryg skolevej",
            "description": "Børn krydser en travl vej.",
            "areas": [area.pk],
            "consent_to_publish": "on",
            "wants_help": "on",
        },
    )
    idea = Idea.objects.get(title="Utryg skolevej")
    assert response.status_code == 302
    assert response.url == reverse("ideas:idea-detail", args=[idea.pk])
    assert list(idea.areas.all()) == [area]
    assert idea.wants_help
    assert idea in queries.help_requests()


def test_anonymous_form_sends_to_check_your_email(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ideas:idea-create"),
            {
                "kind": "idea",
                "title": "Havnebad",
                "description": "Et lille havnebad.",
                "author_name": "Eva",
                "author_email": "eva@example.dk",
            },
        )
    assert response.url == reverse("ideas:idea-check-email")
    assert Idea.objects.get(title="Havnebad").author_email == "eva@example.dk"
    assert len(mail.outbox) == 1


def test_a_filled_honeypot_creates_nothing(client, db):
    response = client.post(
        reverse("ideas:idea-create"),
        {
            "kind": "idea",
            "title": "Køb billige ure",
            "description": "spam",
            "author_email": "bot@example.com",
            "website": "http://spam.example.com",
        },
    )
    assert response.status_code == 302
    assert not Idea.objects.exists()


def test_anonymous_submissions_are_rate_limited(client, db):
    data = {"kind": "idea", "title": "Idé", "description": "Tekst", "author_email": "a@example.dk"}
    statuses = [client.post(reverse("ideas:idea-create"), data).status_code for _ in range(7)]
    assert statuses[:5] == [302] * 5
    assert statuses[-1] == 429
    assert Idea.objects.count() == 5


def test_missing_title_keeps_everything_else_typed(client, personas):
    client.force_login(personas[roles.BORGER])
    response = client.post(
        reverse("ideas:idea-create"),
        {
            "kind": "idea",
            "title": "",
            "description": "Min lange beskrivelse",
            "on_behalf_of": "Grundejerforeningen",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Min lange beskrivelse" in body
    assert 'value="Grundejerforeningen"' in body
    assert not Idea.objects.exists()


PROXY = "10.0.0.1"


def submit_idea(client) -> int:
    data = {"kind": "idea", "title": "Idé", "description": "Tekst", "author_email": "a@example.dk"}
    return client.post(reverse("ideas:idea-create"), data).status_code


def test_behind_a_proxy_each_visitor_has_a_limit_of_their_own(db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    first = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")
    second = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert [submit_idea(first) for _ in range(6)] == [302] * 5 + [429]
    assert submit_idea(second) == 302
    # What the visitor writes in the header comes before what the proxy adds: no way out.
    forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.5")
    assert submit_idea(forged) == 429


def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(db):
    statuses = [
        submit_idea(Client(REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"))
        for n in range(6)
    ]
    assert statuses == [302] * 5 + [429]
