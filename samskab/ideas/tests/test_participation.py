from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from samskab.accounts import roles
from samskab.ideas import services
from samskab.ideas.models import Comment, Follow, Idea, Support
from samskab.notifications.models import Notification


def test_a_person_supports_an_idea_once(personas, make_idea):
    idea = make_idea()
    citizen = personas[roles.BORGER]
    assert services.idea_support(idea=idea, user=citizen) is True
    assert services.idea_support(idea=idea, user=citizen) is False
    idea.refresh_from_db()
    assert idea.support_count == 1
    assert Support.objects.filter(idea=idea).count() == 1
    services.idea_unsupport(idea=idea, user=citizen)
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_support_button_works_with_and_without_htmx(client, personas, make_idea):
    idea = make_idea()
    client.force_login(personas[roles.MEDARBEJDER])
    url = reverse("ideas:idea-support", args=[idea.pk])
    assert client.post(url).status_code == 302
    response = client.post(url, {"action": "remove"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert (
        "Support the idea" in response.content.decode() or "Støt idéen" in response.content.decode()
    )
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_anonymous_cannot_support_but_is_asked_to_log_in(client, make_idea):
    idea = make_idea()
    response = client.post(reverse("ideas:idea-support", args=[idea.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not Support.objects.exists()


def test_comments_and_one_level_of_replies(personas, make_idea):
    idea = make_idea()
    first = services.comment_add(idea=idea, author=personas[roles.BORGER], body="God idé")
    reply = services.comment_add(
        idea=idea, author=personas[roles.MEDARBEJDER], body="Enig", parent=first
    )
    with pytest.raises(ValidationError):
        services.comment_add(
            idea=idea, author=personas[roles.BORGER], body="Svar på svar", parent=reply
        )
    other = services.comment_add(
        idea=make_idea(title="Anden"), author=personas[roles.BORGER], body="x"
    )
    with pytest.raises(ValidationError):
        services.comment_add(
            idea=idea, author=personas[roles.BORGER], body="Forkert idé", parent=other
        )
    idea.refresh_from_db()
    assert idea.comment_count == 2


def test_followers_hear_of_new_comments_but_not_of_their_own(
    personas, make_idea, django_capture_on_commit_callbacks
):
    idea = make_idea()
    follower, writer = personas[roles.BORGER], personas[roles.MEDARBEJDER]
    services.idea_follow(idea=idea, user=follower)
    services.idea_follow(idea=idea, user=writer)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(idea=idea, author=writer, body="Jeg vil gerne hjælpe")
    assert [m.to for m in mail.outbox] == [[follower.email]]
    assert "Jeg vil gerne hjælpe" in mail.outbox[0].body


def test_commenting_makes_you_a_follower(personas, make_idea):
    idea = make_idea()
    services.comment_add(idea=idea, author=personas[roles.BORGER], body="Hej")
    assert Follow.objects.filter(idea=idea, user=personas[roles.BORGER]).exists()


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise SMTPException("The mail server is down")


def test_a_mail_server_failure_never_loses_the_comment(
    settings, personas, make_idea, client, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    idea = make_idea()
    services.idea_follow(idea=idea, user=personas[roles.BORGER])
    client.force_login(personas[roles.MEDARBEJDER])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ideas:comment-create", args=[idea.pk]), {"body": "Vigtig pointe"}
        )
    assert response.status_code == 302
    assert Comment.objects.filter(body="Vigtig pointe").exists()
    assert Notification.objects.filter(sent_at__isnull=True, user=personas[roles.BORGER]).exists()


def test_comments_are_rate_limited(client, personas, make_idea):
    idea = make_idea()
    client.force_login(personas[roles.BORGER])
    url = reverse("ideas:comment-create", args=[idea.pk])
    statuses = [client.post(url, {"body": f"Kommentar {i}"}).status_code for i in range(22)]
    assert statuses[-1] == 429
    assert Comment.objects.count() == 20


def test_reported_comment_reaches_the_unit_and_can_be_hidden(client, personas, make_idea):
    idea = make_idea()
    comment = services.comment_add(idea=idea, author=personas[roles.BORGER], body="Grim kommentar")
    client.force_login(personas[roles.MEDARBEJDER])
    client.post(reverse("ideas:comment-report", args=[comment.pk]), {"reason": "Personangreb"})
    client.force_login(personas[roles.INNOVATIONSENHED])
    inbox = client.get(reverse("ideas:unit-inbox"))
    assert comment in list(inbox.context["reported"])
    client.post(
        reverse("ideas:comment-moderate", args=[comment.pk]),
        {"decision": "hide", "reason": "Personangreb er ikke tilladt"},
    )
    comment.refresh_from_db()
    idea.refresh_from_db()
    assert comment.hidden
    assert idea.comment_count == 0
    assert comment not in list(client.get(reverse("ideas:unit-inbox")).context["reported"])
    client.force_login(personas[roles.BORGER])
    assert (
        "Grim kommentar"
        not in client.get(reverse("ideas:idea-detail", args=[idea.pk])).content.decode()
    )


def test_hiding_a_comment_needs_a_reason(personas, make_idea):
    comment = services.comment_add(idea=make_idea(), author=personas[roles.BORGER], body="x")
    with pytest.raises(ValidationError):
        services.comment_moderate(
            comment=comment, hide=True, reason=" ", by=personas[roles.INNOVATIONSENHED]
        )


def test_a_merged_idea_takes_no_more_support_or_comments(personas, make_idea):
    duplicate, survivor = make_idea(title="Kopi"), make_idea(title="Original")
    services.idea_merge(
        duplicate=duplicate,
        survivor=survivor,
        message="Samme idé",
        by=personas[roles.INNOVATIONSENHED],
    )
    duplicate.refresh_from_db()
    with pytest.raises(ValidationError):
        services.idea_support(idea=duplicate, user=personas[roles.BORGER])
    with pytest.raises(ValidationError):
        services.comment_add(idea=duplicate, author=personas[roles.BORGER], body="Hej")
    assert duplicate.status == Idea.Status.ANSWERED


@pytest.mark.parametrize(
    ("next_url", "lands_on"),
    [
        ("/ideer/", "/ideer/"),
        ("https://evil.example/", "/enheden/indbakke/"),
        ("//evil.example/", "/enheden/indbakke/"),
    ],
)
def test_after_moderating_a_comment_only_a_local_next_is_followed(
    client, personas, make_idea, next_url, lands_on
):
    comment = services.comment_add(idea=make_idea(), author=personas[roles.BORGER], body="x")
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        reverse("ideas:comment-moderate", args=[comment.pk]),
        {"decision": "keep", "next": next_url},
    )
    assert response.status_code == 302
    assert response.url == lands_on
