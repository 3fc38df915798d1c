"""Danish full-text search of the library, on SQLite (FTS5 of Snowball stems) and PostgreSQL
(the ``danish`` configuration with a GIN index): run this file on both."""

import pytest

from samskab.accounts import roles
from samskab.methods import queries, services


@pytest.fixture
def cards(make_method):
    return {
        "benefits": make_method(
            "Gevinstdiagram",
            phases="45",
            purpose="Kortlæg gevinsterne, før gevinstrealiseringsaftalen skrives.",
            steps="Skriv målet\nFind effekterne",
        ),
        "interview": make_method(
            "Interview med borgere",
            phases="13",
            purpose="Forstå borgernes behov i deres egne ord.",
            steps="Skriv en guide\nInterview fem borgere",
        ),
    }


def found(user, text: str) -> list[str]:
    return [method.title for method in queries.library(user, text=text)]


def test_a_word_finds_its_inflections(cards, personas):
    user = personas[roles.MEDARBEJDER]
    assert found(user, "borger") == ["Interview med borgere"]
    assert found(user, "gevinst") == ["Gevinstdiagram"]


def test_a_word_finds_the_compounds_it_begins(cards, personas):
    assert found(personas[roles.MEDARBEJDER], "gevinstrealisering") == ["Gevinstdiagram"]


def test_the_title_ranks_before_the_text(make_method, personas):
    make_method("Kortlægning", phases="1", purpose="Gevinstdiagram bruges bagefter.")
    make_method("Gevinstdiagram", phases="4", purpose="x")
    assert found(personas[roles.MEDARBEJDER], "gevinstdiagram") == [
        "Gevinstdiagram",
        "Kortlægning",
    ]


def test_a_changed_card_is_found_by_its_new_words(cards, staff, personas):
    card = cards["interview"]
    card.purpose = "Forstå pårørendes erfaringer."
    services.method_save(method=card, by=staff)
    user = personas[roles.MEDARBEJDER]
    assert found(user, "pårørende") == ["Interview med borgere"]
    assert found(user, "behov") == []


def test_words_to_exclude_and_alternatives(cards, personas):
    user = personas[roles.MEDARBEJDER]
    assert found(user, "skriv -borgere") == ["Gevinstdiagram"]
    assert sorted(found(user, "effekterne or guide")) == ["Gevinstdiagram", "Interview med borgere"]


def test_nothing_to_look_for_finds_nothing(cards, personas):
    assert found(personas[roles.MEDARBEJDER], "og i --- *") == []


def test_a_visitor_searches_only_the_public_cards(cards, staff):
    from django.contrib.auth.models import AnonymousUser

    assert found(AnonymousUser(), "borger") == []
    cards["interview"].is_public = True
    services.method_save(method=cards["interview"], by=staff)
    assert found(AnonymousUser(), "borger") == ["Interview med borgere"]
