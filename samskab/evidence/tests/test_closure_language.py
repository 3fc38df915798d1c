"""The closure flag the trials raise (rule 7) in the reader's language; a flag typed by the
unit as typed. Shown on the task's page, on the agenda and in the meeting's pack."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from samskab.accounts import roles
from samskab.governance import packs, queries
from samskab.governance.models import Forum, Meeting
from samskab.portfolio import closure
from samskab.portfolio.models import InnovationTask

MISSED_EN = (
    "Every concluded trial missed its success criterion (Første prøve). Consider closing the task."
)
MISSED_DA = (
    "Alle afsluttede prøvehandlinger missede deres succeskriterium (Første prøve). "
    "Overvej at lukke opgaven."
)
TYPED = "Direktionen vil drøfte at lukke opgaven."


@pytest.fixture(autouse=True)
def _danish_afterwards(settings):
    yield
    translation.activate(settings.LANGUAGE_CODE)  # a request to /en/ leaves English active


@pytest.fixture
def flagged(task, make_experiment, measure, conclude):
    conclude(measure(make_experiment(task, "Første prøve"), [21, 22]))  # below the target
    task.refresh_from_db()
    return task


@pytest.fixture
def meeting(db):
    return Meeting.objects.create(
        forum=Forum.objects.get(kind=Forum.Kind.EXECUTIVE),
        starts_at=timezone.now() + timedelta(days=7),
    )


def task_page(client, task, language: str) -> str:
    with translation.override(language):
        response = client.get(reverse("portfolio:task-detail", args=[task.pk]))
    assert response.status_code == 200
    return response.content.decode()


def closure_reasons(meeting) -> list[str]:
    section = next(s for s in queries.agenda(meeting).sections if s.key == "closure")
    return [str(item.reason) for item in section.items]


def type_flag(task, text: str) -> None:
    InnovationTask.objects.filter(pk=task.pk).update(
        closure_flag=text, closure_flag_code="", closure_flag_params={}
    )
    task.refresh_from_db()


def test_the_flag_the_trials_raise_is_kept_as_a_code(flagged):
    assert (flagged.closure_flag_code, flagged.closure_flag_params, flagged.closure_flag) == (
        closure.TRIALS_MISSED,
        {"trials": ["Første prøve"]},
        "",
    )


def test_the_flag_the_trials_raise_is_shown_in_the_readers_language(client, personas, flagged):
    client.force_login(personas[roles.INNOVATIONSENHED])
    english, danish = task_page(client, flagged, "en"), task_page(client, flagged, "da")
    assert MISSED_EN in english and MISSED_DA not in english
    assert MISSED_DA in danish and MISSED_EN not in danish


def test_the_agenda_and_the_frozen_pack_give_the_flag_in_each_language(flagged, meeting):
    with translation.override("en"):
        assert closure_reasons(meeting) == [MISSED_EN]
    with translation.override("da"):
        assert closure_reasons(meeting) == [MISSED_DA]
    agenda, html = packs.render_frozen(meeting)
    (item,) = next(section for section in agenda if section["key"] == "closure")["items"]
    assert item["reason"] == {"da": MISSED_DA, "en": MISSED_EN}
    assert "Every concluded trial missed its success criterion (Første prøve)" in html["en"]
    assert "Alle afsluttede prøvehandlinger missede" not in html["en"]


def test_a_flag_typed_by_the_unit_is_shown_as_typed_in_every_language(
    client, personas, task, meeting
):
    type_flag(task, TYPED)
    client.force_login(personas[roles.INNOVATIONSENHED])
    for language in ("en", "da"):
        assert TYPED in task_page(client, task, language)
        with translation.override(language):
            assert closure_reasons(meeting) == [TYPED]


def test_the_service_clears_its_own_flag_when_a_later_trial_meets_its_criterion(
    flagged, make_experiment, measure, conclude
):
    conclude(measure(make_experiment(flagged, "Anden prøve"), [35, 38]))
    flagged.refresh_from_db()
    assert (flagged.closure_reason, flagged.closure_flag_code) == ("", "")


def test_the_service_keeps_a_typed_flag_when_a_later_trial_meets_its_criterion(
    flagged, make_experiment, measure, conclude
):
    type_flag(flagged, TYPED)
    conclude(measure(make_experiment(flagged, "Anden prøve"), [35, 38]))
    flagged.refresh_from_db()
    assert flagged.closure_reason == TYPED


def edit(client, task, language: str, flag: str):
    """The unit saves the task's form as it was shown, with the flag as given."""
    with translation.override(language):
        url = reverse("portfolio:task-edit", args=[task.pk])
        form = client.get(url).context["form"]
        data = {name: form[name].value() or "" for name in form.fields}
        data["owner"] = task.owner_id
        data["closure_flag"] = flag
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        assert response["Location"] == reverse("portfolio:task-detail", args=[task.pk])
    task.refresh_from_db()


def test_the_form_shows_the_flag_in_the_readers_language_and_keeps_it_when_left_alone(
    client, personas, flagged
):
    client.force_login(personas[roles.INNOVATIONSENHED])
    with translation.override("en"):
        form = client.get(reverse("portfolio:task-edit", args=[flagged.pk])).context["form"]
    assert form["closure_flag"].value() == MISSED_EN
    edit(client, flagged, "en", MISSED_EN)
    assert (flagged.closure_flag_code, flagged.closure_flag) == (closure.TRIALS_MISSED, "")


def test_a_flag_rewritten_in_the_form_is_typed_and_a_cleared_one_is_gone(client, personas, flagged):
    client.force_login(personas[roles.INNOVATIONSENHED])
    edit(client, flagged, "en", "We will discuss it in May.")
    assert (flagged.closure_flag_code, flagged.closure_flag) == ("", "We will discuss it in May.")
    type_flag(flagged, "")
    InnovationTask.objects.filter(pk=flagged.pk).update(
        closure_flag_code=closure.TRIALS_MISSED, closure_flag_params={"trials": ["Første prøve"]}
    )
    edit(client, flagged, "da", "")
    assert (flagged.closure_flag_code, flagged.closure_flag, flagged.closure_reason) == ("", "", "")


def test_the_migration_turns_the_danish_flag_samskab_wrote_into_a_code(
    make_task, make_experiment, measure, conclude
):
    migration = import_module("samskab.evidence.migrations.0003_closure_flag_as_code")
    written, typed, stale = make_task("Skrevet"), make_task("Tastet"), make_task("Forældet")
    for task in (written, stale):
        conclude(measure(make_experiment(task, "Første prøve, igen"), [21, 22]))
        conclude(measure(make_experiment(task, "Anden prøve"), [20, 23]))
    samskab_wrote = (
        "Alle afsluttede prøvehandlinger missede deres succeskriterium "
        "(Første prøve, igen, Anden prøve). Overvej at lukke opgaven."
    )
    no_longer_true = (
        "Alle afsluttede prøvehandlinger missede deres succeskriterium (Første prøve, igen). "
        "Overvej at lukke opgaven."
    )
    for task, text in ((written, samskab_wrote), (typed, TYPED), (stale, no_longer_true)):
        type_flag(task, text)

    migration.to_codes(apps, None)

    stored = {
        task.title: InnovationTask.objects.values(
            "closure_flag", "closure_flag_code", "closure_flag_params"
        ).get(pk=task.pk)
        for task in (written, typed, stale)
    }
    assert stored == {
        "Skrevet": {
            "closure_flag": "",
            "closure_flag_code": closure.TRIALS_MISSED,
            "closure_flag_params": {"trials": ["Første prøve, igen", "Anden prøve"]},
        },
        "Tastet": {"closure_flag": TYPED, "closure_flag_code": "", "closure_flag_params": {}},
        "Forældet": {
            "closure_flag": no_longer_true,
            "closure_flag_code": "",
            "closure_flag_params": {},
        },
    }
    with translation.override("da"):
        assert InnovationTask.objects.get(pk=written.pk).closure_reason == samskab_wrote

    migration.to_texts(apps, None)
    assert InnovationTask.objects.values("closure_flag", "closure_flag_code").get(
        pk=written.pk
    ) == {"closure_flag": samskab_wrote, "closure_flag_code": ""}


def test_the_tasks_history_shows_the_flag_once_in_the_readers_language(client, personas, flagged):
    client.force_login(personas[roles.INNOVATIONSENHED])
    with translation.override("en"):
        response = client.get(reverse("portfolio:task-detail", args=[flagged.pk]))
        assert response.status_code == 200
        fields = [field for change in response.context["history"]() for field in change["fields"]]
        shown = [(str(field["field"]), field["old"], field["new"]) for field in fields]
    assert [field for field in shown if "closure" in field[0]] == [
        ("flagged for closure", "", MISSED_EN)
    ]
