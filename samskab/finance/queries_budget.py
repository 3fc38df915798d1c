"""Reads of the unit's budget, the funding sources and the fund applications.

A budget balances against its sources: the sum of the lines per category, per source and in
all is the same total, computed here once from the lines in memory (``summarise``).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, Prefetch

from .models import Application, BudgetLine, BudgetVersion, FundingSource, GrantReport

ZERO = Decimal("0.00")
OPEN = (Application.Status.IDEA, Application.Status.DRAFTING)


@dataclass
class Sum:
    """Granted, committed and spent of a group of lines."""

    key: str = ""
    label: str = ""
    granted: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO
    lines: list = field(default_factory=list)

    def add(self, line: BudgetLine) -> None:
        self.granted += line.granted
        self.committed += line.committed
        self.spent += line.spent
        self.lines.append(line)

    @property
    def remaining(self) -> Decimal:
        """Granted, less what is committed and spent."""
        return self.granted - self.committed - self.spent


@dataclass
class BudgetSummary:
    by_category: list[Sum]
    by_source: list[Sum]
    total: Sum


def summarise(lines: Iterable[BudgetLine]) -> BudgetSummary:
    """The lines' sums per category (in the categories' order), per source (by name) and in all."""
    categories: dict[str, Sum] = {}
    sources: dict[int, Sum] = {}
    total = Sum()
    for line in lines:
        if line.category not in categories:
            categories[line.category] = Sum(line.category, line.get_category_display())
        categories[line.category].add(line)
        if line.source_id not in sources:
            sources[line.source_id] = Sum(str(line.source_id), str(line.source))
        sources[line.source_id].add(line)
        total.add(line)
    order = {key: index for index, key in enumerate(BudgetLine.Category.values)}
    return BudgetSummary(
        by_category=sorted(categories.values(), key=lambda row: order.get(row.key, 99)),
        by_source=sorted(sources.values(), key=lambda row: row.label),
        total=total,
    )


def budget_years() -> list[int]:
    return list(BudgetVersion.objects.values_list("year", flat=True).distinct().order_by("-year"))


def budget_versions(year: int) -> list[BudgetVersion]:
    """Every version of the year's budget, newest first."""
    return list(
        BudgetVersion.objects.filter(year=year)
        .select_related("approved_by", "created_by")
        .order_by("-version")
    )


def shown_version(versions: list[BudgetVersion], number: int | None) -> BudgetVersion | None:
    """The version asked for, else the approved one, else the newest."""
    if number is not None:
        return next((version for version in versions if version.version == number), None)
    approved = [version for version in versions if version.status == BudgetVersion.Status.APPROVED]
    return approved[0] if approved else (versions[0] if versions else None)


def budget_lines(version: BudgetVersion) -> list[BudgetLine]:
    """The version's lines with their source, each with ``remaining`` (granted less committed
    and spent)."""
    return list(
        version.lines.select_related("source")
        .annotate(remaining=F("granted") - F("committed") - F("spent"))
        .order_by("category", "pk")
    )


def sources():
    return FundingSource.objects.select_related("organisation").annotate(
        application_count=Count("applications")
    )


def applications():
    return Application.objects.select_related("source", "task", "responsible").order_by(
        "deadline", "pk"
    )


def applications_by_status() -> list[tuple[str, str, list[Application]]]:
    """The pipeline: each status with its applications, in the statuses' order."""
    groups: dict[str, list[Application]] = {status: [] for status in Application.Status.values}
    for application in applications():
        groups[application.status].append(application)
    return [(status, label, groups[status]) for status, label in Application.Status.choices]


def application_detail(pk: int) -> Application:
    return (
        Application.objects.select_related("source", "task", "responsible")
        .prefetch_related(
            Prefetch("reports", queryset=GrantReport.objects.order_by("due_on", "pk")),
            "fundings",
        )
        .get(pk=pk)
    )


def deadlines_within(*, today: date, days: int = 30):
    """Applications not yet submitted whose deadline falls within ``days`` from ``today``."""
    return applications().filter(
        status__in=OPEN, deadline__gte=today, deadline__lte=today + timedelta(days=days)
    )
