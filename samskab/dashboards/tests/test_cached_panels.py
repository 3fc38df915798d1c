"""Each front-page panel is kept in the cache for its viewer (core.fragments) and never
shows what the database no longer holds."""

import re

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.ideas.models import Idea
from samskab.organisation.models import Person


def look(client, user, url=None):
    """The front page's HTML for ``user`` (without the CSRF token) and its query count."""
    if client.session.get("_auth_user_id") != str(user.pk):
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url or reverse("core:home"))
    assert response.status_code == 200
    html = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", response.content.decode())
    return html, len(queries)


def test_a_second_look_is_served_from_the_cache_with_fewer_queries(client, personas, make_idea):
    make_idea(title="Venter på at blive offentliggjort", moderation=Idea.Moderation.PENDING)
    chief = personas[roles.INNOVATIONSCHEF]

    first, built = look(client, chief)
    again, kept = look(client, chief)

    assert "Venter på at blive offentliggjort" in first
    assert again == first
    assert kept < built


def test_a_new_idea_is_on_the_next_look(client, personas, make_idea):
    chief = personas[roles.INNOVATIONSCHEF]
    look(client, chief)

    make_idea(title="Kom lige ind", moderation=Idea.Moderation.PENDING)

    assert "Kom lige ind" in look(client, chief)[0]


def test_each_person_gets_their_own_panels_never_anothers(client, personas, make_idea):
    """Two citizens have the same panels; each sees only their own ideas."""
    anna = personas[roles.BORGER]
    bo = User.objects.create_user(username="bo", email="bo@example.dk", password="bo-password")
    bo.groups.add(Group.objects.get(name=roles.BORGER))
    Person.objects.create(user=bo, kind=Person.Kind.CITIZEN, name="Bo", email=bo.email)
    make_idea(title="Annas idé", author=anna)
    make_idea(title="Bos idé", author=bo)

    annas, _ = look(client, anna)
    bos, _ = look(client, bo)
    annas_again, _ = look(client, anna)

    assert "Annas idé" in annas and "Bos idé" not in annas
    assert "Bos idé" in bos and "Annas idé" not in bos
    assert "Annas idé" in annas_again and "Bos idé" not in annas_again


def test_a_new_role_brings_its_panels_at_once(client, personas):
    """Which panels apply is decided on every request; only their contents are kept."""
    employee = personas[roles.MEDARBEJDER]
    before, _ = look(client, employee)
    assert "Idéer, der har ventet for længe på svar" not in before

    employee.groups.add(Group.objects.get(name=roles.INNOVATIONSENHED))

    assert "Idéer, der har ventet for længe på svar" in look(client, employee)[0]


def test_the_english_page_is_not_the_danish_one(client, personas):
    chief = personas[roles.INNOVATIONSCHEF]
    look(client, chief)
    english, _ = look(client, chief, "/en/")
    assert "Ideas overdue for an answer" in english
    assert "Idéer, der har ventet for længe på svar" not in english
