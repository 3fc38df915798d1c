"""Danish full-text search and the similar-ideas matcher, on whichever database runs the tests.

CI runs this file on SQLite and on PostgreSQL: the two search differently underneath
(FTS5 with stems made in Python; tsvector with the ``danish`` configuration), and
these tests are what says they behave alike.
"""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samskab.ideas.models import Idea
from samskab.ideas.search import (
    PREFIX_MIN_LENGTH,
    index_all,
    index_ideas,
    parse_query,
    search_ideas,
    stems,
)
from samskab.ideas.similarity import SIMILARITY_THRESHOLD, similar_ideas

pytestmark = pytest.mark.django_db


def make_idea(title: str, description: str = "", **fields) -> Idea:
    fields = {
        "confirmed_at": timezone.now(),
        "consent_to_publish": True,
        "moderation": "approved",
        **fields,
    }
    return Idea.objects.create(title=title, description=description, **fields)


def make_indexed(*specs: tuple[str, str]) -> list[Idea]:
    ideas = [make_idea(title, description) for title, description in specs]
    index_ideas([idea.pk for idea in ideas])
    return ideas


def find(query: str, ideas=None, **kwargs) -> list[int]:
    return search_ideas(Idea.objects.all() if ideas is None else ideas, query, **kwargs)


# --- stemming -----------------------------------------------------------------------------


def test_stems_are_danish_snowball_stems_without_stop_words():
    assert stems("Skolen og skolerne i parkerne") == ["skol", "skol", "park"]
    assert stems("ældre, ældrepleje!") == ["ældr", "ældreplej"]
    assert stems("og i at det") == []


@pytest.mark.parametrize("query", ["skolen", "skoler", "skolerne", "Skole", "SKOLENS"])
def test_inflected_forms_find_the_school_idea(query):
    school, _ = make_indexed(
        ("Mere grønt i skolegården", "Plant træer ved skole og børnehave."),
        ("Bænke i parken", "Flere steder at sidde."),
    )
    assert find(query) == [school.pk]


def test_elderly_and_libraries_are_stemmed_too():
    elderly, library = make_indexed(
        ("Besøgsvenner til ældre", "Frivillige kommer på besøg hos den ældre borger."),
        ("Længere åbningstid på bibliotekerne", "Åbent om aftenen."),
    )
    assert find("ældres") == [elderly.pk]
    assert find("ældre besøg") == [elderly.pk]
    assert find("biblioteket") == [library.pk]
    assert find("bibliotek åbningstiden") == [library.pk]


def test_every_word_must_match_unless_or_is_used():
    school, library = make_indexed(
        ("Lektiehjælp på skolen", "Efter skoletid."),
        ("Lektiecafé på biblioteket", "Frivillige hjælper med lektier."),
    )
    assert find("skole bibliotek") == []
    assert set(find("skole or bibliotek")) == {school.pk, library.pk}
    assert find("lektier -skolen") == [library.pk]


def test_a_quoted_phrase_must_stand_together():
    together, apart = make_indexed(
        ("Grønne tage", "Tage med planter på skolen."),
        ("Planter i gården", "Grønne områder og nye tage på hallen."),
    )
    assert find('"grønne tage"') == [together.pk]
    assert set(find("grønne tage")) == {together.pk, apart.pk}


def test_stop_words_alone_and_punctuation_find_nothing_without_a_query(
    django_assert_num_queries,
):
    make_indexed(("Og det er i skolen", "at der"))
    with django_assert_num_queries(0):
        for query in ["", "   ", "?!.,;:", "og i at", "-skole", '""', "or", "- - -", "*"]:
            assert find(query) == [], query


# --- compounds ----------------------------------------------------------------------------


def test_a_word_finds_the_compounds_it_begins():
    care, library, elderly = make_indexed(
        ("Mere personale i ældreplejen", "Hjemmehjælpen har for travlt."),
        ("Længere åbent på skolebiblioteket", "Eleverne vil læse efter timerne."),
        ("Besøgsvenner til ældre", "Frivillige kommer på besøg."),
    )
    assert set(find("ældre")) == {care.pk, elderly.pk}
    assert find("ældreplejen") == [care.pk]  # not the other way round
    assert find("skole") == [library.pk]
    assert find("skoler bibliotek") == []  # "bibliotek" is the end of the compound, not its start
    assert find("hjemmehjælp ældre") == [care.pk]
    assert find("besøg -ældre") == []  # an excluded word excludes its compounds too


def test_a_word_being_typed_finds_what_it_begins():
    library, _ = make_indexed(
        ("Længere åbningstid på bibliotekerne", "Åbent om aftenen."),
        ("Bibelgruppe i kirken", "Hver torsdag."),
    )
    assert find("bibliot") == [library.pk]
    assert find("åbningsti") == [library.pk]


def test_the_word_itself_ranks_before_its_compounds():
    compound, word = make_indexed(
        ("Ældreplejen skal have flere hænder", "Mere tid til hver borger."),
        ("De ældre skal have flere hænder", "Mere tid til hver borger."),
    )
    assert find("ældre") == [word.pk, compound.pk]
    assert find("ældre hænder") == [word.pk, compound.pk]


def test_short_stems_and_numbers_find_only_themselves():
    car, ticket, _, year = make_indexed(
        ("Færre biler i midtbyen", "Delebil ved stationen."),
        ("Billigere billetter", "Til svømmehallen."),  # "billet" is stemmed "bil" too
        ("Vejledning om vejret", "Varsling af storm."),
        ("Budget 2026", "Plan for 2026 og 20261 kroner."),
    )
    assert set(find("bil")) == {car.pk, ticket.pk}
    assert find("bilag") == []
    assert find("vej") == []  # not "vejledning" nor "vejret"
    assert find("202") == []
    assert find("2026") == [year.pk]


def test_a_quoted_phrase_is_not_a_beginning():
    care, elderly = make_indexed(
        ("Ældreplejens borgere", "Flere besøg."),
        ("Ældre borgere", "Flere besøg."),
    )
    assert find('"ældre borgere"') == [elderly.pk]
    assert set(find("ældre borgere")) == {care.pk, elderly.pk}


# --- ranking and visibility ---------------------------------------------------------------


def test_title_matches_rank_before_description_matches():
    in_description, in_title, in_both = make_indexed(
        ("Nye cykelstativer", "Ved biblioteket mangler der plads, biblioteket er populært."),
        ("Biblioteket skal have cykelstativer", "Der mangler plads."),
        ("Biblioteket om aftenen", "Selvbetjent bibliotek til klokken 22."),
    )
    assert find("bibliotek") == [in_both.pk, in_title.pk, in_description.pk]


def test_only_ideas_of_the_given_queryset_are_returned():
    public, hidden, internal = (
        make_idea("Skolehaver til alle skoler"),
        make_idea("Skolehaver og skolekøkken", moderation="hidden"),
        make_idea("Skolehaver for personalet", audience="internal"),
    )
    index_ideas([public.pk, hidden.pk, internal.pk])
    visible = Idea.objects.filter(moderation="approved", audience="public")
    assert find("skolehaver", visible) == [public.pk]
    assert set(find("skolehaver")) == {public.pk, hidden.pk, internal.pk}
    assert find("skolehaver", Idea.objects.none()) == []
    # The caller's own joins and ordering don't leak into the search.
    assert find("skolehaver", visible.select_related("author").order_by("-title")) == [public.pk]


def test_a_queryset_with_joins_or_aggregates_returns_each_idea_once(unit):
    both_areas, one_area, no_area = make_indexed(
        ("Legeplads ved skolen", "Nye gynger."),
        ("Legeplads i parken", "Klatrestativ."),
        ("Legeplads ved hallen", "Sandkasse."),
    )
    both_areas.areas.add(unit, unit.parent)
    one_area.areas.add(unit)
    in_areas = Idea.objects.filter(areas__in=[unit, unit.parent])  # both_areas twice
    assert sorted(find("legeplads", in_areas)) == sorted([both_areas.pk, one_area.pk])
    annotated = Idea.objects.annotate(n_areas=Count("areas")).filter(n_areas__gte=1)
    assert sorted(find("legeplads", annotated)) == sorted([both_areas.pk, one_area.pk])
    assert no_area.pk in find("legeplads", Idea.objects.distinct())


def test_limit_keeps_the_best(django_assert_num_queries):
    ideas = make_indexed(*[(f"Cykelsti nummer {n}", "Ved skolen.") for n in range(30)])
    with django_assert_num_queries(1):
        assert len(find("cykelsti", limit=7)) == 7
    assert set(find("cykelsti")) == {idea.pk for idea in ideas}


# --- keeping the index up to date ---------------------------------------------------------


def test_index_follows_a_changed_and_a_deleted_idea():
    idea = make_idea("Bedre vejbelysning", "Lamper langs stien.")
    assert find("vejbelysning") == []  # not indexed yet
    index_ideas([idea.pk])
    assert find("vejbelysning") == [idea.pk]

    idea.title = "Flere bænke"
    idea.save(update_fields=["title"])
    index_ideas([idea.pk])
    assert find("vejbelysning") == []
    assert find("bænke") == [idea.pk]

    pk = idea.pk
    idea.delete()
    index_ideas([pk])
    assert find("bænke") == []


def test_index_all_indexes_every_idea_in_a_fixed_number_of_queries_per_batch():
    ideas = [make_idea(f"Idé om affaldssortering {n}", "Genbrug af plast.") for n in range(25)]
    with CaptureQueriesContext(connection) as small_batches:
        index_all(batch_size=10)
    assert set(find("affaldssortering")) == {idea.pk for idea in ideas}
    with CaptureQueriesContext(connection) as one_batch:
        index_all(batch_size=1_000)
    assert set(find("genbrug plast")) == {idea.pk for idea in ideas}
    assert len(one_batch) < len(small_batches) <= 3 * len(one_batch) + 6


def test_a_query_is_a_fixed_number_of_queries_whatever_the_data(django_assert_num_queries):
    make_indexed(*[(f"Skolemad {n}", "Sund mad i skolen og i børnehaven.") for n in range(5)])
    with django_assert_num_queries(1):
        few = find("skolen mad")
    make_indexed(*[(f"Skolemad {n}", "Sund mad i skolen og i børnehaven.") for n in range(60)])
    with django_assert_num_queries(1):
        many = find("skolen mad")
    assert len(few) == 5
    assert len(many) == 65


# --- hostile input ------------------------------------------------------------------------

QUERY_PARTS = st.sampled_from(
    ['"', "'", "*", "NEAR", "NEAR(", "AND", "OR", "or", "NOT", "-", ":", "(", ")", "^", "+",
     "{", "}", "title:", "body:", "\\", "%", "_", "skole", "ældre", "æøå", "Ω", "漢字", "🙂",
     "\u0300", "\x00", "\t", " ", "-skole", '"skole', "bibliotek*", "rowid", ";", "--",
     "&", "|", "!", "<->", "<2>", ":*", "ældre:*", "'skole'", "''", "\\'", "!(", "|)", "ABC",
     "1000", "æl", "skol*", "^", "NEAR/2", "$$", "e-mail", "'"]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=st.one_of(
        st.text(max_size=60),
        st.lists(st.one_of(QUERY_PARTS, st.text(max_size=5)), max_size=12).map("".join),
        st.lists(QUERY_PARTS, max_size=12).map(" ".join),
    )
)
def test_no_query_breaks_the_search(query):
    if not Idea.objects.exists():  # once: the examples share the test's transaction
        make_indexed(
            ("Skole NEAR parken", 'Et "citat" med AND, OR og NOT: *stjerne* og -minus.'),
            ("Ældre og æøå", "漢字 🙂 Ω title:skole body:ældre"),
        )
    result = search_ideas(Idea.objects.filter(moderation="approved"), query)
    assert isinstance(result, list)
    assert all(isinstance(pk, int) for pk in result)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.one_of(st.text(max_size=40), st.lists(QUERY_PARTS, max_size=8).map(" ".join)),
    description=st.text(max_size=200),
)
def test_nothing_typed_breaks_the_similar_ideas(title, description):
    if not Idea.objects.exists():
        make_indexed(("Skole NEAR parken", "Mere natur AND leg -i skolen."))
    found = similar_ideas(title=title, description=description, ideas=Idea.objects.all())
    assert all(score >= SIMILARITY_THRESHOLD for _, score in found)


def test_operators_typed_by_a_user_are_words_or_ignored():
    idea, _ = make_indexed(
        ("Skole NEAR parken", "Mere natur AND leg."),
        ("Noget helt andet", "Cykler."),
    )
    for query in ["skole NEAR", "NEAR(skole parken)", "skole*", "parken:skole", "skole AND",
                  "(skole", "skole)", "^skole", "skole:", '"skole', "skole -cykler"]:  # fmt: skip
        assert find(query) == [idea.pk], query
    # No column filters: "title" is a word like any other, and not in the idea.
    assert find("title:skole") == []
    assert parse_query("NOT") != []  # "not" is just a word, as on PostgreSQL


# --- similar ideas ------------------------------------------------------------------------


def test_similar_ideas_finds_a_reworded_duplicate_and_not_an_unrelated_idea(
    django_assert_max_num_queries,
):
    duplicate, _, _ = make_indexed(
        (
            "Besøgsvenner til ensomme ældre",
            "Mange ældre i eget hjem sidder alene. Kommunen kan formidle frivillige besøgsvenner.",
        ),
        ("Flere bænke i byparken", "Ældre og andre mangler steder at hvile i parken."),
        ("Billigere haltider til foreninger", "Foreningerne betaler for meget for hallerne."),
    )
    with django_assert_max_num_queries(2):
        found = similar_ideas(
            title="Frivillige der besøger ældre, som er alene",
            description="Der er mange ensomme pensionister. Lav en ordning med frivillige, "
            "der kommer forbi en gang om ugen til en snak.",
            ideas=Idea.objects.all(),
        )
    assert [idea.pk for idea, _ in found] == [duplicate.pk]
    assert found[0][1] >= SIMILARITY_THRESHOLD


def test_similar_ideas_respects_the_queryset_and_the_limit(django_assert_max_num_queries):
    hidden = make_idea("Cykelsti til skolen", "En sikker cykelsti til skolen.", moderation="hidden")
    copies = [make_idea("Cykelsti til skolen", "En sikker cykelsti til skolen.") for _ in range(8)]
    index_ideas([hidden.pk, *(idea.pk for idea in copies)])
    visible = Idea.objects.filter(moderation="approved")
    with django_assert_max_num_queries(2):
        found = similar_ideas(
            title="Sikker cykelsti til skolen", description="", ideas=visible, limit=3
        )
    assert len(found) == 3
    assert {idea.pk for idea, _ in found} <= {idea.pk for idea in copies}
    assert similar_ideas(title="", description="og i at", ideas=visible) == []


def evaluation_script():
    path = Path(django_settings.BASE_DIR) / "scripts" / "evaluate_similarity.py"
    spec = importlib.util.spec_from_file_location("evaluate_similarity", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


# Measured end to end on both databases (docs/similar-ideas.md), all 130 pairs: P 0.81,
# R 0.90, and 97 % of the positives reach the re-scoring. A small margin (two or three
# pairs), so that a harmless tweak doesn't fail CI but a real loss does.
REPORTED_PRECISION = 0.81
REPORTED_RECALL = 0.90
REPORTED_CANDIDATE_RECALL = 0.97
MARGIN = 0.05
# Search for 17 words over every text of the pairs (docs/similar-ideas.md): P 0.95, R 0.92
# with compounds found by their first part; exact stems alone found R 0.73.
REPORTED_SEARCH_PRECISION = 0.95
REPORTED_SEARCH_RECALL = 0.92
SEARCH_MARGIN = 0.03


def test_matcher_keeps_the_precision_and_recall_reported_in_the_docs():
    script = evaluation_script()
    counts, candidate_recall, by_set = script.end_to_end(
        script.load_pairs(), [SIMILARITY_THRESHOLD]
    )
    measured = counts[SIMILARITY_THRESHOLD]
    assert measured.precision >= REPORTED_PRECISION - MARGIN, measured.line()
    assert measured.recall >= REPORTED_RECALL - MARGIN, measured.line()
    assert candidate_recall >= REPORTED_CANDIDATE_RECALL - MARGIN
    compound = by_set["compound"][SIMILARITY_THRESHOLD]
    assert compound.candidates == compound.tp + compound.fn, compound.line()


def test_search_finds_compounds_with_the_precision_and_recall_reported_in_the_docs():
    script = evaluation_script()
    results = script.search_quality(
        script.load_pairs(), script.load_search_queries(), [0, PREFIX_MIN_LENGTH]
    )
    chosen, _ = results[PREFIX_MIN_LENGTH]
    exact, _ = results[0]
    assert chosen.precision >= REPORTED_SEARCH_PRECISION - SEARCH_MARGIN
    assert chosen.recall >= REPORTED_SEARCH_RECALL - SEARCH_MARGIN
    assert chosen.recall > exact.recall + 0.1  # what finding compounds brings


def test_evaluation_set_is_labelled_and_balanced():
    pairs = evaluation_script().load_pairs()
    assert len(pairs) >= 120
    positives = sum(pair["label"] == "1" for pair in pairs)
    assert 0.4 <= positives / len(pairs) <= 0.6
    assert {pair["kind"] for pair in pairs} == {"paraphrase", "hard_negative", "easy_negative"}
    assert {pair["set"] for pair in pairs} == {"original", "compound"}
    assert all(pair["split"] in {"dev", "test"} for pair in pairs)
