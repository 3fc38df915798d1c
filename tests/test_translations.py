"""The message catalogues: Danish complete, English complete, compiled files current."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_message_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert len(catalogue) > 100
    assert not missing, f"Untranslated ({language}): {missing[:20]}"
    assert not fuzzy, f"Fuzzy ({language}): {fuzzy[:20]}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    for entry in polib.pofile(str(folder / "django.po")).translated_entries():
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            assert catalog[(key, 0)] == entry.msgstr_plural[0], "run make messages"
        else:
            assert catalog[key] == entry.msgstr, f"run make messages: {entry.msgid!r}"


def test_a_trial_is_called_proevehandling_in_every_danish_string():
    """DESIGN §2: an Experiment is a prøvehandling in the UI, never a forsøg (the addresses keep /forsoeg/)."""
    catalogue = polib.pofile(str(LOCALE / "da" / "LC_MESSAGES" / "django.po"))
    texts = [entry.msgstr for entry in catalogue] + [
        text for entry in catalogue for text in entry.msgstr_plural.values()
    ]
    assert not [text for text in texts if "forsøg" in text.lower()]
    assert any("prøvehandling" in text.lower() for text in texts)
    templates = Path(settings.BASE_DIR) / "samskab"
    danish_in_templates = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "forsøg" in path.read_text(encoding="utf-8").lower()
    ]
    assert not danish_in_templates
