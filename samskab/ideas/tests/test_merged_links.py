"""A page names and links only ideas its reader may open; others get a neutral sentence."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskab.accounts import roles
from samskab.ideas import services
from samskab.ideas.models import Audience, Idea


def merged_pair(personas, make_idea, **survivor_fields):
    duplicate = make_idea(title="Kopi om cykelstativer", author=personas[roles.BORGER])
    survivor = make_idea(title="Hemmelig overlevende", **survivor_fields)
    services.idea_merge(
        duplicate=duplicate,
        survivor=survivor,
        message="Samme idé",
        by=personas[roles.INNOVATIONSENHED],
    )
    return duplicate, survivor


def page(client, user, idea) -> str:
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    response = client.get(reverse("ideas:idea-detail", args=[idea.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_reader_who_may_open_the_survivor_gets_its_title_and_link(client, personas, make_idea):
    duplicate, survivor = merged_pair(personas, make_idea, audience=Audience.INTERNAL)
    body = page(client, personas[roles.MEDARBEJDER], duplicate)
    assert "Hemmelig overlevende" in body
    assert reverse("ideas:idea-detail", args=[survivor.pk]) in body


def test_a_reader_who_may_not_open_the_survivor_gets_no_title_and_no_dead_link(
    client, personas, make_idea
):
    duplicate, survivor = merged_pair(personas, make_idea, audience=Audience.INTERNAL)
    survivor_url = reverse("ideas:idea-detail", args=[survivor.pk])
    for reader in (None, personas[roles.BORGER]):
        body = page(client, reader, duplicate)
        assert "Hemmelig overlevende" not in body
        assert f'href="{survivor_url}"' not in body
        assert "som du ikke har adgang til" in body  # the neutral sentence, in Danish
        client.force_login(personas[roles.BORGER]) if reader else client.logout()
        assert client.get(survivor_url).status_code == 404


def test_an_unpublished_survivor_is_not_named_to_the_public(client, personas, make_idea):
    duplicate, _survivor = merged_pair(personas, make_idea, moderation=Idea.Moderation.PENDING)
    assert "Hemmelig overlevende" not in page(client, None, duplicate)
    assert "Hemmelig overlevende" in page(client, personas[roles.INNOVATIONSENHED], duplicate)


def test_my_ideas_names_the_survivor_only_when_the_author_may_open_it(client, personas, make_idea):
    merged_pair(personas, make_idea, audience=Audience.INTERNAL)
    client.force_login(personas[roles.BORGER])
    body = client.get(reverse("ideas:my-ideas")).content.decode()
    assert "Kopi om cykelstativer" in body
    assert "Hemmelig overlevende" not in body
    assert "lagt sammen med en anden idé" in body


def test_the_survivor_lists_only_merged_ideas_the_reader_may_open(client, personas, make_idea):
    survivor = make_idea(title="Overlevende")
    staff = personas[roles.INNOVATIONSENHED]
    for title, fields in (
        ("Offentlig kopi", {}),
        ("Intern kopi", {"audience": Audience.INTERNAL}),
        ("Upubliceret kopi", {"moderation": Idea.Moderation.PENDING}),
    ):
        services.idea_merge(
            duplicate=make_idea(title=title, **fields), survivor=survivor, message="x", by=staff
        )
    citizen = page(client, personas[roles.BORGER], survivor)
    assert "Offentlig kopi" in citizen
    assert "Intern kopi" not in citizen
    assert "Upubliceret kopi" not in citizen
    employee = page(client, personas[roles.MEDARBEJDER], survivor)
    assert "Intern kopi" in employee
    assert "Upubliceret kopi" not in employee
    assert "Upubliceret kopi" in page(client, staff, survivor)


def test_the_idea_page_queries_do_not_grow_with_merged_ideas(client, personas, make_idea):
    survivor = make_idea(title="Overlevende")
    staff = personas[roles.INNOVATIONSENHED]
    client.force_login(personas[roles.MEDARBEJDER])
    url = reverse("ideas:idea-detail", args=[survivor.pk])

    def merge(n):
        for i in range(n):
            audience = Audience.INTERNAL if i % 2 else Audience.PUBLIC
            duplicate = make_idea(title=f"Kopi {i}", audience=audience)
            services.idea_merge(duplicate=duplicate, survivor=survivor, message="x", by=staff)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    merge(2)
    few = count()
    merge(20)
    assert count() == few
