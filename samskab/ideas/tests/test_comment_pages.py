"""A busy idea's conversation comes in pages of 50 threads; links to a comment still find it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.ideas import services
from samskab.ideas.models import Comment
from samskab.ideas.queries import COMMENTS_PAGE_SIZE
from samskab.notifications.models import Notification


@pytest.fixture
def idea(make_idea):
    return make_idea(title="En travl idé")


@pytest.fixture
def add_comments(idea, personas):
    """``n`` top-level comments a minute apart (the oldest first), each with a reply."""
    users = [u for u in personas.values() if u]
    made = []

    def add(n: int) -> list[Comment]:
        start = timezone.now() - timedelta(days=30) + timedelta(minutes=len(made))
        comments = Comment.objects.bulk_create(
            Comment(
                idea=idea,
                author=users[i % len(users)],
                body=f"Kommentar nummer {len(made) + i}",
                created_at=start + timedelta(minutes=i),
            )
            for i in range(n)
        )
        Comment.objects.bulk_create(
            Comment(
                idea=idea,
                parent=parent,
                author=users[(i + 1) % len(users)],
                body=f"Svar på {parent.body}",
                created_at=parent.created_at + timedelta(seconds=30),
            )
            for i, parent in enumerate(comments)
        )
        made.extend(comments)
        return made

    return add


def shown(response) -> list[str]:
    return re.findall(r"(?<!på )Kommentar nummer \d+", response.content.decode())


def detail(idea, **params) -> str:
    url = reverse("ideas:idea-detail", args=[idea.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_the_idea_page_runs_the_same_queries_for_2_and_400_comments(
    client, personas, idea, add_comments, django_assert_num_queries
):
    client.force_login(personas[roles.MEDARBEJDER])
    add_comments(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(detail(idea)).status_code == 200
    add_comments(398)
    with django_assert_num_queries(len(few)):
        response = client.get(detail(idea))
    assert response.status_code == 200
    assert len(shown(response)) == COMMENTS_PAGE_SIZE


def test_the_newest_threads_show_oldest_first_and_older_ones_page_in_without_javascript(
    client, idea, add_comments
):
    add_comments(120)
    response = client.get(detail(idea))
    assert shown(response) == [f"Kommentar nummer {i}" for i in range(70, 120)]
    assert "Svar på Kommentar nummer 70" in response.content.decode()
    seen = shown(response)
    while cursor := response.context["comment_page"].older:
        response = client.get(detail(idea, kommentarer=cursor))
        assert response.status_code == 200
        assert (
            "Ældre kommentarer" in response.content.decode()
            or not response.context["comment_page"].older
        )
        seen = shown(response) + seen
    assert seen == [f"Kommentar nummer {i}" for i in range(120)]


def test_htmx_gets_only_the_older_comments_to_put_in_place(client, idea, add_comments):
    add_comments(60)
    cursor = client.get(detail(idea)).context["comment_page"].older
    response = client.get(detail(idea, kommentarer=cursor), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert shown(response) == [f"Kommentar nummer {i}" for i in range(10)]
    assert "Ældre kommentarer" not in body  # nothing older than these


def test_a_link_to_an_old_comment_or_reply_opens_the_page_that_has_it(
    client, personas, idea, add_comments
):
    comments = add_comments(200)
    old = comments[3]
    reply = old.replies.get()
    for target in (old, reply):
        response = client.get(target.get_absolute_url())
        assert response.status_code == 200
        assert f'id="kommentar-{target.pk}"' in response.content.decode()
        assert "Vis de nyeste kommentarer" in response.content.decode()
    # A link to one of the newest shows the newest page.
    response = client.get(comments[-1].get_absolute_url())
    assert response.context["comment_page"].is_latest


def test_notifications_and_the_unit_inbox_link_to_the_page_with_the_comment(
    client, personas, idea, add_comments
):
    add_comments(80)
    services.idea_follow(idea=idea, user=personas[roles.MEDARBEJDER])
    reply = services.comment_add(
        idea=idea,
        author=personas[roles.BORGER],
        body="Et sent svar",
        parent=Comment.objects.filter(idea=idea, parent=None).order_by("created_at").first(),
    )
    (notification,) = Notification.objects.filter(user=personas[roles.MEDARBEJDER])
    assert notification.url == reply.get_absolute_url()
    assert f"?kommentar={reply.pk}#kommentar-{reply.pk}" in notification.url
    response = client.get(notification.url)
    assert "Et sent svar" in response.content.decode()


def test_after_replying_to_an_old_comment_the_writer_sees_the_reply(
    client, personas, idea, add_comments
):
    oldest = add_comments(80)[0]
    client.force_login(personas[roles.BORGER])
    response = client.post(
        reverse("ideas:comment-create", args=[idea.pk]),
        {"body": "Mit svar til den første", "parent": oldest.pk},
        follow=True,
    )
    assert "Mit svar til den første" in response.content.decode()
