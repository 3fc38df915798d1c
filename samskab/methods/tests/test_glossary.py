"""A term is one click from where it appears: the glossary's links in help texts."""

import pytest
from django import forms
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import SafeData, mark_safe

from samskab.methods import services
from samskab.methods.glossary import link_terms
from samskab.methods.models import Term

ANCHOR = '<a href="/metoder/ordbog/#proevehandling" class="glossary-term">'


@pytest.fixture
def terms(make_term):
    make_term("Prøvehandling", forms="prøvehandlingen, prøvehandlinger")
    make_term("Business case", forms="business casen")
    make_term("Gate", forms="beslutningspunkt")


def test_the_first_occurrence_of_a_term_links_to_its_definition(terms):
    text = link_terms("Beskriv prøvehandlingen. En prøvehandling har en hypotese.")
    assert isinstance(text, SafeData)
    assert text == f"Beskriv {ANCHOR}prøvehandlingen</a>. En prøvehandling har en hypotese."


def test_each_term_is_linked_once_and_in_any_case(terms):
    text = link_terms("Business Case og GATE, så en business case og en gate.")
    assert text.count("glossary-term") == 2
    assert (
        '<a href="/metoder/ordbog/#business-case" class="glossary-term">Business Case</a>' in text
    )
    assert '<a href="/metoder/ordbog/#gate" class="glossary-term">GATE</a>' in text


def test_only_whole_words_with_danish_letters_are_linked(terms):
    assert "glossary-term" not in link_terms("En prøvehandlingsplan og et gatekøkken.")
    assert "glossary-term" not in link_terms("Forprøvehandling")
    assert "glossary-term" in link_terms("(prøvehandling)")


def test_whitespace_inside_a_term_may_be_any_whitespace(terms):
    assert "glossary-term" in link_terms("en business\ncase")


def test_text_is_escaped_before_links_are_added(terms):
    text = link_terms('<script>alert("x")</script> prøvehandling & <b>')
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "&amp; &lt;b&gt;" in text
    assert f"{ANCHOR}prøvehandling</a>" in text


def test_a_term_written_with_markup_around_it_cannot_break_out(make_term):
    make_term('Svært"ord', forms="")
    text = link_terms('Et svært"ord her')
    assert "svært&quot;ord</a>" in text


def test_safe_text_is_linked_between_its_tags_and_never_inside_a_link(terms):
    text = link_terms(
        mark_safe('<a href="/x/">prøvehandling</a> <em title="gate">en gate</em> prøvehandling')
    )
    assert text.startswith('<a href="/x/">prøvehandling</a> <em title="gate">en ')
    assert '<a href="/metoder/ordbog/#gate" class="glossary-term">gate</a></em>' in text
    assert text.endswith(f"{ANCHOR}prøvehandling</a>")


def test_without_terms_text_is_only_escaped(db):
    assert link_terms("<b>prøvehandling</b>") == "&lt;b&gt;prøvehandling&lt;/b&gt;"


def test_english_pages_link_under_the_english_address(terms):
    from django.utils import translation

    with translation.override("en"):
        assert 'href="/en/metoder/ordbog/#proevehandling"' in link_terms("prøvehandling")


class TrialForm(forms.Form):
    title = forms.CharField(help_text="Hvad skal prøvehandlingen vise?")
    hypothesis = forms.CharField(help_text="Vi tror, at … <script>")
    metric = forms.CharField(help_text="Målingen, der afgør stop eller go ved næste gate.")
    case = forms.CharField(help_text="Tal fra business casen.")
    ok = forms.BooleanField(help_text="Prøvehandlingen er godkendt.", required=False)


def test_every_form_links_terms_in_its_help_texts_without_a_query_per_field(terms, settings):
    # Kept in memory (production): the first field reads the terms; later forms nothing.
    settings.SAMSKAB_GLOSSARY_CACHE = True
    from samskab.core import freshness

    freshness.begin_request()
    try:
        with CaptureQueriesContext(connection) as first:
            html = str(TrialForm())
        with CaptureQueriesContext(connection) as again:
            html_again = str(TrialForm())
    finally:
        freshness.end_request()
    assert len(first) <= 1
    assert len(again) == 0
    assert html == html_again
    assert f"{ANCHOR}prøvehandlingen</a> vise?" in html
    assert '<a href="/metoder/ordbog/#gate" class="glossary-term">gate</a>' in html
    assert "business casen</a>" in html
    assert "Vi tror, at … &lt;script&gt;" in html


def test_read_once_per_request_when_not_kept_in_memory(terms, settings):
    # What request_started and request_finished call (sending them would close the test's
    # database connection).
    from samskab.methods.glossary import request_boundary

    settings.SAMSKAB_GLOSSARY_CACHE = False
    for _request in range(2):
        request_boundary()
        with CaptureQueriesContext(connection) as queries:
            html = str(TrialForm()) + str(TrialForm())
        request_boundary()
        assert len(queries) == 1
        assert html.count("glossary-term") == 8  # four help texts with a term, twice


def test_a_saved_term_is_linked_on_the_next_request(terms, staff, settings):
    settings.SAMSKAB_GLOSSARY_CACHE = True
    from samskab.core import freshness

    freshness.begin_request()
    assert "glossary-term" not in link_terms("Skalering i hele området")
    freshness.end_request()
    services.term_save(term=Term(term="Skalering", definition="x"), by=staff)
    freshness.begin_request()
    try:
        assert "glossary-term" in link_terms("Skalering i hele området")
    finally:
        freshness.end_request()


def test_the_filter_is_used_in_templates(terms):
    html = Template("{% load glossary %}{{ text|glossary }}").render(
        Context({"text": "Næste gate <i>"})
    )
    assert html == 'Næste <a href="/metoder/ordbog/#gate" class="glossary-term">gate</a> &lt;i&gt;'
