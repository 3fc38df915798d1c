"""A citizen who sent ideas without an account finds them in "Mine idéer" once the address is verified."""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from samskab.accounts.models import User
from samskab.ideas import services
from samskab.ideas.models import Follow, Idea


def send_anonymously(email: str, *, confirm: bool = True, title="Bænke langs stien") -> Idea:
    idea = services.idea_submit(
        idea=Idea(title=title, description="Hvil undervejs", author_email=email),
        author=None,
    )
    if confirm:
        services.idea_confirm(token=services.confirmation_token(idea))
    return idea


def sign_up(client, email: str) -> User:
    mail.outbox.clear()
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Mette Borg",
            "email": email,
            "password1": "en-god-adgangskode-42",
            "password2": "en-god-adgangskode-42",
        },
    )
    assert response.status_code == 302
    return User.objects.get(email__iexact=email)


def verify(client) -> None:
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    assert client.post(link.group(1)).status_code == 302


def my_ideas(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("ideas:my-ideas")).content.decode()


def test_confirmed_anonymous_ideas_come_to_the_account_when_its_address_is_verified(client, db):
    idea = send_anonymously("Mette@Example.dk")
    other = send_anonymously("ole@example.dk", title="Ole's idé")
    user = sign_up(client, "mette@example.dk")
    assert "Bænke langs stien" not in my_ideas(client, user)  # not before verification
    client.logout()

    verify(client)
    idea.refresh_from_db()
    assert idea.author == user
    assert Follow.objects.filter(idea=idea, user=user).exists()
    assert "Bænke langs stien" in my_ideas(client, user)
    other.refresh_from_db()
    assert other.author is None


def test_an_unverified_address_gets_nothing(client, db):
    idea = send_anonymously("mette@example.dk")
    user = sign_up(client, "mette@example.dk")
    assert not EmailAddress.objects.get(user=user).verified
    idea.refresh_from_db()
    assert idea.author is None
    assert "Bænke langs stien" not in my_ideas(client, user)


def test_an_idea_whose_link_was_never_opened_stays_anonymous(client, db):
    idea = send_anonymously("mette@example.dk", confirm=False)
    sign_up(client, "mette@example.dk")
    verify(client)
    idea.refresh_from_db()
    assert idea.author is None


def test_an_idea_sent_anonymously_from_a_verified_address_comes_to_its_account(client, db):
    user = sign_up(client, "mette@example.dk")
    verify(client)
    idea = send_anonymously("mette@example.dk")
    idea.refresh_from_db()
    assert idea.author == user
    assert "Bænke langs stien" in my_ideas(client, user)


def test_an_address_verified_by_the_admin_brings_the_ideas_too(client, personas):
    from samskab.accounts import roles

    idea = send_anonymously("mette@example.dk")
    user = sign_up(client, "mette@example.dk")
    client.force_login(personas[roles.ADMINISTRATOR])
    client.post(
        reverse("admin:account_emailaddress_changelist"),
        {
            "action": "make_verified",
            "_selected_action": [EmailAddress.objects.get(user=user).pk],
        },
    )
    idea.refresh_from_db()
    assert idea.author == user
