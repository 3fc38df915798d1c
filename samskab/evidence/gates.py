"""The gate requirement of DESIGN rule 6 that trials answer: leaving phase 3 needs evidence."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.portfolio import gates
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.phases import PhaseNumber

from .models import LearningCard


def has_documented_effect(task: InnovationTask) -> bool:
    return LearningCard.objects.filter(experiment__task=task, effect_documented=True).exists()


def _concluded_with_effect(task: InnovationTask) -> str | None:
    if has_documented_effect(task):
        return None
    return _("No trial has been concluded with a learning card and a documented effect yet.")


REQUIREMENT_PHASE = PhaseNumber.DEVELOP

REQUIREMENT = gates.Requirement(
    key="evidence",
    label=gettext_lazy("A concluded trial with a documented effect"),
    question=gettext_lazy("Has a trial been concluded with a documented effect?"),
    check=_concluded_with_effect,
    leaving=frozenset({REQUIREMENT_PHASE}),
)


def register() -> None:
    gates.register(REQUIREMENT)
