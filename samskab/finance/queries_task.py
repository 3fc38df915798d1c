"""Reads of a task's economy: its funding, budget, expenses and the cost of the team's time.

The team's time costs, for each membership of the task, its allocation (%) of
``SAMSKAB_HOURS_PER_YEAR`` for the share of each year's days it lasted, at the hourly
rate of its role. A membership's ``ends_on`` is the day it ended (the person is no longer
on the team from that day), so its days run from ``starts_on`` up to the day before; an
open membership runs until ``until`` (today) inclusive. A role without a rate costs 0 and
is named, so that the page can say so.

Every read here runs a fixed number of queries, whatever the number of rows or tasks.
"""

import calendar
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum

from samskab.portfolio.models import InnovationTask
from samskab.teams.models import Role, TeamMembership

from .calculations import payback_years
from .models import BusinessCase, Expense, Funding, HourlyRate, TaskBudget

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


# The team's time -----------------------------------------------------------------------


@dataclass(frozen=True)
class TimeCost:
    """One membership's time in one year: its hours and what they cost."""

    membership: TeamMembership
    year: int
    days: int
    hours: Decimal
    rate: Decimal | None  # None: the role has no hourly rate
    cost: Decimal

    @property
    def role_label(self) -> str:
        return Role(self.membership.role).label if self.membership.role in Role.values else ""


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def rates_by_role() -> dict[str, Decimal]:
    """Every role's hourly rate (one query)."""
    return dict(HourlyRate.objects.values_list("role", "rate"))


def time_costs(
    memberships: Iterable[TeamMembership], rates: dict[str, Decimal], *, until: date
) -> list[TimeCost]:
    """The memberships' time split by year up to ``until`` (inclusive), each with its cost."""
    hours_per_year = Decimal(settings.SAMSKAB_HOURS_PER_YEAR)
    rows = []
    for membership in memberships:
        start = membership.starts_on
        stop = until + timedelta(days=1)  # the first day not counted
        if membership.ends_on is not None:
            stop = min(stop, membership.ends_on)
        if stop <= start:
            continue
        rate = rates.get(membership.role)
        for year in range(start.year, (stop - timedelta(days=1)).year + 1):
            first = max(start, date(year, 1, 1))
            after = min(stop, date(year + 1, 1, 1))
            days = (after - first).days
            hours = (
                Decimal(membership.allocation) / 100 * hours_per_year * days / days_in_year(year)
            ).quantize(CENT)
            cost = (hours * rate).quantize(CENT) if rate is not None else ZERO
            rows.append(TimeCost(membership, year, days, hours, rate, cost))
    return rows


def by_year(costs: Iterable[TimeCost]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in costs:
        totals[row.year] += row.cost
    return dict(totals)


# One task's economy --------------------------------------------------------------------


@dataclass(frozen=True)
class FundingRow:
    funding: Funding
    paid: Decimal  # the expenses paid from it

    @property
    def drawn(self) -> Decimal:
        """The expenses paid from the funding and the drawn amount recorded on it."""
        return self.paid + self.funding.drawn

    @property
    def remaining(self) -> Decimal:
        return self.funding.granted - self.drawn


@dataclass(frozen=True)
class YearRow:
    year: int
    budget: Decimal | None
    expenses: Decimal
    time: Decimal

    @property
    def actual(self) -> Decimal:
        return self.expenses + self.time

    @property
    def over(self) -> bool:
        return self.budget is not None and self.actual > self.budget

    @property
    def overrun(self) -> Decimal:
        return self.actual - (self.budget or ZERO)


@dataclass
class TaskEconomy:
    task: InnovationTask
    today: date
    fundings: list[FundingRow]
    budgets: list[TaskBudget]
    expenses: list[Expense]
    time: list[TimeCost]
    years: list[YearRow] = field(default_factory=list)

    @property
    def granted(self) -> Decimal:
        return sum((row.funding.granted for row in self.fundings), ZERO)

    @property
    def drawn(self) -> Decimal:
        return sum((row.drawn for row in self.fundings), ZERO)

    @property
    def expenses_total(self) -> Decimal:
        return sum((expense.amount for expense in self.expenses), ZERO)

    @property
    def time_total(self) -> Decimal:
        return sum((row.cost for row in self.time), ZERO)

    @property
    def cost_to_date(self) -> Decimal:
        spent = sum((e.amount for e in self.expenses if e.spent_on <= self.today), ZERO)
        return spent + self.time_total

    @property
    def over_budget(self) -> list[YearRow]:
        return [row for row in self.years if row.over]

    @property
    def roles_without_rate(self) -> list[str]:
        return sorted({row.role_label for row in self.time if row.rate is None})


def task_economy(task: InnovationTask, *, today: date) -> TaskEconomy:
    """The task's funding, budgets, expenses and time by year (five queries)."""
    fundings = [
        FundingRow(funding, funding.paid or ZERO)
        for funding in Funding.objects.filter(task=task)
        .select_related("source")
        .annotate(paid=Sum("expenses__amount"))
        .order_by("year", "pk")
    ]
    budgets = list(TaskBudget.objects.filter(task=task).order_by("year"))
    expenses = list(
        Expense.objects.filter(task=task)
        .select_related("funding__source")
        .order_by("-spent_on", "-pk")
    )
    memberships = TeamMembership.objects.filter(task=task).select_related("person")
    time = time_costs(memberships, rates_by_role(), until=today)
    economy = TaskEconomy(task, today, fundings, budgets, expenses, time)
    budget_of = {budget.year: budget.amount for budget in budgets}
    spent_in: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for expense in expenses:
        spent_in[expense.spent_on.year] += expense.amount
    time_in = by_year(time)
    years = sorted(set(budget_of) | set(spent_in) | set(time_in))
    economy.years = [
        YearRow(year, budget_of.get(year), spent_in.get(year, ZERO), time_in.get(year, ZERO))
        for year in years
    ]
    return economy


# Three figures for many tasks ----------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """A task's economy in three figures, for its page and a meeting brief."""

    cost_to_date: Decimal
    funding_secured: Decimal
    payback: Decimal | None  # years, from the latest business case
    has_case: bool

    @property
    def empty(self) -> bool:
        return not (self.cost_to_date or self.funding_secured or self.has_case)


def figures_for(tasks: Sequence[InnovationTask], *, today: date) -> dict[int, Figures]:
    """Each task's three figures, in six queries whatever the number of tasks."""
    ids = [task.pk for task in tasks]
    if not ids:
        return {}
    spent = dict(
        Expense.objects.filter(task_id__in=ids, spent_on__lte=today)
        .values("task_id")
        .annotate(total=Sum("amount"))
        .values_list("task_id", "total")
        .order_by()
    )
    granted = dict(
        Funding.objects.filter(task_id__in=ids)
        .values("task_id")
        .annotate(total=Sum("granted"))
        .values_list("task_id", "total")
        .order_by()
    )
    rates = rates_by_role()
    time: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for row in time_costs(TeamMembership.objects.filter(task_id__in=ids), rates, until=today):
        time[row.membership.task_id] += row.cost
    latest: dict[int, BusinessCase] = {}
    for case in (
        BusinessCase.objects.filter(task_id__in=ids)
        .order_by("task_id", "-version")
        .prefetch_related("lines")
    ):
        latest.setdefault(case.task_id, case)
    return {
        pk: Figures(
            cost_to_date=(spent.get(pk) or ZERO) + time.get(pk, ZERO),
            funding_secured=granted.get(pk) or ZERO,
            payback=payback_years(latest[pk]) if pk in latest else None,
            has_case=pk in latest,
        )
        for pk in ids
    }


# Tasks over budget ---------------------------------------------------------------------


@dataclass(frozen=True)
class OverBudget:
    task: InnovationTask
    budget: Decimal
    actual: Decimal


def tasks_over_budget(*, today: date) -> list[OverBudget]:
    """Open tasks whose actual cost this year (expenses and time) passes this year's budget,
    the largest overrun first (four queries)."""
    year = today.year
    budgets = {
        budget.task_id: budget
        for budget in TaskBudget.objects.filter(year=year)
        .select_related("task")
        .exclude(Q(task__status=InnovationTask.Status.STOPPED))
        .exclude(Q(task__status=InnovationTask.Status.COMPLETED))
    }
    if not budgets:
        return []
    spent = dict(
        Expense.objects.filter(task_id__in=budgets, spent_on__year=year)
        .values("task_id")
        .annotate(total=Sum("amount"))
        .values_list("task_id", "total")
        .order_by()
    )
    time: dict[int, Decimal] = defaultdict(lambda: ZERO)
    memberships = TeamMembership.objects.filter(task_id__in=budgets, starts_on__year__lte=year)
    for row in time_costs(memberships, rates_by_role(), until=today):
        if row.year == year:
            time[row.membership.task_id] += row.cost
    over = []
    for task_id, budget in budgets.items():
        actual = (spent.get(task_id) or ZERO) + time.get(task_id, ZERO)
        if actual > budget.amount:
            over.append(OverBudget(budget.task, budget.amount, actual))
    over.sort(key=lambda row: (row.budget - row.actual, row.task.pk))
    return over
