"""Reads of trials shared by the task page (panel and story) and the experiment pages."""

from django.db.models import Prefetch, prefetch_related_objects

from samskab.portfolio.models import InnovationTask

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

