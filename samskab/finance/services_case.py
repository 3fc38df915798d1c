"""Writes of a task's business case: versions that are never lost, and only the newest edited.

A new version copies the newest version's lines; from then on the earlier one is frozen.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.benefits.models import BenefitAgreement, BenefitKind, BenefitTarget, ChainLevel
from samskab.portfolio.models import InnovationTask

from .calculations import to_ore
from .models import BusinessCase, BusinessCaseLine

LOW_SHARE = Decimal("0.8")
HIGH_SHARE = Decimal("1.2")


@dataclass(frozen=True)
class LineFigures:
    """One row of the edit form: a kind's figures for a year."""

    kind: str
    year: int
    low: Decimal
    expected: Decimal
    high: Decimal


def _lock(task: InnovationTask) -> None:
    InnovationTask.objects.select_for_update().filter(pk=task.pk).first()


def _newest(task: InnovationTask) -> BusinessCase | None:
    return BusinessCase.objects.filter(task=task).order_by("-version").first()


def _refuse_unless_newest(case: BusinessCase) -> None:
    newest = _newest(case.task)
    if newest is None or newest.pk != case.pk:
        raise ValidationError(
            _("Version %(n)s is frozen: only the newest version of a business case is edited.")
            % {"n": case.version}
        )


@transaction.atomic
def business_case_new_version(*, task: InnovationTask, by) -> BusinessCase:
    """Version N+1 of the task's business case, with a copy of version N's lines.

    The first version starts empty, at the municipality's discount rate and this year.
    """
    _lock(task)
    newest = _newest(task)
    if newest is None:
        case = BusinessCase(
            task=task,
            version=1,
            discount_rate=settings.SAMSKAB_DISCOUNT_RATE,
            first_year=timezone.localdate().year,
            created_by=by,
        )
        case.full_clean()
        case.save()
        return case
    case = BusinessCase(
        task=task,
        version=newest.version + 1,
        discount_rate=newest.discount_rate,
        first_year=newest.first_year,
        agreement=newest.agreement,
        note=newest.note,
        created_by=by,
    )
    case.full_clean()
    case.save()
    BusinessCaseLine.objects.bulk_create(
        BusinessCaseLine(
            case=case,
            kind=line.kind,
            year=line.year,
            low=line.low,
            expected=line.expected,
            high=line.high,
        )
        for line in newest.lines.all()
    )
    return case


@transaction.atomic
def business_case_update(
    *,
    case: BusinessCase,
    discount_rate: Decimal,
    first_year: int,
    note: str,
    lines: Iterable[LineFigures],
    by,
) -> BusinessCase:
    """The newest version's terms and lines; its lines are replaced by ``lines``."""
    _lock(case.task)
    _refuse_unless_newest(case)
    lines = list(lines)
    keys = [(line.kind, line.year) for line in lines]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("Give each kind's figures for a year once."))
    case.discount_rate = discount_rate
    case.first_year = first_year
    case.note = note
    case.full_clean()
    case.save(update_fields=["discount_rate", "first_year", "note", "updated_at"])
    rows = [
        BusinessCaseLine(
            case=case,
            kind=line.kind,
            year=line.year,
            low=line.low,
            expected=line.expected,
            high=line.high,
        )
        for line in lines
    ]
    for row in rows:
        row.full_clean(exclude=["case"])
    case.lines.all().delete()
    BusinessCaseLine.objects.bulk_create(rows)
    return case


def signed_agreement_gains(agreement: BenefitAgreement) -> dict[int, Decimal]:
    """The expected economic gains per year of an agreement's lines at the benefit level.

    The benefit lines have no mark of whether a gain is budget-effective, so every gain
    counts as budget-effective.
    """
    totals: dict[int, Decimal] = defaultdict(Decimal)
    targets = BenefitTarget.objects.filter(
        line__agreement=agreement,
        line__kind=BenefitKind.ECONOMIC,
        line__level=ChainLevel.BENEFIT,
    ).values_list("year", "value")
    for year, value in targets:
        totals[year] += value
    return dict(totals)


@transaction.atomic
def business_case_prefill(*, case: BusinessCase, by) -> BusinessCase:
    """The budget-effective gains of the newest version from the task's signed agreement.

    Each year's expected gain is the agreement's economic benefit targets of that year;
    low is 80 % and high 120 % of it. The case's other lines stay as they are.
    """
    _lock(case.task)
    _refuse_unless_newest(case)
    agreement = BenefitAgreement.objects.filter(
        task=case.task, status=BenefitAgreement.Status.SIGNED
    ).first()
    if agreement is None:
        raise ValidationError(_("The task has no signed benefit agreement to take the gains from."))
    gains = signed_agreement_gains(agreement)
    if not gains:
        raise ValidationError(
            _("The signed agreement has no economic gains at the benefit level with targets.")
        )
    case.agreement = agreement
    case.full_clean()
    case.save(update_fields=["agreement", "updated_at"])
    case.lines.filter(kind=BusinessCaseLine.Kind.GAIN_BUDGET, year__in=list(gains)).delete()
    rows = [
        BusinessCaseLine(
            case=case,
            kind=BusinessCaseLine.Kind.GAIN_BUDGET,
            year=year,
            low=to_ore(value * LOW_SHARE),
            expected=value,
            high=to_ore(value * HIGH_SHARE),
        )
        for year, value in sorted(gains.items())
    ]
    for row in rows:
        row.full_clean(exclude=["case"])
    BusinessCaseLine.objects.bulk_create(rows)
    return case
