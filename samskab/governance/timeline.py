"""The decisions in a task's story: its start, each gate and what it went despite, pauses,
resumes, recalibrations, recommendations, and how it ended (portfolio/timeline.py).

One query, whatever the number of decisions: the task's own and its proposal's.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask

from .models import Decision

Kind = Decision.Kind
RATIONALE_WORDS = 30  # the decision's page has it whole
SHOWN = (
    "kind",
    "decided_on",
    "from_phase",
    "to_phase",
    "despite_keys",
    "despite",
    "next_gate_on",
    "political_reference",
    "rationale",
    "forum__name",
)

TITLES = {
    Kind.START: pgettext_lazy("task story", "Prioritised and started"),
    Kind.REJECT: pgettext_lazy("task story", "Not started"),
    Kind.GATE_STOP: pgettext_lazy("task story", "Stopped at the gate"),
    Kind.RECALIBRATE: pgettext_lazy("task story", "Recalibrated"),
    Kind.COMPLETE: pgettext_lazy("task story", "Completed"),
    Kind.PAUSE: pgettext_lazy("task story", "Paused"),
    Kind.RESUME: pgettext_lazy("task story", "Resumed"),
    Kind.WIP_OVERRIDE: pgettext_lazy("task story", "Allowed over the limit of active tasks"),
    Kind.RECOMMENDATION: pgettext_lazy("task story", "Recommendation"),
    Kind.CORRECTION: pgettext_lazy("task story", "A record corrected"),
}
RANKS = {
    Kind.WIP_OVERRIDE: timeline.RANK_START - 1,
    Kind.START: timeline.RANK_START,
}


def _title(decision: Decision) -> str:
    if decision.kind == Kind.GATE_GO:
        if decision.from_phase and decision.to_phase:
            return _("Gate passed: from phase %(from)s to %(to)s") % {
                "from": decision.from_phase,
                "to": decision.to_phase,
            }
        return _("Gate passed")
    return str(TITLES.get(decision.kind, decision.get_kind_display()))


def _details(decision: Decision) -> tuple[str, ...]:
    lines = [decision.forum.name]
    if decision.kind == Kind.START and decision.political_reference:
        lines.append(
            _("Political prioritisation: %(reference)s")
            % {"reference": decision.political_reference}
        )
    if waived := decision.waived_requirements:
        went = _("Went despite: %(requirements)s") % {"requirements": "; ".join(waived)}
        lines.append(f"{went} – {decision.despite}" if decision.despite else went)
    if decision.next_gate_on and decision.kind in (Kind.GATE_GO, Kind.RECALIBRATE):
        lines.append(_("Next gate %(date)s") % {"date": formats.date_format(decision.next_gate_on)})
    lines.append(Truncator(decision.rationale).words(RATIONALE_WORDS))
    return tuple(lines)


def _events(task: InnovationTask, viewer) -> list[timeline.Event]:
    if not viewer.has_perm("governance.view_decisions"):
        return []
    of_task = Q(task=task)
    if task.proposal_id is not None:
        of_task |= Q(proposal_id=task.proposal_id)
    decisions = (
        Decision.objects.filter(of_task)
        .select_related("forum")
        .only(*SHOWN)
        .order_by("decided_on", "recorded_at", "pk")
    )
    return [
        timeline.Event(
            on=decision.decided_on,
            title=_title(decision),
            url=reverse("governance:decision-detail", args=[decision.pk]),
            details=_details(decision),
            rank=RANKS.get(decision.kind, timeline.RANK_DECISION),
        )
        for decision in decisions
    ]


SOURCE = timeline.EventSource(key="decisions", events=_events)
