"""Reads of trials shared by the task page (panel, story, effects) and the experiment pages."""

from django.db.models import Prefetch, prefetch_related_objects

from samskab.portfolio.models import InnovationTask

from .effects import Effect, effect_of
from .models import Experiment, Measurement


def experiments_of(task: InnovationTask) -> list[Experiment]:
    """The task's trials with their learning cards, newest first.

    Read once per task object: the task page's panel, its story and its effects share
    the one query (a second prefetch of the same relation reads nothing).
    """
    prefetch_related_objects(
        [task],
        Prefetch(
            "experiments",
            queryset=Experiment.objects.select_related("learning_card", "repeats").order_by(
                "-starts_on", "-pk"
            ),
        ),
    )
    return list(task.experiments.all())


def measurements_of(experiment: Experiment) -> list[Measurement]:
    return list(
        experiment.measurements.select_related("recorded_by__person").order_by(
            "measured_on", "group", "pk"
        )
    )


def concluded_effects(task: InnovationTask) -> list[tuple[Experiment, Effect]]:
    """Each concluded trial of the task, oldest first, with its effect in figures.

    Two queries at most, whatever the number of trials and measurements: the trials
    (shared with the panel) and the measurements of the concluded ones. A concluded
    trial takes no more measurements, so its effect is the one it was concluded on.
    """
    concluded = [e for e in reversed(experiments_of(task)) if e.is_concluded]
    if not concluded:
        return []
    by_experiment: dict[int, list[Measurement]] = {e.pk: [] for e in concluded}
    rows = Measurement.objects.filter(experiment__in=concluded).order_by(
        "measured_on", "group", "pk"
    )
    for measurement in rows:
        by_experiment[measurement.experiment_id].append(measurement)
    return [(e, effect_of(e, by_experiment[e.pk])) for e in concluded]
