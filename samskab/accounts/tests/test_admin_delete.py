"""Until erasure exists, the admin does not delete a user who has content in Samskab."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.ideas import services as idea_services
from samskab.ideas.models import Idea, Support
from samskab.organisation.models import Person

REFUSAL = "kan ikke slettes"
ADVICE = "Deaktivér"


@pytest.fixture
def admin_client(client, personas):
    client.force_login(personas[roles.ADMINISTRATOR])
    return client


@pytest.fixture
def idea(db):
    return Idea.objects.create(
        title="Bænke langs stien",
        description="Hvil undervejs",
        confirmed_at=timezone.now(),
        consent_to_publish=True,
        moderation=Idea.Moderation.APPROVED,
    )


def citizen(name: str) -> User:
    user = User.objects.create_user(username=name, email=f"{name}@example.dk", password="x")
    user.groups.add(Group.objects.get(name=roles.BORGER))
    Person.objects.create(user=user, kind=Person.Kind.CITIZEN, name=name.title(), email=user.email)
    return user


def test_the_admin_cannot_delete_a_user_who_supports_an_idea(admin_client, idea):
    supporter = citizen("karen")
    idea_services.idea_support(idea=idea, user=supporter)
    url = reverse("admin:accounts_user_delete", args=[supporter.pk])

    response = admin_client.get(url, follow=True)
    assert REFUSAL in response.content.decode() and ADVICE in response.content.decode()
    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "admin:accounts_user_change", args=[supporter.pk]
    )
    assert User.objects.filter(pk=supporter.pk).exists()
    idea.refresh_from_db()
    assert idea.support_count == Support.objects.filter(idea=idea).count() == 1

    # The change page says why there is no delete link, and what to do instead.
    page = admin_client.get(reverse("admin:accounts_user_change", args=[supporter.pk]))
    body = page.content.decode()
    assert url not in body
    assert REFUSAL in body and ADVICE in body


def test_the_bulk_delete_refuses_users_with_content_and_deletes_nobody(admin_client, idea):
    supporter, empty = citizen("karen"), citizen("ole")
    idea_services.idea_support(idea=idea, user=supporter)
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [supporter.pk, empty.pk], "post": "yes"},
        follow=True,
    )
    body = response.content.decode()
    assert REFUSAL in body and "karen" in body and ADVICE in body
    assert User.objects.filter(pk__in=[supporter.pk, empty.pk]).count() == 2
    idea.refresh_from_db()
    assert idea.support_count == 1


@pytest.mark.parametrize(
    "make_content",
    [
        lambda user, idea: Idea.objects.create(title="Min", description="x", author=user),
        lambda user, idea: idea_services.comment_add(idea=idea, author=user, body="Hej"),
        lambda user, idea: idea_services.idea_follow(idea=idea, user=user),
    ],
    ids=["idea", "comment", "follow"],
)
def test_ideas_comments_and_follows_count_as_content(admin_client, idea, make_content):
    user = citizen("karen")
    make_content(user, idea)
    admin_client.post(reverse("admin:accounts_user_delete", args=[user.pk]), {"post": "yes"})
    assert User.objects.filter(pk=user.pk).exists()


def test_a_user_without_content_can_still_be_deleted(admin_client):
    user = citizen("ole")
    response = admin_client.post(
        reverse("admin:accounts_user_delete", args=[user.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:accounts_user_changelist")
    assert not User.objects.filter(pk=user.pk).exists()
    # The citizen's own person record (name, e-mail) goes with the account.
    assert not Person.objects.filter(email="ole@example.dk").exists()


def test_users_without_content_are_deleted_in_bulk(admin_client):
    users = [citizen("ole"), citizen("eva")]
    admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [u.pk for u in users], "post": "yes"},
    )
    assert not User.objects.filter(pk__in=[u.pk for u in users]).exists()


def test_deactivating_in_bulk_keeps_the_content(admin_client, idea):
    supporter = citizen("karen")
    idea_services.idea_support(idea=idea, user=supporter)
    admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [supporter.pk]},
    )
    supporter.refresh_from_db()
    assert not supporter.is_active
    assert Support.objects.filter(user=supporter).exists()
