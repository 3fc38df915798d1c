"""Rule 6: entering phase 5 (scale) or 6 (implement) needs a signed benefit agreement."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.portfolio import gates
from samskab.portfolio.models import InnovationTask

from .models import BenefitAgreement


def _signed_agreement(task: InnovationTask) -> str | None:
    if task.benefit_agreements.filter(status=BenefitAgreement.Status.SIGNED).exists():
        return None
    if task.benefit_agreements.filter(status=BenefitAgreement.Status.DRAFT).exists():
        return _("The benefit agreement is drafted but not signed by the area's manager.")
    return _("The task has no benefit agreement.")


SIGNED_AGREEMENT = gates.Requirement(
    key="benefit-agreement",
    label=gettext_lazy("A signed benefit agreement"),
    question=gettext_lazy("Has the area's manager signed a benefit agreement?"),
    check=_signed_agreement,
    entering=frozenset({5, 6}),
)


def register() -> None:
    gates.register(SIGNED_AGREEMENT)
