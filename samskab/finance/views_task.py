"""A task's economy: its page, the forms for funding, budget and expenses, the import of
expenses from a file, the export to Excel; and the hourly rates of the team's roles."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samskab.core import spreadsheets
from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.evidence.importing import ImportRowsError
from samskab.organisation.importing.reading import source_from_file
from samskab.portfolio.permissions import get_task_for
from samskab.teams.models import Role

from . import queries_task, services_task
from .forms_task import ExpenseForm, FundingForm, ImportForm, RatesForm, TaskBudgetForm
from .importing import read_expenses
from .models import Expense, Funding

VIEW = "finance.view_task_economy"
EDIT = "finance.edit_task_economy"


def _task(request, pk: int, *, edit: bool = False):
    """The task, for those who may see it (404 otherwise); 403 for a writer's page."""
    task = get_task_for(request.user, pk)
    if edit and not request.user.has_perm(EDIT, task):
        raise PermissionDenied
    return task


def _row(request, model, pk: int):
    """A funding or an expense of a task the user may see, and write."""
    row = get_object_or_404(model.objects.select_related("task"), pk=pk)
    task = _task(request, row.task_id, edit=True)
    row.task = task
    return row


def _closed(request, task):
    if task.is_closed:
        messages.info(request, _("The task is closed; its economy can no longer change."))
        return redirect("finance:task-economy", pk=task.pk)
    return None


@require_perm(VIEW)
def task_economy(request, pk: int):
    task = _task(request, pk)
    economy = queries_task.task_economy(task, today=timezone.localdate())
    return render(
        request,
        "finance/task_economy.html",
        {
            "task": task,
            "economy": economy,
            "can_edit": not task.is_closed and request.user.has_perm(EDIT, task),
        },
    )


def _form_page(request, task, form, service, *, template, success, extra=None):
    if request.method == "POST" and run_service(form, service):
        messages.success(request, success)
        return redirect("finance:task-economy", pk=task.pk)
    return render(request, template, {"task": task, "form": form, **(extra or {})})


@require_perm(VIEW)
def funding_create(request, pk: int):
    task = _task(request, pk, edit=True)
    if closed := _closed(request, task):
        return closed
    form = FundingForm(request.POST or None, task=task)
    return _form_page(
        request,
        task,
        form,
        lambda: services_task.funding_save(funding=form.instance, by=request.user),
        template="finance/task_funding_form.html",
        success=_("The funding is recorded."),
    )


@require_perm(VIEW)
def funding_edit(request, pk: int):
    funding = _row(request, Funding, pk)
    if closed := _closed(request, funding.task):
        return closed
    form = FundingForm(request.POST or None, instance=funding, task=funding.task)
    return _form_page(
        request,
        funding.task,
        form,
        lambda: services_task.funding_save(funding=form.instance, by=request.user),
        template="finance/task_funding_form.html",
        success=_("The changes were saved."),
        extra={"funding": funding},
    )


@require_perm(VIEW)
def budget_edit(request, pk: int):
    task = _task(request, pk, edit=True)
    if closed := _closed(request, task):
        return closed
    form = TaskBudgetForm(request.POST or None, initial={"year": timezone.localdate().year})
    return _form_page(
        request,
        task,
        form,
        lambda: services_task.task_budget_set(
            task=task,
            year=form.cleaned_data["year"],
            amount=form.cleaned_data["amount"],
            by=request.user,
        ),
        template="finance/task_budget_form.html",
        success=_("The budget is set."),
        extra={"budgets": task.budgets.order_by("year")},
    )


@require_perm(VIEW)
def expense_create(request, pk: int):
    task = _task(request, pk, edit=True)
    if closed := _closed(request, task):
        return closed
    form = ExpenseForm(request.POST or None, task=task)
    return _form_page(
        request,
        task,
        form,
        lambda: services_task.expense_save(expense=form.instance, by=request.user),
        template="finance/expense_form.html",
        success=_("The expense is recorded."),
    )


@require_perm(VIEW)
def expense_edit(request, pk: int):
    expense = _row(request, Expense, pk)
    if closed := _closed(request, expense.task):
        return closed
    form = ExpenseForm(request.POST or None, instance=expense, task=expense.task)
    return _form_page(
        request,
        expense.task,
        form,
        lambda: services_task.expense_save(expense=form.instance, by=request.user),
        template="finance/expense_form.html",
        success=_("The changes were saved."),
        extra={"expense": expense},
    )


@require_perm(VIEW)
def expense_import(request, pk: int):
    task = _task(request, pk, edit=True)
    if closed := _closed(request, task):
        return closed
    form = ImportForm(request.POST or None, request.FILES or None, task=task)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            expenses = read_expenses(source_from_file(name=upload.name, file=upload))
            for expense in expenses:
                expense.funding = form.cleaned_data["funding"]
            count = services_task.expenses_import(task=task, expenses=expenses, by=request.user)
        except ImportRowsError as error:
            row_errors = error.messages
            hidden = len(error.rows) - len(row_errors)
            form.add_error("file", _("Nothing was imported: correct the rows below and try again."))
            if hidden > 0:
                row_errors.append(_("… and %(count)d more problems.") % {"count": hidden})
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            messages.success(request, _("%(count)d expenses were imported.") % {"count": count})
            return redirect("finance:task-economy", pk=task.pk)
    return render(
        request,
        "finance/expense_import.html",
        {"task": task, "form": form, "row_errors": row_errors},
    )


@require_perm(VIEW)
def task_export(request, pk: int):
    task = _task(request, pk)
    economy = queries_task.task_economy(task, today=timezone.localdate())
    kr = spreadsheets.Kroner
    workbook = spreadsheets.new_workbook()
    spreadsheets.add_sheet(
        workbook,
        _("Funding"),
        [_("Source"), _("Year"), _("Granted"), _("Drawn"), _("Remaining"), _("Note")],
        (
            [
                str(row.funding.source),
                row.funding.year,
                kr(row.funding.granted),
                kr(row.drawn),
                kr(row.remaining),
                row.funding.note,
            ]
            for row in economy.fundings
        ),
    )
    spreadsheets.add_sheet(
        workbook,
        _("Budget"),
        [_("Year"), _("Budget"), _("Expenses"), _("Time"), _("Actual"), _("Over budget")],
        (
            [
                row.year,
                kr(row.budget),
                kr(row.expenses),
                kr(row.time),
                kr(row.actual),
                _("Yes") if row.over else "",
            ]
            for row in economy.years
        ),
    )
    spreadsheets.add_sheet(
        workbook,
        _("Expenses"),
        [_("Date"), _("Description"), _("Amount"), _("Paid from")],
        (
            [e.spent_on, e.description, kr(e.amount), str(e.funding) if e.funding else ""]
            for e in economy.expenses
        ),
    )
    spreadsheets.add_sheet(
        workbook,
        _("Time"),
        [_("Person"), _("Role"), _("Year"), _("Hours"), _("Hourly rate"), _("Cost")],
        (
            [
                row.membership.person.name,
                row.role_label,
                row.year,
                row.hours,
                kr(row.rate) if row.rate is not None else _("no rate"),
                kr(row.cost),
            ]
            for row in economy.time
        ),
    )
    response = HttpResponse(
        spreadsheets.to_bytes(workbook),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = slugify(task.title)[:50] or "opgave"
    response["Content-Disposition"] = f'attachment; filename="oekonomi-{name}.xlsx"'
    return response


@require_perm("finance.edit_rates")
def rates(request):
    current = queries_task.rates_by_role()
    form = RatesForm(request.POST or None, rates=current)
    if request.method == "POST" and run_service(
        form, lambda: services_task.hourly_rates_set(rates=form.rates(), by=request.user)
    ):
        messages.success(request, _("The hourly rates were saved."))
        return redirect("finance:rates")
    return render(
        request,
        "finance/task_rates.html",
        {"form": form, "roles": Role.choices},
    )
