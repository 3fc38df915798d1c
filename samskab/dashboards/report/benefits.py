"""The benefits expected in the period by the signed agreements, against those realised."""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from samskab.benefits.models import BenefitKind, BenefitRealisation, BenefitTarget, ChainLevel
from samskab.benefits.queries import AGREED, Row

from .period import Period

ZERO = Decimal("0")
CENT = Decimal("0.01")


@dataclass
class TaskBenefit:
    """What one task was expected to realise of one kind in the period, and realised."""

    task_id: int
    title: str
    area: str
    kind: str
    expected: Decimal = ZERO
    realised: Decimal = ZERO
    taken_home: Decimal = ZERO

    @property
    def kind_label(self) -> str:
        return BenefitKind(self.kind).label

    @property
    def label(self) -> str:
        return self.title

    @property
    def share(self) -> Decimal | None:
        return None if not self.expected else self.realised * 100 / self.expected


@dataclass
class BenefitsSection:
    by_task: list[TaskBenefit]

    @property
    def by_kind(self) -> list[Row]:
        rows = {kind: Row(kind, label) for kind, label in BenefitKind.choices}
        for item in self.by_task:
            row = rows[item.kind]
            row.expected += item.expected
            row.realised += item.realised
            row.taken_home += item.taken_home
        return [row for row in rows.values() if row.expected or row.realised]

    @property
    def economic(self) -> list[TaskBenefit]:
        return [item for item in self.by_task if item.kind == BenefitKind.ECONOMIC]

    def total(self, kind: str = BenefitKind.ECONOMIC) -> Row | None:
        return next((row for row in self.by_kind if row.key == kind), None)


def share_of_year(period: Period, year: int) -> Decimal:
    """How much of ``year`` the period covers, as a fraction of the year's days."""
    first = max(period.start, date(year, 1, 1))
    last = min(period.end, date(year, 12, 31))
    if last < first:
        return ZERO
    return Decimal((last - first).days + 1) / Decimal(366 if calendar.isleap(year) else 365)


def benefits_section(period: Period) -> BenefitsSection:
    """Expected (pro rata) against realised, by task and kind (2 queries)."""
    task = "line__agreement__task"
    names = (task, f"{task}__title", f"{task}__owning_area__name", "line__kind")
    rows: dict[tuple[int, str], TaskBenefit] = {}

    def row(task_id, title, area, kind) -> TaskBenefit:
        return rows.setdefault((task_id, kind), TaskBenefit(task_id, title, area or "", kind))

    targets = (
        BenefitTarget.objects.filter(AGREED, year__gte=period.start.year, year__lte=period.end.year)
        .values_list(*names, "year")
        .annotate(total=Sum("value"))
        .order_by()
    )
    for task_id, title, area, kind, year, total in targets:
        row(task_id, title, area, kind).expected += (total or ZERO) * share_of_year(period, year)
    realised = (
        BenefitRealisation.objects.filter(
            line__level=ChainLevel.BENEFIT,
            period_end__gte=period.start,
            period_end__lte=period.end,
        )
        .values_list(*names)
        .annotate(
            total=Sum("value"),
            taken=Coalesce(Sum("value", filter=Q(taken_home=True)), ZERO),
        )
        .order_by()
    )
    for task_id, title, area, kind, total, taken in realised:
        item = row(task_id, title, area, kind)
        item.realised += total or ZERO
        item.taken_home += taken or ZERO
    for item in rows.values():
        # Whole kroner: a pro rata share of a yearly target has no meaningful øre.
        whole = Decimal(1) if item.kind == BenefitKind.ECONOMIC else CENT
        item.expected = item.expected.quantize(whole, rounding=ROUND_HALF_UP)
    order = list(BenefitKind.values)
    return BenefitsSection(
        by_task=sorted(
            rows.values(),
            key=lambda r: (order.index(r.kind), -r.expected, r.title.lower(), r.task_id),
        )
    )
