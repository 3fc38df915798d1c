"""Trials in a task's story: started on their first day, concluded with their result."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.evidence.models import LearningCard
from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask


def trials_in(task, reader, today=None):
    task = InnovationTask.objects.get(pk=task.pk)  # as a request reads it
    return [
        event
        for event in timeline.story(task, viewer=reader, today=today)
        if event.source == "trials"
    ]


def test_a_trial_is_told_from_its_first_day_not_before(task, make_experiment, personas):
    starts = date(2026, 3, 1)
    experiment = make_experiment(task, starts_on=starts, ends_on=date(2026, 5, 1))
    reader = personas[roles.DIREKTION]

    assert trials_in(task, reader, today=starts - timedelta(days=1)) == []
    [started] = trials_in(task, reader, today=starts)

    assert started.on == starts
    assert started.title == "Prøvehandling startet: Træning før hjælp"
    assert started.url == reverse("evidence:experiment-detail", args=[experiment.pk])


def test_a_trial_is_told_concluded_with_its_result_once_its_learning_card_is_written(
    task, make_experiment, measure, conclude, personas
):
    experiment = measure(make_experiment(task), [31, 33, 32])
    reader = personas[roles.DIREKTION]
    assert [event.title for event in trials_in(task, reader)] == [
        "Prøvehandling startet: Træning før hjælp"
    ]

    conclude(experiment)
    concluded = trials_in(task, reader)[-1]

    assert concluded.title == "Prøvehandling afsluttet: Træning før hjælp"
    assert concluded.on == timezone.localdate()
    assert concluded.details == (
        "Evidensniveau 2, kriteriet opfyldt",
        "Go: prøvehandlingen opfyldte sit succeskriterium",
    )
    assert concluded.url == reverse("evidence:experiment-detail", args=[experiment.pk])


def test_the_story_is_dated_by_the_day_the_card_was_written(
    task, make_experiment, measure, conclude, personas
):
    experiment = measure(make_experiment(task), [31, 33])
    card = conclude(experiment)
    written = timezone.now() - timedelta(days=40)
    LearningCard.objects.filter(pk=card.pk).update(created_at=written)
    [_started, concluded] = trials_in(task, personas[roles.DIREKTION])
    assert concluded.on == timezone.localdate(written)


def test_a_citizen_is_told_no_trials(task, make_experiment, personas):
    make_experiment(task, starts_on=date(2026, 1, 1))
    assert trials_in(task, personas[roles.BORGER]) == []
