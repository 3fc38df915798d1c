"""Entering phase 6 (implement) needs an approved scaling plan; the forum may go despite it."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.portfolio import gates
from samskab.portfolio.models import InnovationTask

from .models import ScalingPlan


def _approved_plan(task: InnovationTask) -> str | None:
    status = ScalingPlan.objects.filter(task=task).values_list("status", flat=True).first()
    if status == ScalingPlan.Status.APPROVED:
        return None
    if status == ScalingPlan.Status.DRAFT:
        return _("The scaling plan is drafted but not approved.")
    return _("The task has no scaling plan.")


APPROVED_PLAN = gates.Requirement(
    key="scaling-plan",
    label=gettext_lazy("An approved scaling plan"),
    question=gettext_lazy("Is a plan for scaling across the whole area approved?"),
    check=_approved_plan,
    entering=frozenset({6}),
    overridable=True,
)


def register() -> None:
    gates.register(APPROVED_PLAN)
