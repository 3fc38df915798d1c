"""Effects, evidence levels, the gate out of phase 3 and closure flagging (DESIGN rules 6, 7)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samskab.accounts import roles
from samskab.evidence import services
from samskab.evidence.models import Advice, Design, Direction, Measurement
from samskab.governance.models import Forum, Meeting
from samskab.governance.queries import agenda
from samskab.portfolio import gates
from samskab.portfolio.models import ExitCriterion
from samskab.portfolio.services import tasks as task_services


def tick_checklist(task, by):
    for criterion in ExitCriterion.objects.filter(phase=task.phase, active=True):
        task_services.exit_check_set(task=task, criterion=criterion, done=True, by=by)


def test_a_before_after_trial_documents_the_change_against_the_baseline(
    task, make_experiment, measure
):
    experiment = measure(make_experiment(task), [32, 35, 29, 34])
    effect = services.experiment_effect(experiment)
    assert effect.change == pytest.approx(12.5)
    assert effect.change_percent == pytest.approx(62.5)
    assert effect.change_interval is not None and effect.change_interval.excludes_zero
    assert effect.documented and effect.criterion_met
    assert experiment.evidence_level == 2  # data show a change; no comparison group
    assert effect.advice == Advice.GO


def test_a_lower_is_better_metric_counts_a_fall_as_improvement(task, make_experiment, measure):
    experiment = make_experiment(
        task,
        direction=Direction.LOWER,
        baseline=Decimal("40"),
        target_change=Decimal("5"),
        design=Design.COMPARISON,
    )
    measure(experiment, [31, 28, 35, 30, 27, 33, 29, 26])
    measure(experiment, [41, 38, 45, 36, 44], group=Measurement.Group.COMPARISON)
    effect = services.experiment_effect(experiment)
    assert effect.difference.estimate == pytest.approx(-10.925)
    assert effect.improvement == pytest.approx(10.925)
    assert effect.criterion_met is True
    assert experiment.evidence_level == 3


def test_a_difference_whose_interval_includes_zero_does_not_meet_the_criterion(
    task, make_experiment, measure
):
    experiment = make_experiment(task, design=Design.COMPARISON, target_change=Decimal("1"))
    measure(experiment, [30, 10, 50, 20])
    measure(experiment, [25, 15, 40, 22], group=Measurement.Group.COMPARISON)
    effect = services.experiment_effect(experiment)
    assert effect.improvement > 1
    assert not effect.difference.excludes_zero
    assert effect.criterion_met is False
    assert experiment.evidence_level == 2
    assert effect.advice == Advice.ADJUST


@pytest.mark.parametrize(
    ("design", "validation", "repeats_a_level_3", "level"),
    [
        (Design.COMPARISON, "", False, 3),
        (Design.RANDOMISED, "", False, 4),
        (Design.COMPARISON, "", True, 4),
        (Design.RANDOMISED, "independent", False, 5),
        (Design.COMPARISON, "at_scale", False, 3),  # level 5 needs level 4 first
    ],
)
def test_evidence_levels_build_on_each_other(
    task, make_experiment, measure, design, validation, repeats_a_level_3, level
):
    earlier = None
    if repeats_a_level_3:
        earlier = make_experiment(task, "Første runde", design=Design.COMPARISON)
        measure(earlier, [40, 42, 41])
        measure(earlier, [20, 22, 21], group=Measurement.Group.COMPARISON)
        assert earlier.evidence_level == 3
    experiment = make_experiment(task, design=design, validation=validation, repeats=earlier)
    measure(experiment, [40, 42, 41])
    measure(experiment, [20, 22, 21], group=Measurement.Group.COMPARISON)
    assert experiment.evidence_level == level


def test_a_trial_without_measurements_is_at_level_one_and_documents_nothing(task, make_experiment):
    experiment = make_experiment(task)
    effect = services.experiment_effect(experiment)
    assert (experiment.evidence_level, effect.documented, effect.criterion_met) == (1, False, None)


def test_leaving_phase_3_needs_a_concluded_trial_with_a_documented_effect(
    task, make_experiment, measure, conclude, personas
):
    staff = personas[roles.INNOVATIONSENHED]
    tick_checklist(task, staff)
    assert [u.requirement.key for u in gates.unmet(task)] == ["evidence"]
    with pytest.raises(ValidationError):
        task_services.task_pass_gate(task=task, by=personas[roles.DIREKTION])
    with pytest.raises(ValidationError):  # the forum cannot go despite it
        task_services.task_pass_gate(task=task, despite=["evidence"], by=personas[roles.DIREKTION])

    untested = make_experiment(task, "Uden målinger")
    conclude(untested)  # concluded, but nothing was measured: no documented effect
    assert [u.requirement.key for u in gates.unmet(task)] == ["evidence"]

    experiment = measure(make_experiment(task), [32, 35])
    assert [u.requirement.key for u in gates.unmet(task)] == ["evidence"]  # not concluded yet
    conclude(experiment)
    assert gates.unmet(task) == []
    task = task_services.task_pass_gate(task=task, by=personas[roles.DIREKTION])
    assert task.phase == 4


def test_the_requirement_only_guards_the_exit_of_phase_3(make_task):
    task = make_task(phase=2)
    assert "evidence" not in [u.requirement.key for u in gates.unmet(task)]


def test_a_concluded_trial_takes_no_more_measurements(task, make_experiment, measure, conclude):
    experiment = measure(make_experiment(task), [32, 35])
    conclude(experiment)
    with pytest.raises(ValidationError):
        measure(experiment, [50])
    assert experiment.measurements.count() == 2


def test_a_before_after_trial_has_no_comparison_group(task, make_experiment, measure):
    with pytest.raises(ValidationError) as error:
        measure(make_experiment(task), [12], group=Measurement.Group.COMPARISON)
    assert "group" in error.value.message_dict


def test_the_learning_card_keeps_the_evidence_it_was_concluded_on(
    task, make_experiment, measure, conclude
):
    experiment = measure(make_experiment(task), [32, 35])
    card = conclude(experiment)
    assert (card.advice, card.evidence_level, card.criterion_met, card.effect_documented) == (
        Advice.GO,
        2,
        True,
        True,
    )


def test_a_task_whose_concluded_trials_all_missed_is_flagged_and_goes_on_the_agenda(
    task, make_experiment, measure, conclude
):
    first = measure(make_experiment(task, "Første forsøg"), [21, 22])  # below the target
    conclude(first)
    task.refresh_from_db()
    assert "Første forsøg" in task.closure_reason
    assert "Overvej at lukke opgaven" in task.closure_reason  # in Danish, the default language

    meeting = Meeting.objects.create(
        forum=Forum.objects.get(kind=Forum.Kind.EXECUTIVE),
        starts_at=timezone.now() + timedelta(days=7),
    )
    closure = next(s for s in agenda(meeting).sections if s.key == "closure")
    assert [item.subject.pk for item in closure.items] == [task.pk]


def test_a_task_with_one_trial_that_met_its_criterion_is_not_flagged(
    task, make_experiment, measure, conclude
):
    conclude(measure(make_experiment(task, "Første forsøg"), [21, 22]))
    task.closure_flag_code, task.closure_flag_params = "", {}  # the unit cleared the flag
    task.save(update_fields=["closure_flag_code", "closure_flag_params"])
    conclude(measure(make_experiment(task, "Andet forsøg"), [35, 38]))
    task.refresh_from_db()
    assert task.closure_reason == ""


def test_trials_concluded_without_a_documented_effect_do_not_flag_the_task(
    task, make_experiment, conclude
):
    conclude(make_experiment(task))
    task.refresh_from_db()
    assert task.closure_reason == ""


def test_a_closed_task_takes_no_new_trials(task, make_experiment, personas):
    task_services.task_stop(task=task, worked="Noget.", by=personas[roles.DIREKTION])
    task.refresh_from_db()
    with pytest.raises(ValidationError):
        make_experiment(task)


def test_a_current_team_member_records_measurements_but_does_not_create_trials(
    task, make_experiment, personas
):
    from samskab.teams.models import TeamMembership

    employee = personas[roles.MEDARBEJDER]
    experiment = make_experiment(task)
    assert not employee.has_perm("evidence.record_measurement", experiment)
    membership = TeamMembership.objects.create(
        task=task, person=employee.person, role="specialist", allocation=20
    )
    assert employee.has_perm("evidence.record_measurement", experiment)
    assert not employee.has_perm("evidence.add_experiment", task)
    assert not employee.has_perm("evidence.conclude_experiment", experiment)
    membership.ends_on = timezone.localdate()
    membership.save()
    assert not employee.has_perm("evidence.record_measurement", experiment)
