"""Reads of business cases and of the gains taken home in the areas' budgets."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractYear

from samskab.benefits.models import BenefitKind, BenefitRealisation
from samskab.portfolio.models import InnovationTask

from . import calculations
from .calculations import ESTIMATES, ZERO
from .models import BusinessCase, BusinessCaseLine

KINDS = [kind for kind, _label in BusinessCaseLine.Kind.choices]


def case_versions(task: InnovationTask) -> list[BusinessCase]:
    """Every version of the task's business case, newest first (one query)."""
    return list(
        BusinessCase.objects.filter(task=task)
        .select_related("created_by__person")
        .order_by("-version")
    )


def case_of(task: InnovationTask, version: int | None = None) -> BusinessCase | None:
    """A version of the task's business case (the newest without ``version``), with its lines."""
    cases = BusinessCase.objects.filter(task=task).select_related("agreement")
    if version is not None:
        cases = cases.filter(version=version)
    return cases.prefetch_related("lines").order_by("-version").first()


@dataclass
class Figure:
    low: Decimal
    expected: Decimal
    high: Decimal


@dataclass
class YearRow:
    year: int
    figures: dict[str, Figure]  # per kind, and "net"

    def cells(self) -> list[Figure]:
        return [self.figures[kind] for kind in [*KINDS, "net"]]


@dataclass
class CaseFigures:
    rows: list[YearRow]
    totals: YearRow
    npv: dict[str, Decimal]  # per scenario
    payback: Decimal | None


def case_figures(case: BusinessCase) -> CaseFigures:
    """The case's table per year with low, expected and high, its NPV per scenario and payback."""
    years = calculations.case_years(case)
    flows = {estimate: calculations.case_flows(case, estimate) for estimate in ESTIMATES}
    nets = {estimate: calculations.net_flows(**flows[estimate]) for estimate in ESTIMATES}
    rows = []
    for index, year in enumerate(years):
        figures = {}
        for kind in KINDS:
            # A cost's low scenario is its high estimate: take the figures as entered.
            by_column = {
                column: flows[
                    calculations.COST_ESTIMATE_OF[column]
                    if kind in BusinessCaseLine.COSTS
                    else column
                ][kind][index]
                for column in ESTIMATES
            }
            figures[kind] = Figure(**by_column)
        figures["net"] = Figure(**{estimate: nets[estimate][index] for estimate in ESTIMATES})
        rows.append(YearRow(year=year, figures=figures))
    totals = YearRow(
        year=0,
        figures={
            key: Figure(
                **{
                    column: sum((getattr(row.figures[key], column) for row in rows), ZERO)
                    for column in ESTIMATES
                }
            )
            for key in [*KINDS, "net"]
        },
    )
    npv = {
        estimate: calculations.net_present_value(nets[estimate], case.discount_rate)
        for estimate in ESTIMATES
    }
    return CaseFigures(rows=rows, totals=totals, npv=npv, payback=calculations.payback_years(case))


@dataclass
class TakenHome:
    area_id: int
    area: str
    from_year: int
    amount: Decimal
    reduction: Decimal  # all taken home by this year: the area's budget is this much lower


def taken_home(task: InnovationTask | None = None) -> list[TakenHome]:
    """Gains taken home per owning area and year they reduce the budget from, in one query.

    A gain realised in a period is taken out of the area's budget from the year after the
    period ends, and every year on; ``reduction`` sums what is taken home by that year.
    """
    realisations = BenefitRealisation.objects.filter(
        taken_home=True, line__kind=BenefitKind.ECONOMIC
    )
    if task is not None:
        realisations = realisations.filter(line__agreement__task=task)
    rows = (
        realisations.annotate(end_year=ExtractYear("period_end"))
        .values(
            "line__agreement__task__owning_area_id",
            "line__agreement__task__owning_area__name",
            "end_year",
        )
        .annotate(total=Sum("value"))
        .order_by("line__agreement__task__owning_area__name", "end_year")
    )
    result: list[TakenHome] = []
    running: dict[int, Decimal] = {}
    for row in rows:
        area_id = row["line__agreement__task__owning_area_id"]
        running[area_id] = running.get(area_id, ZERO) + row["total"]
        result.append(
            TakenHome(
                area_id=area_id,
                area=row["line__agreement__task__owning_area__name"],
                from_year=row["end_year"] + 1,
                amount=row["total"],
                reduction=running[area_id],
            )
        )
    return result
