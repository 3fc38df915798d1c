"""The meeting pack's "Evidence so far" section: each task's trials, their level and advice."""

from collections.abc import Mapping, Sequence

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy

from samskab.governance import briefs
from samskab.portfolio.models import InnovationTask, TaskProposal

from .models import Experiment

SHOWN = 5


def _prefetch(tasks: Sequence[InnovationTask], proposals: Sequence[TaskProposal]) -> None:
    if tasks:
        prefetch_related_objects(
            list(tasks),
            Prefetch(
                "experiments",
                queryset=Experiment.objects.select_related("learning_card").order_by(
                    "-starts_on", "-pk"
                ),
            ),
        )


def _render(subject) -> Mapping | None:
    if not isinstance(subject, InnovationTask):
        return None
    experiments = list(subject.experiments.all())
    if not experiments:
        return None
    return {
        "experiments": experiments[:SHOWN],
        "more": max(0, len(experiments) - SHOWN),
        "best": max(experiment.evidence_level for experiment in experiments),
    }


def register() -> None:
    """Take the place of governance's placeholder, with the same label and position."""
    briefs.register(
        briefs.Section(
            "evidence",
            gettext_lazy("Evidence so far"),
            60,
            render=_render,
            template="evidence/briefs/evidence.html",
            prefetch=_prefetch,
        )
    )
