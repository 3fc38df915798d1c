"""The board's card shows the best evidence of the concluded trials, and a trial that missed."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.evidence.models import Experiment
from samskab.portfolio import cards

MET = [35, 36]  # 20 → 35.5: the criterion (+10) is met; level 2
MISSED = [21, 22]  # 20 → 21.5: better, but not the +10 hoped for; level 2
WORSE = [10, 12]  # worse than the baseline; level 1


def evidence_signals(task) -> list[str]:
    shown = cards.signals_for([task], today=timezone.localdate())[task.pk]
    return [s.text for s in shown if s.key == "evidence"]


def test_the_level_is_the_best_of_the_concluded_trials_only(
    task, make_experiment, measure, conclude
):
    concluded = measure(make_experiment(task, "Træning før hjælp"), MET)
    conclude(concluded)
    weaker = measure(make_experiment(task, "Træning i grupper"), WORSE)
    conclude(weaker)
    running = measure(make_experiment(task, "Træning med skærm"), MET)
    # A running trial may already show more; it does not count until it is concluded.
    Experiment.objects.filter(pk=running.pk).update(evidence_level=4)
    assert evidence_signals(task)[0] == "Evidensniveau 2"


def test_a_task_in_phase_three_without_a_concluded_trial_says_so(
    make_task, make_experiment, measure
):
    developing = make_task("Træn dig fri", phase=3)
    measure(make_experiment(developing), MET)  # running
    early = make_task("Synlig læring", phase=2)
    assert evidence_signals(developing) == ["Ingen afsluttet prøvehandling endnu"]
    assert evidence_signals(early) == []


def test_the_card_says_when_the_latest_trial_missed_its_criterion(
    task, make_experiment, measure, conclude
):
    first = measure(make_experiment(task, "Træning før hjælp", ends_on=date(2026, 3, 31)), MET)
    conclude(first)
    assert evidence_signals(task) == ["Evidensniveau 2"]

    later = measure(
        make_experiment(
            task, "Træning i grupper", starts_on=date(2026, 2, 1), ends_on=date(2026, 8, 31)
        ),
        MISSED,
    )
    conclude(later)
    assert evidence_signals(task) == [
        "Evidensniveau 2",
        "Seneste prøvehandling nåede ikke sit succeskriterium",
    ]
    shown = cards.signals_for([task])[task.pk]
    assert [s.detail for s in shown if s.key == "evidence"][1] == "Træning i grupper"


def test_a_missed_trial_followed_by_one_that_met_is_not_signalled(
    task, make_experiment, measure, conclude
):
    conclude(measure(make_experiment(task, "Første", ends_on=date(2026, 3, 31)), MISSED))
    conclude(
        measure(
            make_experiment(task, "Anden", starts_on=date(2026, 4, 1), ends_on=date(2026, 8, 31)),
            MET,
        )
    )
    assert evidence_signals(task) == ["Evidensniveau 2"]


def test_the_board_shows_the_evidence_level(
    client, personas, task, make_experiment, measure, conclude
):
    conclude(measure(make_experiment(task), MET))
    client.force_login(personas[roles.KOMMUNALBESTYRELSE])
    body = client.get(reverse("portfolio:board")).content.decode()
    assert "Evidensniveau 2" in body
