"""The trials in a task's story: each started on its first day, and concluded with its result
on the day its learning card was written (portfolio/timeline.py).

No query of its own: the trials are read once for the task page (queries.experiments_of).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask

from . import queries
from .models import Experiment


def _result(experiment: Experiment) -> tuple[str, ...]:
    card = experiment.learning_card
    level = _("Evidence level %(level)s") % {"level": card.evidence_level}
    if card.criterion_met is True:
        level = _("%(level)s, criterion met") % {"level": level}
    elif card.criterion_met is False:
        level = _("%(level)s, criterion not met") % {"level": level}
    return (level, card.get_advice_display())


def _events(task: InnovationTask, viewer) -> list[timeline.Event]:
    if not viewer.has_perm("evidence.view_experiment", task):
        return []
    events = []
    for experiment in reversed(queries.experiments_of(task)):
        url = reverse("evidence:experiment-detail", args=[experiment.pk])
        events.append(
            timeline.Event(
                on=experiment.starts_on,
                title=_("Trial started: %(title)s") % {"title": experiment.title},
                url=url,
                details=(experiment.get_design_display(),),
                rank=timeline.RANK_TRIAL_STARTED,
            )
        )
        if experiment.is_concluded:
            events.append(
                timeline.Event(
                    on=timezone.localdate(experiment.learning_card.created_at),
                    title=_("Trial concluded: %(title)s") % {"title": experiment.title},
                    url=url,
                    details=_result(experiment),
                    rank=timeline.RANK_TRIAL_CONCLUDED,
                )
            )
    return events


SOURCE = timeline.EventSource(key="trials", events=_events)
