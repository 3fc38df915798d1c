"""The benefits in a task's story: each version of the agreement signed (a revision with its
reason), and what was realised, one event per period (portfolio/timeline.py).

One query of its own, whatever the number of realisations; the agreements are read once
for the task page (queries.agreements_of).
"""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from samskab.core import formatting
from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask

from . import queries
from .models import KRONER_UNITS, BenefitRealisation


def _agreements(task: InnovationTask) -> list[timeline.Event]:
    events = []
    for agreement in sorted(queries.agreements_of(task), key=lambda a: a.version):
        if agreement.signed_on is None:
            continue
        details = (_("Signed by %(name)s") % {"name": agreement.owner.name},)
        if agreement.version == 1:
            title = _("Benefit agreement signed")
        else:
            title = _("Benefit agreement revised: version %(version)s signed") % {
                "version": agreement.version
            }
            if agreement.revision_reason:
                details += (agreement.revision_reason,)
        events.append(
            timeline.Event(
                on=agreement.signed_on,
                title=title,
                url=reverse("benefits:agreement-detail", args=[agreement.pk]),
                details=details,
                rank=timeline.RANK_AGREEMENT,
            )
        )
    return events


def _realisations(task: InnovationTask) -> list[timeline.Event]:
    """One event per period, on its last day: what each line realised in it."""
    rows = (
        BenefitRealisation.objects.filter(line__agreement__task=task)
        .order_by("period_end", "period_start", "line__position", "pk")
        .values_list("period_start", "period_end", "value", "line__kpi", "line__unit")
    )
    periods: dict[tuple, list[str]] = {}
    for start, end, value, kpi, unit in rows:
        if unit.strip().lower() in KRONER_UNITS:
            amount = formatting.kroner(value)
        else:
            amount = f"{formatting.number(value, decimals=2)}{formatting.NBSP}{unit}"
        periods.setdefault((start, end), []).append(f"{kpi}: {amount}")
    url = reverse("benefits:task-benefits", args=[task.pk])
    return [
        timeline.Event(
            on=end,
            title=_("Benefits realised, %(start)s–%(end)s")
            % {
                "start": formats.date_format(start, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(end, "SHORT_DATE_FORMAT"),
            },
            url=url,
            details=tuple(realised),
            rank=timeline.RANK_REALISED,
        )
        for (start, end), realised in periods.items()
    ]


def _events(task: InnovationTask, viewer) -> list[timeline.Event]:
    if not viewer.has_perm("benefits.view_benefits", task):
        return []
    return _agreements(task) + _realisations(task)


SOURCE = timeline.EventSource(key="benefits", events=_events)
