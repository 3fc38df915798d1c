"""Picking ideas by words or number: the htmx view, and the merge form without JavaScript.

The task proposal form uses the same picker: samskab/portfolio/tests/test_task_pages.py.
"""

import contextlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.accounts import roles
from samskab.ideas.models import Idea
from samskab.ideas.picker import IdeaPickerField, PickerValue
from samskab.ideas.queries import ideas_visible_to, picker_matches
from samskab.ideas.search import index_ideas

URL = reverse("ideas:idea-picker")


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def indexed(make_idea):
    def make(*titles: str, **fields) -> list[Idea]:
        ideas = [make_idea(title=title, **fields) for title in titles]
        index_ideas([idea.pk for idea in ideas])
        return ideas

    return make


def options(body: str, name: str = "survivor_valg") -> list[tuple[int, bool]]:
    """(idea number, checked) of each radio button or checkbox called ``name``."""
    found = []
    for tag in re.findall(rf'<input[^>]*name="{name}"[^>]*>', body):
        found.append((int(re.search(r'value="(\d+)"', tag).group(1)), " checked" in tag))
    return found


def pick(client, text: str, *, name: str = "survivor", multiple: bool = False, chosen=()):
    params = {"felt": name, "flere": "1" if multiple else "0", name: text}
    params[f"{name}_valg"] = [str(pk) for pk in chosen]
    return client.get(URL, params, headers={"HX-Request": "true"})


# --- the htmx view ------------------------------------------------------------------------


def test_typing_words_lists_the_matching_ideas_with_number_and_status(client, staff, indexed):
    care, _ = indexed("Flere hænder i ældreplejen", "Cykelsti langs Strandvejen")
    client.force_login(staff)
    response = pick(client, "ældre")
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert options(body) == [(care.pk, False)]
    assert f"Nr. {care.pk}: Flere hænder i ældreplejen" in body
    assert "(Modtaget)" in body
    assert "1 idé fundet." in body
    assert 'type="radio"' in body


def test_typing_a_number_lists_that_idea(client, staff, indexed):
    _, bikes = indexed("Flere hænder i ældreplejen", "Cykelsti langs Strandvejen")
    client.force_login(staff)
    assert options(pick(client, f"#{bikes.pk}").content.decode()) == [(bikes.pk, False)]
    body = pick(client, "999999").content.decode()
    assert options(body) == []
    assert "Ingen idéer fundet." in body


def test_chosen_ideas_stay_checked_and_first_whatever_is_typed_next(client, staff, indexed):
    care, bikes, path = indexed(
        "Flere hænder i ældreplejen", "Cykelsti langs Strandvejen", "Cykelsti til skolen"
    )
    client.force_login(staff)
    body = pick(client, "cykelsti", name="ideas", multiple=True, chosen=[care.pk]).content.decode()
    found = options(body, "ideas_valg")
    assert found[0] == (care.pk, True)
    assert sorted(found[1:]) == [(bikes.pk, False), (path.pk, False)]
    assert 'type="checkbox"' in body


def test_the_list_is_short_and_the_queries_do_not_grow_with_the_ideas(
    client, staff, indexed, django_assert_max_num_queries
):
    indexed(*[f"Legeplads nummer {n}" for n in range(3)])
    client.force_login(staff)
    with CaptureQueriesContext(connection) as few:
        response = pick(client, "legeplads")
    assert response.status_code == 200
    chosen = indexed(*[f"Legeplads nummer {n}" for n in range(3, 40)])
    with CaptureQueriesContext(connection) as many:
        response = pick(client, "legeplads", chosen=[idea.pk for idea in chosen[:5]])
    assert response.status_code == 200
    assert len(many) == len(few)
    assert len(options(response.content.decode())) == 5 + 10  # the chosen, and ten more


def test_the_picker_shows_only_ideas_the_user_may_see(personas, indexed):
    public, internal = indexed("Legeplads i parken", "Legeplads ved rådhuset")
    internal.audience = "internal"
    internal.save(update_fields=["audience"])
    (hidden,) = indexed("Legeplads bag hallen", moderation=Idea.Moderation.HIDDEN)
    own = indexed("Legeplads ved skolen", moderation=Idea.Moderation.PENDING)[0]
    own.author = personas[roles.BORGER]
    own.save(update_fields=["author"])

    def seen(persona, text="legeplads", chosen=()):
        found = picker_matches(
            ideas_visible_to(personas[persona]), text=text, chosen=[str(pk) for pk in chosen]
        )
        return {idea.pk for idea in found.chosen + found.matches}

    everything = {public.pk, internal.pk, hidden.pk, own.pk}
    assert seen(roles.INNOVATIONSENHED) == everything
    assert seen(roles.MEDARBEJDER) == {public.pk, internal.pk}
    assert seen(roles.BORGER) == {public.pk, own.pk}
    # Nor by number, nor smuggled in as already chosen.
    assert seen(roles.MEDARBEJDER, text=str(hidden.pk)) == set()
    assert seen(roles.BORGER, text="", chosen=[internal.pk, hidden.pk]) == set()


def test_only_the_unit_may_use_the_picker(client, personas):
    for persona, status in [(roles.MEDARBEJDER, 403), (roles.INNOVATIONSCHEF, 200)]:
        client.force_login(personas[persona])
        assert pick(client, "skole").status_code == status, persona
    client.logout()
    assert pick(client, "skole").status_code == 302


def test_a_field_name_that_is_not_one_is_refused(client, staff):
    client.force_login(staff)
    assert client.get(URL, {"felt": '"><script>'}).status_code == 400
    assert client.get(URL, {"felt": "survivor", "id": 'x" onclick="'}).status_code == 400
    assert client.get(URL).status_code == 200  # nothing asked, nothing found


def test_typing_fast_is_fine_but_a_flood_is_stopped(client, staff, indexed):
    indexed("Legeplads i parken")
    client.force_login(staff)
    statuses = [pick(client, "leg" + "e" * (n % 3)).status_code for n in range(121)]
    assert statuses[:120] == [200] * 120
    assert statuses[120] == 429


# --- merging without JavaScript -----------------------------------------------------------


@pytest.fixture
def duplicate(indexed):
    return indexed("Mere personale til de ældre")[0]


def merge(client, duplicate, data):
    return client.post(reverse("ideas:idea-merge", args=[duplicate.pk]), data)


def test_without_javascript_search_lists_the_ideas_and_keeps_the_message(
    client, staff, indexed, duplicate
):
    care, _ = indexed("Flere hænder i ældreplejen", "Cykelsti langs Strandvejen")
    client.force_login(staff)
    response = merge(
        client,
        duplicate,
        {"survivor": "ældreplejen", "message": "Den samme idé.", "soeg": "survivor"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert options(body) == [(care.pk, False)]
    assert "Den samme idé.</textarea>" in body
    assert 'value="ældreplejen"' in body
    assert "form-error-message" not in body
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None

    response = merge(
        client,
        duplicate,
        {"survivor": "ældreplejen", "survivor_valg": care.pk, "message": "Den samme idé."},
    )
    assert response.status_code == 302
    assert response.url == reverse("ideas:idea-detail", args=[duplicate.pk])
    duplicate.refresh_from_db()
    assert duplicate.merged_into == care


def test_the_number_typed_directly_is_still_accepted(client, staff, indexed, duplicate):
    (care,) = indexed("Flere hænder i ældreplejen")
    client.force_login(staff)
    response = merge(client, duplicate, {"survivor": f"#{care.pk}", "message": "Samme idé."})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == care


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ældreplejen", "Vælg blandt de fundne idéer, eller skriv idéens nummer."),
        ("", "Vælg den idé, der lever videre, eller skriv dens nummer."),
        ("999999", "Der er ingen idé med nummeret 999999."),
    ],
)
def test_a_merge_without_an_idea_says_so_in_danish_and_keeps_what_was_typed(
    client, staff, indexed, duplicate, typed, message
):
    indexed("Flere hænder i ældreplejen")
    client.force_login(staff)
    response = merge(client, duplicate, {"survivor": typed, "message": "Den samme idé."})
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "Den samme idé.</textarea>" in body
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None


def test_choosing_one_idea_and_typing_the_number_of_another_is_refused(
    client, staff, indexed, duplicate
):
    care, bikes = indexed("Flere hænder i ældreplejen", "Cykelsti langs Strandvejen")
    client.force_login(staff)
    response = merge(
        client,
        duplicate,
        {"survivor": str(bikes.pk), "survivor_valg": care.pk, "message": "Samme idé."},
    )
    assert response.status_code == 200
    assert "Vælg én idé" in response.content.decode()


def test_the_idea_page_offers_the_picker_and_the_merge_page_is_the_units(
    client, personas, staff, duplicate
):
    client.force_login(staff)
    page = client.get(reverse("ideas:idea-detail", args=[duplicate.pk])).content.decode()
    assert 'hx-get="/ideer/vaelg/"' in page
    assert 'for="id_merge_message"' in page  # not the status form's message field
    assert 'name="soeg" value="survivor"' in page
    assert 'aria-live="polite"' in page
    assert client.get(reverse("ideas:idea-merge", args=[duplicate.pk])).status_code == 200
    client.force_login(personas[roles.MEDARBEJDER])
    assert client.get(reverse("ideas:idea-merge", args=[duplicate.pk])).status_code == 403


# Numbers, separators and what only looks like a digit ("²" is a digit to str.isdigit()).
PICKER_PARTS = ["12", "#", ",", ";", " ", "ældre", "*", ":", "'", "-", "0", "²", "١٢", "٫"]


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(
        st.text(max_size=40),
        st.lists(st.sampled_from(PICKER_PARTS)).map("".join),
    ),
    chosen=st.lists(
        st.one_of(st.text(max_size=12), st.integers(0, 10**12).map(str), st.sampled_from("²١")),
        max_size=4,
    ),
)
def test_nothing_typed_or_posted_breaks_the_picker(text, chosen):
    if not Idea.objects.exists():  # once: the examples share the test's transaction
        idea = Idea.objects.create(title="Flere hænder i ældreplejen", description="Travlt.")
        index_ideas([idea.pk])
    found = picker_matches(Idea.objects.all(), text=text, chosen=chosen)
    assert len(found.matches) <= 10
    field = IdeaPickerField(multiple=True, required=False)
    field.scope = Idea.objects.all()
    with contextlib.suppress(ValidationError):  # a clear message is fine, nothing else
        field.clean(PickerValue(text=text, chosen=tuple(chosen)))
