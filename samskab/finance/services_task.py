"""Writes of a task's economy: its funding, its budget per year, its expenses (one by one or
a file at a time) and the hourly rates of the team's roles."""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from samskab.core import freshness
from samskab.portfolio.models import InnovationTask

from .models import Expense, Funding, HourlyRate, TaskBudget

MAX_IMPORT_ROWS = 5_000


def _open(task: InnovationTask) -> None:
    if task.is_closed:
        raise ValidationError(_("The task is closed; its economy can no longer change."))


@transaction.atomic
def funding_save(*, funding: Funding, by) -> Funding:
    """Record or correct a funding of the task: source, year, granted, drawn and a note."""
    _open(funding.task)
    funding.full_clean()
    funding.save()
    return funding


@transaction.atomic
def task_budget_set(*, task: InnovationTask, year: int, amount: Decimal, by) -> TaskBudget:
    """Set what the task may cost in a year (one budget a year; a new amount replaces it)."""
    _open(task)
    budget = TaskBudget.objects.filter(task=task, year=year).first() or TaskBudget(
        task=task, year=year
    )
    budget.amount = amount
    budget.full_clean(validate_constraints=False)
    budget.save()
    return budget


def _check_expense(expense: Expense) -> None:
    if expense.funding_id is not None and expense.funding.task_id != expense.task_id:
        raise ValidationError({"funding": _("The funding is not one of the task's.")})


@transaction.atomic
def expense_save(*, expense: Expense, by) -> Expense:
    """Record or correct an expense of the task, paid from one of the task's fundings."""
    _open(expense.task)
    if expense.pk is None:
        expense.recorded_by = by
    expense.full_clean()
    _check_expense(expense)
    expense.save()
    return expense


@transaction.atomic
def expenses_import(*, task: InnovationTask, expenses: Sequence[Expense], by) -> int:
    """Add every expense read from a file, or none of them."""
    _open(task)
    if len(expenses) > MAX_IMPORT_ROWS:
        raise ValidationError(
            _("A file may hold at most %(max)d expenses; this one has %(count)d.")
            % {"max": MAX_IMPORT_ROWS, "count": len(expenses)}
        )
    for expense in expenses:
        expense.task = task
        expense.recorded_by = by
        expense.full_clean(exclude=["task"])
    bulk_create_with_history(expenses, Expense, default_user=by)
    freshness.touch("finance")  # bulk_create sends no signal
    return len(expenses)


@transaction.atomic
def hourly_rates_set(*, rates: Mapping[str, Decimal | None], by) -> None:
    """Set each role's hourly rate; None removes a role's rate."""
    for role, rate in rates.items():
        if rate is None:
            HourlyRate.objects.filter(role=role).delete()
            continue
        row = HourlyRate.objects.filter(role=role).first() or HourlyRate(role=role)
        row.rate = rate
        row.full_clean(validate_unique=False)
        row.save()
