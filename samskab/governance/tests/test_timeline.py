"""Decisions in a task's story."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.governance import services
from samskab.governance.models import Decision
from samskab.portfolio import timeline

Kind = Decision.Kind


def decisions_in(task, reader):
    return [event for event in timeline.story(task, viewer=reader) if event.source == "decisions"]


def test_a_decision_is_in_the_story_once_recorded_dated_and_linked(start_task, director):
    task = start_task()
    assert [event.title for event in decisions_in(task, director)] == ["Prioriteret og igangsat"]

    day = timezone.localdate() - timedelta(days=3)
    pause = services.decision_record(
        kind=Kind.PAUSE,
        forum=task.decisions.get().forum,
        task=task,
        rationale="Leverandøren kan ikke levere.",
        decided_on=day,
        by=director,
    )
    events = decisions_in(task, director)

    paused = next(event for event in events if event.title == "Sat på pause")
    assert paused.on == day
    assert paused.url == reverse("governance:decision-detail", args=[pause.pk])
    assert "Leverandøren kan ikke levere." in paused.details


def test_a_gate_tells_its_phases_and_what_it_went_despite(start_task, executive, director):
    task = start_task()
    services.decision_record(
        kind=Kind.GATE_GO,
        forum=executive,
        task=task,
        rationale="Videre.",
        despite_keys=["exit-checklist"],
        despite="Tjeklisten følger.",
        next_gate_on=timezone.localdate() + timedelta(days=90),
        by=director,
    )

    gate = decisions_in(task, director)[-1]

    assert gate.title == "Gate passeret: fra fase 1 til 2"
    assert "Gik videre trods: Fasens tjekliste er gennemført – Tjeklisten følger." in gate.details
    assert any(line.startswith("Næste gate ") for line in gate.details)


def test_the_story_tells_the_proposals_decisions_and_pause_before_resume(
    start_task, executive, director, settings
):
    task = start_task()
    forum = executive
    services.decision_record(
        kind=Kind.PAUSE, forum=forum, task=task, rationale="Pause.", by=director
    )
    services.decision_record(
        kind=Kind.RESUME, forum=forum, task=task, rationale="Videre.", by=director
    )

    titles = [event.title for event in decisions_in(task, director)]

    assert titles == ["Prioriteret og igangsat", "Sat på pause", "Genoptaget"]


def test_a_reader_who_may_not_see_decisions_is_told_none(start_task, personas):
    task = start_task()
    assert decisions_in(task, personas[roles.BORGER]) == []
