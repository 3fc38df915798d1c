"""The portfolio board: each card's signals in words, the filters, and a fixed query count."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samskab.accounts import roles
from samskab.benefits.models import (
    BenefitAgreement,
    BenefitLine,
    BenefitRealisation,
    BenefitTarget,
)
from samskab.evidence.models import Experiment, LearningCard
from samskab.organisation.models import Competency, OrgUnit, Person
from samskab.portfolio import cards, closure
from samskab.portfolio.models import Category, InnovationTask, Novelty
from samskab.teams.models import CompetencyNeed, Importance, Role, TeamMembership


@pytest.fixture(autouse=True)
def _room(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100


def texts(task, *, today, key=None) -> list[str]:
    shown = cards.signals_for([task], today=today)[task.pk]
    return [s.text for s in shown if key is None or s.key == key]


def set_fields(task, **fields) -> InnovationTask:
    InnovationTask.objects.filter(pk=task.pk).update(**fields)
    task.refresh_from_db()
    return task


# ---------------------------------------------------------------- the portfolio's own signals

MAY_DAY = date(2026, 5, 1)


def test_a_gate_date_that_has_passed_is_marked_overdue_and_one_to_come_is_not(make_proposal, start):
    late = set_fields(start(make_proposal(title="Sen")), next_gate_on=date(2026, 4, 30))
    today = set_fields(start(make_proposal(title="I dag")), next_gate_on=MAY_DAY)
    later = set_fields(start(make_proposal(title="Senere")), next_gate_on=date(2026, 6, 1))
    unset = start(make_proposal(title="Uden gate"))
    assert texts(late, today=MAY_DAY, key="next-gate") == ["Gate overskredet: 30.04.2026"]
    assert texts(today, today=MAY_DAY, key="next-gate") == ["Næste gate: 01.05.2026"]
    assert texts(later, today=MAY_DAY, key="next-gate") == ["Næste gate: 01.06.2026"]
    assert texts(unset, today=MAY_DAY, key="next-gate") == []
    assert cards.signals_for([late], today=MAY_DAY)[late.pk][0].tone == cards.WARNING


def test_a_paused_tasks_gate_waits_with_it_and_the_pause_is_said(make_proposal, start):
    paused = set_fields(
        start(make_proposal()), status=InnovationTask.Status.PAUSED, next_gate_on=date(2026, 4, 1)
    )
    assert texts(paused, today=MAY_DAY) == ["Næste gate: 01.04.2026", "På pause"]


def test_a_task_flagged_for_closure_says_so_and_why(make_proposal, start):
    flagged = set_fields(start(make_proposal()), closure_flag="Leverandøren kan ikke levere.")
    plain = start(make_proposal(title="Synlig læring"))
    shown = cards.signals_for([flagged, plain], today=MAY_DAY)
    assert [(s.text, s.detail) for s in shown[flagged.pk]] == [
        ("Markeret til lukning", "Leverandøren kan ikke levere.")
    ]
    assert shown[plain.pk] == []


def test_a_flag_samskab_raised_is_on_the_card_in_the_readers_language(make_proposal, start):
    code, params = closure.trials_missed(["Træning hjemme"])
    flagged = set_fields(start(make_proposal()), closure_flag_code=code, closure_flag_params=params)
    with translation.override("en"):
        [signal] = cards.signals_for([flagged], today=MAY_DAY)[flagged.pk]
        assert signal.detail.startswith("Every concluded trial missed its success criterion")


def test_the_board_marks_an_overdue_gate_in_words_and_shows_type_area_and_owner(
    client, personas, make_proposal, start, owner
):
    today = timezone.localdate()
    set_fields(start(make_proposal(title="Sen opgave")), next_gate_on=today - timedelta(days=3))
    set_fields(
        start(make_proposal(title="Rettidig opgave", novelty=Novelty.INCREMENTAL)),
        next_gate_on=today + timedelta(days=3),
    )
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(reverse("portfolio:board"))
    body = response.content.decode()
    overdue = (today - timedelta(days=3)).strftime("%d.%m.%Y")
    coming = (today + timedelta(days=3)).strftime("%d.%m.%Y")
    assert f"Gate overskredet: {overdue}" in body
    assert f"Næste gate: {coming}" in body
    assert f"Gate overskredet: {coming}" not in body
    for text in ("Radikal", "Inkrementel", "Service eller produkt", owner.name, "Børn og Skole"):
        assert text in body
    # What each signal means is explained in words beside the board.
    assert "Det fortæller kortene" in body
    assert "når datoen er passeret, og opgaven er aktiv" in body
    assert 'role="region"' in body and 'tabindex="0"' in body


def test_an_app_registers_a_signal_computed_once_for_the_whole_board(
    client, personas, make_proposal, start, monkeypatch
):
    seen = []

    def compute(tasks, today):
        seen.append(sorted(task.title for task in tasks))
        return {task.pk: cards.Signal(f"Prøvet {task.title}") for task in tasks}

    signal = cards.CardSignal("tried", "Prøvet", 70, compute, explanation="Et prøvesignal.")
    monkeypatch.setitem(cards._REGISTRY, signal.key, signal)
    start(make_proposal(title="A"))
    set_fields(start(make_proposal(title="B")), phase=4)
    client.force_login(personas[roles.DIREKTION])
    body = client.get(reverse("portfolio:board")).content.decode()
    assert seen == [["A", "B"]]
    assert "Prøvet A" in body and "Prøvet B" in body
    assert "Et prøvesignal." in body


# ---------------------------------------------------------------- filters


def board_titles(client, **params) -> set[str]:
    response = client.get(reverse("portfolio:board"), params)
    assert response.status_code == 200
    return {task.title for column in response.context["columns"] for task in column.tasks}


def test_the_board_filters_by_area_status_type_and_radical_or_incremental(
    client, personas, make_proposal, start, owner, unit
):
    other_area = OrgUnit.objects.create(
        name="Social og Sundhed", kind=OrgUnit.Kind.AREA, parent=unit.parent.parent
    )
    start(make_proposal(title="Træn dig fri"))
    set_fields(
        start(make_proposal(title="Synlig læring", category=Category.PROCESS)),
        status=InnovationTask.Status.PAUSED,
    )
    start(make_proposal(title="Flytning", novelty=Novelty.INCREMENTAL))
    elsewhere = start(make_proposal(title="Vasketoiletter"))
    InnovationTask.objects.filter(pk=elsewhere.pk).update(owning_area=other_area)
    closed = start(make_proposal(title="Lektiecafé"))
    InnovationTask.objects.filter(pk=closed.pk).update(
        status=InnovationTask.Status.COMPLETED, ended_on=timezone.localdate()
    )
    client.force_login(personas[roles.INNOVATIONSCHEF])

    everything = {"Træn dig fri", "Synlig læring", "Flytning", "Vasketoiletter"}
    assert board_titles(client) == everything
    assert board_titles(client, omraade=other_area.pk) == {"Vasketoiletter"}
    assert board_titles(client, status="paused") == {"Synlig læring"}
    assert board_titles(client, status="active") == everything - {"Synlig læring"}
    assert board_titles(client, type="process") == {"Synlig læring"}
    assert board_titles(client, nyhed="incremental") == {"Flytning"}
    assert board_titles(client, omraade=owner.org_unit.pk, nyhed="radical", type="service") == {
        "Træn dig fri"
    }


def test_a_wrong_filter_is_shown_and_the_others_still_apply(client, personas, make_proposal, start):
    start(make_proposal(title="Træn dig fri"))
    start(make_proposal(title="Flytning", novelty=Novelty.INCREMENTAL))
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.get(reverse("portfolio:board"), {"omraade": "999999", "nyhed": "radical"})
    assert response.status_code == 200
    assert response.context["form"].errors["omraade"]
    assert {t.title for c in response.context["columns"] for t in c.tasks} == {"Træn dig fri"}


# ---------------------------------------------------------------- query count


def give_every_signal_something_to_say(task, person: Person, competency: Competency) -> None:
    """A concluded trial, a critical need and a member, a signed agreement with a line behind."""
    year = timezone.localdate().year
    experiment = Experiment.objects.create(
        task=task,
        title=f"Forsøg {task.pk}",
        hypothesis="Vi tror, at …",
        intervention="Et forløb",
        metric="Andel",
        unit="%",
        baseline=Decimal(20),
        target_change=Decimal(10),
        success_criterion="+10",
        starts_on=date(year - 1, 1, 1),
        ends_on=date(year - 1, 6, 30),
        owner=person,
        value_served="quality",
        evidence_level=2,
    )
    LearningCard.objects.create(
        experiment=experiment,
        saw="…",
        learned="…",
        decide="…",
        advice="adjust",
        evidence_level=2,
        criterion_met=False,
        effect_documented=True,
    )
    CompetencyNeed.objects.create(task=task, competency=competency, importance=Importance.CRITICAL)
    TeamMembership.objects.create(
        task=task,
        person=person,
        role=Role.SPECIALIST,
        allocation=10,
        starts_on=date(year - 1, 1, 1),
    )
    agreement = BenefitAgreement.objects.create(
        task=task,
        owner=person,
        parties="Område",
        status=BenefitAgreement.Status.SIGNED,
        signed_on=date(year - 1, 1, 10),
    )
    line = BenefitLine.objects.create(
        agreement=agreement,
        kind="economic",
        description="Færre timer",
        kpi="Timer",
        unit="kr.",
        baseline=Decimal(0),
        measurement_method="Udtræk",
        responsible=person,
    )
    BenefitTarget.objects.create(line=line, year=year - 1, value=Decimal(100000))
    BenefitRealisation.objects.create(
        line=line,
        period_start=date(year - 1, 1, 1),
        period_end=date(year - 1, 3, 31),
        value=Decimal(1000),
        evidence="Udtræk",
    )


def test_the_board_runs_as_many_queries_for_many_tasks_with_signals_as_for_few(
    client, personas, make_proposal, start, owner
):
    competency = Competency.objects.get(slug="jura")
    client.force_login(personas[roles.INNOVATIONSCHEF])

    def add(n, offset):
        for i in range(n):
            task = start(make_proposal(title=f"Opgave {offset + i}"))
            set_fields(
                task,
                phase=1 + (offset + i) % 7,
                next_gate_on=timezone.localdate() + timedelta(days=i - 2),
                closure_flag="Overvej at lukke." if i % 2 else "",
                status=InnovationTask.Status.PAUSED if i % 3 == 0 else InnovationTask.Status.ACTIVE,
            )
            give_every_signal_something_to_say(task, owner, competency)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("portfolio:board"))
            assert response.status_code == 200
        assert "Gevinster bagud i forhold til profilen" in response.content.decode()
        return len(queries)

    add(2, 0)
    few = count()
    add(30, 2)
    assert count() == few
