"""Reads of trials shared by the task page's panel and the experiment pages."""

from django.db.models import QuerySet

from samskab.portfolio.models import InnovationTask

from .models import Experiment, Measurement


def experiments_of(task: InnovationTask) -> QuerySet[Experiment]:
    """The task's trials with their learning cards, in one query."""
    return (
        Experiment.objects.filter(task=task)
        .select_related("learning_card")
        .order_by("-starts_on", "-pk")
    )


def measurements_of(experiment: Experiment) -> list[Measurement]:
    return list(
        experiment.measurements.select_related("recorded_by__person").order_by(
            "measured_on", "group", "pk"
        )
    )
