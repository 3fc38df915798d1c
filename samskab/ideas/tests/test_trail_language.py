"""The status trail in the reader's language: what Samskab writes by itself is kept as a
message code, what a person typed is kept and shown as typed."""

from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils import translation

from samskab.accounts import roles
from samskab.ideas import services, trail
from samskab.ideas.models import Idea, StatusChange

RECEIVED_DA = "Tak. Innovationsenheden har modtaget idéen og vil besvare den."
RECEIVED_EN = "Thank you. The innovation unit has received the idea and will answer it."


def page(client, name: str, *args, language: str) -> str:
    with translation.override(language):
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def submitted(personas):
    idea = services.idea_submit(
        idea=Idea(
            title="Flere cykelstativer ved stationen",
            description="Om morgenen er alle stativer fyldt.",
            consent_to_publish=True,
        ),
        author=personas[roles.BORGER],
    )
    return services.idea_moderate(idea=idea, approve=True, by=personas[roles.INNOVATIONSENHED])


def test_a_step_samskab_writes_is_shown_in_the_readers_language(client, personas, submitted):
    client.force_login(personas[roles.BORGER])
    for name, args in (("ideas:idea-detail", [submitted.pk]), ("ideas:my-ideas", [])):
        english = page(client, name, *args, language="en")
        danish = page(client, name, *args, language="da")
        assert RECEIVED_EN in english and RECEIVED_DA not in english
        assert RECEIVED_DA in danish and RECEIVED_EN not in danish


def test_the_step_is_kept_as_a_code_not_as_danish_text(submitted):
    (step,) = submitted.status_changes.all()
    assert (step.code, step.message) == (trail.RECEIVED, "")
    with translation.override("en"):
        assert step.text == RECEIVED_EN


def test_a_message_typed_by_the_unit_is_shown_as_typed_in_every_language(
    client, personas, submitted
):
    typed = "Vi kigger på idéen sammen med Teknik og Miljø i næste uge."
    services.idea_change_status(
        idea=submitted,
        status=Idea.Status.UNDER_ASSESSMENT,
        message=typed,
        by=personas[roles.INNOVATIONSENHED],
    )
    client.force_login(personas[roles.BORGER])
    for language in ("en", "da"):
        assert typed in page(client, "ideas:idea-detail", submitted.pk, language=language)
        assert typed in page(client, "ideas:my-ideas", language=language)
    # Beside it on the same trail, the step Samskab wrote is in the reader's language.
    english = page(client, "ideas:idea-detail", submitted.pk, language="en")
    assert english.index(RECEIVED_EN) < english.index(typed)


def test_followers_are_told_of_a_generated_step_in_danish(
    personas, submitted, django_capture_on_commit_callbacks
):
    """Nobody chooses a language for e-mail: it goes in Danish, whatever the page was in."""
    services.idea_follow(idea=submitted, user=personas[roles.MEDARBEJDER])
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.idea_change_status(
            idea=submitted,
            status=Idea.Status.UNDER_ASSESSMENT,
            code=trail.ASSESSING,
            by=personas[roles.INNOVATIONSENHED],
        )
    told = {personas[role].email for role in (roles.BORGER, roles.MEDARBEJDER)}  # and the author
    assert sorted(m.to[0] for m in mail.outbox) == sorted(told)
    for sent in mail.outbox:
        assert "Innovationsenheden vurderer idéen ud fra sine kriterier." in sent.body


def test_a_step_needs_a_message_or_a_known_code(personas, submitted):
    with pytest.raises(ValueError, match="no-such-message"):
        services.idea_change_status(
            idea=submitted,
            status=Idea.Status.UNDER_ASSESSMENT,
            code="no-such-message",
            by=personas[roles.INNOVATIONSENHED],
        )
    assert submitted.status_changes.count() == 1


def test_the_migration_turns_the_danish_texts_samskab_wrote_into_codes(make_idea):
    migration = import_module("samskab.ideas.migrations.0008_status_trail_messages_as_codes")
    idea = make_idea()
    texts = {
        "received": RECEIVED_DA,
        "assessing": "Innovationsenheden vurderer idéen ud fra sine kriterier. Du hører fra os, "
        "når vi ved, hvad der skal ske med den.",
        "sparring": "Innovationsenheden vil hjælpe med at udvikle idéen: den står i enhedens "
        "sparringskø med op til 7,5 timers sparring, i den rækkefølge, innovationschefen "
        "fastlægger. Forslagsstilleren hører fra os, når sparringen er afsluttet.",
        "task": "Idéen indgår nu i innovationsopgaven “Træn dig fri, hele livet”, som er "
        "prioriteret ved KB 12.03.2026, pkt. 4.",
        "untranslated": RECEIVED_EN,  # written before the Danish translation existed
        "typed": "Tak. Vi har modtaget idéen og vender tilbage.",
        "almost": RECEIVED_DA + " Vi skriver igen i maj.",
    }
    steps = {
        key: StatusChange.objects.create(idea=idea, status=Idea.Status.RECEIVED, message=text)
        for key, text in texts.items()
    }

    migration.to_codes(apps, None)

    stored = {
        key: StatusChange.objects.values("code", "params", "message").get(pk=step.pk)
        for key, step in steps.items()
    }
    assert stored["received"] == {"code": trail.RECEIVED, "params": {}, "message": ""}
    assert stored["untranslated"] == stored["received"]
    assert stored["assessing"] == {"code": trail.ASSESSING, "params": {}, "message": ""}
    assert stored["sparring"] == {
        "code": trail.SPARRING,
        "params": {"hours": "7.5"},
        "message": "",
    }
    assert stored["task"] == {
        "code": trail.PART_OF_TASK,
        "params": {"task": "Træn dig fri, hele livet", "reference": "KB 12.03.2026, pkt. 4"},
        "message": "",
    }
    assert stored["typed"] == {"code": "", "params": {}, "message": texts["typed"]}
    assert stored["almost"] == {"code": "", "params": {}, "message": texts["almost"]}
    for key in ("received", "assessing", "sparring", "task"):
        step = StatusChange.objects.get(pk=steps[key].pk)
        with translation.override("da"):
            assert step.text == texts[key]  # the same words as before, for Danish readers
    with translation.override("en"):
        assert (
            "up to 7.5 hours of sparring" in StatusChange.objects.get(pk=steps["sparring"].pk).text
        )

    migration.to_texts(apps, None)
    texts["untranslated"] = RECEIVED_DA
    for key, text in texts.items():
        assert StatusChange.objects.values("code", "message").get(pk=steps[key].pk) == {
            "code": "",
            "message": text,
        }
