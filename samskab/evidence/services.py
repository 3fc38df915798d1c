"""Every write of the evidence app, with its rules (DESIGN rules 6 and 7).

An experiment belongs to an open task; a concluded experiment (one with a
learning card) takes no more measurements and no changes to its card, so that
the evidence a gate decision rested on stays as it was. After every change the
experiment's evidence level and criterion are recomputed and kept on it.
"""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.core import freshness
from samskab.portfolio import closure
from samskab.portfolio.models import InnovationTask

from .effects import Effect, effect_of
from .models import Experiment, LearningCard, Measurement


def _refuse_if_closed(task: InnovationTask) -> None:
    if task.is_closed:
        raise ValidationError(_("The task is closed; its trials can no longer change."))


def _refuse_if_concluded(experiment: Experiment) -> None:
    if experiment.pk and LearningCard.objects.filter(experiment_id=experiment.pk).exists():
        raise ValidationError(
            _("The trial is concluded with a learning card; it can no longer change.")
        )


def experiment_effect(experiment: Experiment) -> Effect:
    return effect_of(experiment, experiment.measurements.all())


def experiment_refresh(experiment: Experiment) -> Effect:
    """Recompute the evidence level and the criterion kept on the experiment."""
    effect = experiment_effect(experiment)
    if (experiment.evidence_level, experiment.criterion_met) != (
        effect.level,
        effect.criterion_met,
    ):
        experiment.evidence_level = effect.level
        experiment.criterion_met = effect.criterion_met
        experiment.save(update_fields=["evidence_level", "criterion_met", "updated_at"])
    return effect


@transaction.atomic
def experiment_save(*, experiment: Experiment, by: User) -> Experiment:
    """Create or change an experiment card."""
    _refuse_if_closed(experiment.task)
    _refuse_if_concluded(experiment)
    if experiment.repeats_id and experiment.repeats_id == experiment.pk:
        raise ValidationError({"repeats": _("A trial cannot repeat itself.")})
    if (
        experiment.pk
        and not experiment.has_comparison
        and experiment.measurements.filter(group=Measurement.Group.COMPARISON).exists()
    ):
        raise ValidationError(
            {
                "design": _(
                    "The trial has measurements of a comparison group; keep a design with one."
                )
            }
        )
    if experiment.pk is None:
        experiment.created_by = by
    experiment.full_clean()
    experiment.save()
    experiment_refresh(experiment)
    return experiment


def _check_measurement(experiment: Experiment, measurement: Measurement) -> None:
    if measurement.group == Measurement.Group.COMPARISON and not experiment.has_comparison:
        raise ValidationError(
            {"group": _("The trial's design has no comparison group; record the trial group.")}
        )


@transaction.atomic
def measurement_add(*, experiment: Experiment, measurement: Measurement, by: User) -> Measurement:
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    _refuse_if_closed(experiment.task)
    _refuse_if_concluded(experiment)
    measurement.experiment = experiment
    measurement.recorded_by = by
    _check_measurement(experiment, measurement)
    measurement.full_clean()
    measurement.save()
    experiment_refresh(experiment)
    return measurement


def _locked_experiment_of(measurement: Measurement) -> Experiment:
    experiment = (
        Experiment.objects.select_for_update(of=("self",))
        .select_related("task")
        .get(pk=measurement.experiment_id)
    )
    _refuse_if_closed(experiment.task)
    if LearningCard.objects.filter(experiment_id=experiment.pk).exists():
        raise ValidationError(
            _(
                "The trial is concluded with a learning card; its measurements are kept as "
                "they were and can no longer be corrected or deleted."
            )
        )
    return experiment


@transaction.atomic
def measurement_change(*, measurement: Measurement, by: User) -> Measurement:
    """Correct a measurement entered by mistake, while its trial is running."""
    experiment = _locked_experiment_of(measurement)
    measurement.experiment = experiment
    measurement.recorded_by = by
    measurement.recorded_at = timezone.now()
    _check_measurement(experiment, measurement)
    measurement.full_clean()
    measurement.save()
    experiment_refresh(experiment)
    return measurement


@transaction.atomic
def measurement_delete(*, measurement: Measurement, by: User) -> Experiment:
    """Delete a measurement entered by mistake, while its trial is running."""
    experiment = _locked_experiment_of(measurement)
    measurement.delete()
    experiment_refresh(experiment)
    return experiment


@transaction.atomic
def measurements_import(
    *, experiment: Experiment, measurements: Sequence[Measurement], by: User
) -> int:
    """Add every row of an import, or none: rows are checked before anything is written."""
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    _refuse_if_closed(experiment.task)
    _refuse_if_concluded(experiment)
    if not measurements:
        raise ValidationError(_("The file has no measurements."))
    for measurement in measurements:
        measurement.experiment = experiment
        measurement.recorded_by = by
        _check_measurement(experiment, measurement)
        measurement.full_clean()
    Measurement.objects.bulk_create(measurements)
    freshness.touch("evidence")
    experiment_refresh(experiment)
    return len(measurements)


@transaction.atomic
def learning_card_save(*, experiment: Experiment, card: LearningCard, by: User) -> LearningCard:
    """Conclude the experiment: the card keeps the evidence and the advice as they stand now.

    A card can be rewritten (what we saw, learned and decide); its evidence stays the
    one it was concluded on, since a concluded experiment takes no more measurements.
    Then the task is flagged for closure if all its concluded trials missed (rule 7).
    """
    experiment = (
        Experiment.objects.select_for_update(of=("self",))
        .select_related("task", "repeats")
        .get(pk=experiment.pk)
    )
    _refuse_if_closed(experiment.task)
    effect = experiment_refresh(experiment)
    card.experiment = experiment
    if card.pk is None:
        card.concluded_by = by
        card.advice = effect.advice
        card.evidence_level = effect.level
        card.criterion_met = effect.criterion_met
        card.effect_documented = effect.documented
    card.full_clean()
    card.save()
    task_flag_if_no_value(task=experiment.task, by=by)
    return card


@transaction.atomic
def task_flag_if_no_value(*, task: InnovationTask, by: User | None = None) -> bool:
    """Rule 7: flag the task for closure when every trial concluded with an effect missed.

    The flag puts the task on the next direktion agenda; it stays until the unit or
    the board clears it (on the task's edit page) or the task is closed. When a later
    concluded trial meets its criterion, the flag this service raised is cleared again;
    a flag the unit typed is left alone. The flag is kept as a code with the missed
    trials' titles, and shown in the reader's language (portfolio/closure.py).
    """
    concluded = list(
        LearningCard.objects.filter(experiment__task=task, effect_documented=True)
        .select_related("experiment")
        .order_by("experiment__starts_on", "experiment__pk")
    )
    if not concluded:
        return False
    task = InnovationTask.objects.select_for_update().get(pk=task.pk)
    if task.is_closed:
        return False
    missed = [card.experiment.title for card in concluded if not card.criterion_met]
    if len(missed) < len(concluded):
        if task.closure_flag_code == closure.TRIALS_MISSED:
            _save_flag(task, "", {}, by)
        return False
    code, params = closure.trials_missed(missed)
    if (task.closure_flag_code, task.closure_flag_params) != (code, params):
        _save_flag(task, code, params, by)
    return True


def _save_flag(task: InnovationTask, code: str, params: dict, by: User | None) -> None:
    task.closure_flag_code, task.closure_flag_params = code, params
    task.closure_flag = ""  # the flag raised here takes the place of one typed before
    if by is not None:
        task._history_user = by
    task.save(
        update_fields=["closure_flag", "closure_flag_code", "closure_flag_params", "updated_at"]
    )
