from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.ideas import queries, services
from samskab.ideas.models import Idea, StatusChange, Support


def test_status_moves_with_a_public_message_and_tells_author_and_followers(
    personas, make_idea, django_capture_on_commit_callbacks
):
    author, follower, staff = (
        personas[roles.BORGER],
        personas[roles.MEDARBEJDER],
        personas[roles.INNOVATIONSENHED],
    )
    idea = make_idea(author=author)
    services.idea_follow(idea=idea, user=author)
    services.idea_follow(idea=idea, user=follower)
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_change_status(
            idea=idea, status=Idea.Status.UNDER_ASSESSMENT, message="Vi kigger på den", by=staff
        )
        services.idea_change_status(
            idea=idea,
            status=Idea.Status.ANSWERED,
            answer=Idea.Answer.PARKED,
            message="Ikke i år",
            by=staff,
        )
    idea.refresh_from_db()
    assert (idea.status, idea.answer) == (Idea.Status.ANSWERED, Idea.Answer.PARKED)
    assert [c.message for c in idea.status_changes.all()] == ["Vi kigger på den", "Ikke i år"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([author.email, follower.email] * 2)


@pytest.mark.parametrize(
    ("status", "answer", "message"),
    [
        (Idea.Status.ANSWERED, "", "Svar uden svar"),
        (Idea.Status.UNDER_ASSESSMENT, Idea.Answer.DECLINED, "Svar for tidligt"),
        (Idea.Status.ANSWERED, Idea.Answer.DECLINED, "   "),
        (Idea.Status.ANSWERED, Idea.Answer.MERGED, "Sammenlægning uden idé"),
    ],
)
def test_status_rules(personas, make_idea, status, answer, message):
    idea = make_idea()
    with pytest.raises(ValidationError):
        services.idea_change_status(
            idea=idea,
            status=status,
            answer=answer,
            message=message,
            by=personas[roles.INNOVATIONSENHED],
        )
    assert not StatusChange.objects.filter(idea=idea).exists()


def test_anonymous_submitter_hears_of_status_changes_by_email(
    personas, make_idea, django_capture_on_commit_callbacks
):
    idea = make_idea(author=None, author_email="ole@example.dk")
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_change_status(
            idea=idea,
            status=Idea.Status.UNDER_ASSESSMENT,
            message="I gang",
            by=personas[roles.INNOVATIONSENHED],
        )
    assert [m.to for m in mail.outbox] == [["ole@example.dk"]]
    assert "/ideer/bekraeft/" in mail.outbox[0].body


def test_merging_points_to_the_survivor_and_keeps_supports_apart(
    personas, make_idea, django_capture_on_commit_callbacks
):
    staff = personas[roles.INNOVATIONSENHED]
    duplicate, survivor = make_idea(title="Kopi"), make_idea(title="Original")
    for persona in (roles.BORGER, roles.MEDARBEJDER):
        services.idea_support(idea=duplicate, user=personas[persona])
    services.idea_support(idea=survivor, user=personas[roles.DIREKTION])
    with django_capture_on_commit_callbacks(execute=True):
        survivor = services.idea_merge(
            duplicate=duplicate, survivor=survivor, message="Samme idé", by=staff
        )
    duplicate.refresh_from_db()
    assert duplicate.merged_into == survivor
    assert (duplicate.status, duplicate.answer) == (Idea.Status.ANSWERED, Idea.Answer.MERGED)
    assert (survivor.support_count, survivor.merged_support_count) == (1, 2)
    # Nobody's support moved: the supporters are told and choose themselves.
    assert not Support.objects.filter(idea=survivor, user=personas[roles.BORGER]).exists()
    told = {m.to[0] for m in mail.outbox}
    assert {personas[roles.BORGER].email, personas[roles.MEDARBEJDER].email} <= told
    assert all(f"/ideer/{survivor.pk}/" in m.body for m in mail.outbox if m.to[0] != staff.email)


def test_merge_refuses_itself_and_chains(personas, make_idea):
    staff = personas[roles.INNOVATIONSENHED]
    a, b, c = make_idea(title="A"), make_idea(title="B"), make_idea(title="C")
    with pytest.raises(ValidationError):
        services.idea_merge(duplicate=a, survivor=a, message="x", by=staff)
    services.idea_merge(duplicate=b, survivor=c, message="x", by=staff)
    b.refresh_from_db()
    with pytest.raises(ValidationError):
        services.idea_merge(duplicate=a, survivor=b, message="x", by=staff)


def test_moderation_publishes_only_consented_confirmed_ideas(personas, make_idea):
    staff = personas[roles.INNOVATIONSENHED]
    pending = make_idea(moderation=Idea.Moderation.PENDING)
    without_consent = make_idea(moderation=Idea.Moderation.PENDING, consent_to_publish=False)
    assert pending not in queries.published_ideas(AnonymousUser())
    services.idea_moderate(idea=pending, approve=True, by=staff)
    assert pending in queries.published_ideas(AnonymousUser())
    with pytest.raises(ValidationError):
        services.idea_moderate(idea=without_consent, approve=True, by=staff)


def test_a_hidden_idea_gives_its_author_the_reason(
    client, personas, make_idea, django_capture_on_commit_callbacks
):
    author = personas[roles.BORGER]
    idea = make_idea(author=author)
    with pytest.raises(ValidationError):
        services.idea_moderate(
            idea=idea, approve=False, reason="", by=personas[roles.INNOVATIONSENHED]
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_moderate(
            idea=idea,
            approve=False,
            reason="Indeholder personoplysninger",
            by=personas[roles.INNOVATIONSENHED],
        )
    assert "Indeholder personoplysninger" in mail.outbox[0].body
    assert client.get(reverse("ideas:idea-detail", args=[idea.pk])).status_code == 404
    client.force_login(author)
    assert (
        "Indeholder personoplysninger"
        in client.get(reverse("ideas:idea-detail", args=[idea.pk])).content.decode()
    )


def test_ideas_without_an_answer_for_too_long_are_overdue(settings, personas, make_idea):
    settings.SAMSKAB_IDEA_ANSWER_DAYS = 30
    now = timezone.now()
    old = make_idea(title="Gammel", status_changed_at=now - timedelta(days=31))
    fresh = make_idea(title="Ny", status_changed_at=now - timedelta(days=29))
    answered = make_idea(
        title="Besvaret",
        status=Idea.Status.ANSWERED,
        answer=Idea.Answer.DECLINED,
        status_changed_at=now - timedelta(days=90),
    )
    overdue = list(queries.overdue_ideas())
    assert old in overdue
    assert fresh not in overdue
    assert answered not in overdue
    services.idea_change_status(
        idea=old,
        status=Idea.Status.UNDER_ASSESSMENT,
        message="Nu kigger vi",
        by=personas[roles.INNOVATIONSENHED],
    )
    assert old not in list(queries.overdue_ideas())


def test_staff_notes_are_never_shown_to_others(client, personas, make_idea):
    idea = make_idea()
    services.note_add(
        idea=idea, author=personas[roles.INNOVATIONSENHED], body="Ring til forvaltningen"
    )
    client.force_login(personas[roles.INNOVATIONSENHED])
    assert (
        "Ring til forvaltningen"
        in client.get(reverse("ideas:idea-detail", args=[idea.pk])).content.decode()
    )
    for persona in (roles.BORGER, roles.MEDARBEJDER, roles.DIREKTION):
        client.force_login(personas[persona])
        assert (
            "Ring til forvaltningen"
            not in client.get(reverse("ideas:idea-detail", args=[idea.pk])).content.decode()
        )


def test_staff_change_status_through_the_idea_page(client, personas, make_idea):
    idea = make_idea()
    client.force_login(personas[roles.INNOVATIONSCHEF])
    client.post(
        reverse("ideas:idea-status", args=[idea.pk]),
        {"status": "answered", "answer": "sparring", "message": "Området får sparring"},
    )
    idea.refresh_from_db()
    assert idea.answer == Idea.Answer.SPARRING
    page = client.get(reverse("ideas:idea-detail", args=[idea.pk])).content.decode()
    assert "Området får sparring" in page
