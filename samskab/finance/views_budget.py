"""The unit's budget, the funding sources and the fund applications (``/oekonomi/``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service

from . import export_budget, queries_budget, services_budget
from .forms_budget import (
    ApplicationForm,
    BudgetLineForm,
    MoveForm,
    ReportForm,
    ReviseForm,
    SourceForm,
    StartForm,
    YearForm,
)
from .models import Application, BudgetLine, BudgetVersion, FundingSource, GrantReport


def _budget_url(version: BudgetVersion) -> str:
    return f"{reverse('finance:budget')}?aar={version.year}&version={version.version}"


def _edit_budget(user) -> None:
    if not user.has_perm("finance.edit_budget"):
        raise PermissionDenied


def _edit_applications(user) -> None:
    if not user.has_perm("finance.edit_applications"):
        raise PermissionDenied


# The budget ---------------------------------------------------------------------------


@require_perm("finance.view_budget")
def budget(request):
    today = timezone.localdate()
    form = YearForm(request.GET if "aar" in request.GET else None)
    year, number = today.year, None
    if form.is_bound and form.is_valid():
        year, number = form.cleaned_data["aar"], form.cleaned_data["version"]
    versions = queries_budget.budget_versions(year)
    version = queries_budget.shown_version(versions, number)
    lines = queries_budget.budget_lines(version) if version else []
    can_edit = request.user.has_perm("finance.edit_budget")
    has_draft = any(v.status == BudgetVersion.Status.DRAFT for v in versions)
    return render(
        request,
        "finance/budget_page.html",
        {
            "form": form,
            "year": year,
            "years": sorted(
                {*queries_budget.budget_years(), today.year, today.year + 1}, reverse=True
            ),
            "versions": versions,
            "version": version,
            "lines": lines,
            "summary": queries_budget.summarise(lines),
            "can_edit": can_edit and version is not None and not version.is_locked,
            "can_revise": can_edit
            and version is not None
            and version.status == BudgetVersion.Status.APPROVED
            and not has_draft,
            "draft": next((v for v in versions if v.status == BudgetVersion.Status.DRAFT), None),
            "can_start": can_edit and not versions,
        },
    )


@require_POST
@require_perm("finance.view_budget")
def budget_start(request):
    _edit_budget(request.user)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            version = services_budget.budget_start(year=form.cleaned_data["year"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The budget is started as a draft. Add its lines."))
            return redirect(_budget_url(version))
    else:
        messages.error(request, _("Give a year between 2000 and 25 years from now."))
    return redirect("finance:budget")


@require_perm("finance.view_budget")
def budget_line_create(request, pk: int):
    _edit_budget(request.user)
    version = get_object_or_404(BudgetVersion, pk=pk)
    form = BudgetLineForm(request.POST or None, instance=BudgetLine(version=version))
    if request.method == "POST" and run_service(
        form, lambda: services_budget.budget_line_save(line=form.instance, by=request.user)
    ):
        messages.success(request, _("The line is added."))
        return redirect(_budget_url(version))
    return render(request, "finance/budget_line_form.html", {"form": form, "version": version})


@require_perm("finance.view_budget")
def budget_line_edit(request, pk: int):
    _edit_budget(request.user)
    line = get_object_or_404(BudgetLine.objects.select_related("version"), pk=pk)
    form = BudgetLineForm(request.POST or None, instance=line)
    if request.method == "POST" and run_service(
        form, lambda: services_budget.budget_line_save(line=form.instance, by=request.user)
    ):
        messages.success(request, _("The changes were saved."))
        return redirect(_budget_url(line.version))
    return render(
        request,
        "finance/budget_line_form.html",
        {"form": form, "version": line.version, "line": line},
    )


@require_perm("finance.view_budget")
def budget_line_delete(request, pk: int):
    _edit_budget(request.user)
    line = get_object_or_404(BudgetLine.objects.select_related("version", "source"), pk=pk)
    if request.method == "POST":
        try:
            services_budget.budget_line_delete(line=line, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The line is deleted."))
        return redirect(_budget_url(line.version))
    return render(request, "finance/budget_line_delete.html", {"line": line})


@require_POST
@require_perm("finance.view_budget")
def budget_approve(request, pk: int):
    _edit_budget(request.user)
    version = get_object_or_404(BudgetVersion, pk=pk)
    try:
        services_budget.budget_approve(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The budget is approved and locked."))
    return redirect(_budget_url(version))


@require_perm("finance.view_budget")
def budget_revise(request, pk: int):
    _edit_budget(request.user)
    version = get_object_or_404(BudgetVersion, pk=pk)
    form = ReviseForm(request.POST or None)
    result = {}
    if request.method == "POST" and run_service(
        form,
        lambda: result.setdefault(
            "draft",
            services_budget.budget_revise(
                version=version, reason=form.cleaned_data["reason"], by=request.user
            ),
        ),
    ):
        messages.success(
            request,
            _("A new version is drafted; the approved one stays in force until it is approved."),
        )
        return redirect(_budget_url(result["draft"]))
    return render(request, "finance/budget_revise.html", {"form": form, "version": version})


@require_perm("finance.view_budget")
def export(request):
    """The budget of a year (its shown version), the sources and the applications as XLSX."""
    form = YearForm(request.GET if "aar" in request.GET else None)
    year, number = timezone.localdate().year, None
    if form.is_bound and form.is_valid():
        year, number = form.cleaned_data["aar"], form.cleaned_data["version"]
    version = queries_budget.shown_version(queries_budget.budget_versions(year), number)
    content = export_budget.workbook(
        version=version, applications=request.user.has_perm("finance.view_applications")
    )
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="oekonomi-{year}.xlsx"'
    return response


# Funding sources ----------------------------------------------------------------------


@require_perm("finance.view_budget")
def source_list(request):
    return render(
        request,
        "finance/source_list.html",
        {
            "sources": list(queries_budget.sources()),
            "can_edit": request.user.has_perm("finance.edit_budget"),
        },
    )


@require_perm("finance.view_budget")
def source_create(request):
    return _source_form(request, FundingSource())


@require_perm("finance.view_budget")
def source_edit(request, pk: int):
    return _source_form(request, get_object_or_404(FundingSource, pk=pk))


def _source_form(request, source: FundingSource):
    _edit_budget(request.user)
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and run_service(
        form, lambda: services_budget.source_save(source=form.instance, by=request.user)
    ):
        messages.success(request, _("The funding source is saved."))
        return redirect("finance:source-list")
    return render(request, "finance/source_form.html", {"form": form, "source": source})


# Applications -------------------------------------------------------------------------


@require_perm("finance.view_applications")
def application_list(request):
    return render(
        request,
        "finance/application_list.html",
        {
            "groups": queries_budget.applications_by_status(),
            "can_edit": request.user.has_perm("finance.edit_applications"),
        },
    )


@require_perm("finance.view_applications")
def application_detail(request, pk: int):
    try:
        application = queries_budget.application_detail(pk)
    except Application.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "finance/application_detail.html",
        {
            "application": application,
            "can_edit": request.user.has_perm("finance.edit_applications"),
            "today": timezone.localdate(),
        },
    )


@require_perm("finance.view_applications")
def application_create(request):
    return _application_form(request, Application())


@require_perm("finance.view_applications")
def application_edit(request, pk: int):
    return _application_form(request, get_object_or_404(Application, pk=pk))


def _application_form(request, application: Application):
    _edit_applications(request.user)
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and run_service(
        form,
        lambda: services_budget.application_save(application=form.instance, by=request.user),
    ):
        messages.success(request, _("The application is saved."))
        return redirect("finance:application-detail", pk=form.instance.pk)
    return render(
        request, "finance/application_form.html", {"form": form, "application": application}
    )


@require_perm("finance.view_applications")
def application_move(request, pk: int):
    _edit_applications(request.user)
    application = get_object_or_404(Application.objects.select_related("task"), pk=pk)
    form = MoveForm(request.POST or None, initial={"status": application.status})
    if request.method == "POST" and run_service(
        form,
        lambda: services_budget.application_move(
            application=application, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The application's status is changed."))
        return redirect("finance:application-detail", pk=application.pk)
    return render(
        request, "finance/application_move.html", {"form": form, "application": application}
    )


@require_perm("finance.view_applications")
def report_create(request, pk: int):
    application = get_object_or_404(Application, pk=pk)
    return _report_form(request, GrantReport(application=application))


@require_perm("finance.view_applications")
def report_edit(request, pk: int):
    return _report_form(
        request, get_object_or_404(GrantReport.objects.select_related("application"), pk=pk)
    )


def _report_form(request, report: GrantReport):
    _edit_applications(request.user)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and run_service(
        form, lambda: services_budget.report_save(report=form.instance, by=request.user)
    ):
        messages.success(request, _("The report is saved."))
        return redirect("finance:application-detail", pk=report.application_id)
    return render(
        request,
        "finance/application_report_form.html",
        {"form": form, "report": report, "application": report.application},
    )
