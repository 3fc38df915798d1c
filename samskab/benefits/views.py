"""Benefit realisation of a task, and the roll-up of every task's benefits."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.pagination import paginate
from samskab.portfolio.permissions import get_task_for

from . import charts, export, queries, services
from .forms import (
    AgreementForm,
    AreaFilterForm,
    KindFilterForm,
    LineForm,
    RealisationForm,
    ReviseForm,
)
from .models import BenefitKind, BenefitLine
from .permissions import get_agreement_for, get_line_for, get_realisation_for


def _task_for(user, pk: int):
    task = get_task_for(user, pk)
    if not user.has_perm("benefits.view_benefits", task):
        raise PermissionDenied
    return task


@require_perm("benefits.view_benefits")
def task_benefits(request, pk: int):
    task = _task_for(request.user, pk)
    benefits = queries.task_benefits(task)
    in_force = benefits.in_force
    user = request.user
    return render(
        request,
        "benefits/task_benefits.html",
        {
            "task": task,
            "benefits": benefits,
            "realisations": queries.realisations_of([item.line for item in benefits.lines])[:50],
            "can_draft": user.has_perm("benefits.draft_agreement", task) and not task.is_closed,
            "can_record": in_force is not None
            and benefits.current == in_force
            and user.has_perm("benefits.record_realisation", task),
            "can_take_home": user.has_perm("benefits.take_home", task),
            "can_correct": user.has_perm("benefits.record_realisation", task),
            "can_sign": benefits.current is not None
            and benefits.current.is_draft
            and user.has_perm("benefits.sign_agreement", benefits.current),
        },
    )


@require_perm("benefits.view_benefits")
def agreement_create(request, pk: int):
    task = _task_for(request.user, pk)
    if not request.user.has_perm("benefits.draft_agreement", task):
        raise PermissionDenied
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and run_service(
        form,
        lambda: services.agreement_create(
            task=task,
            parties=form.cleaned_data["parties"],
            review_cadence=form.cleaned_data["review_cadence"],
            by=request.user,
        ),
    ):
        messages.success(request, _("The agreement is drafted. Add its benefit lines."))
        return redirect("benefits:task-benefits", pk=task.pk)
    return render(request, "benefits/agreement_form.html", {"form": form, "task": task})


@require_perm("benefits.view_benefits")
def agreement_detail(request, pk: int):
    agreement = get_agreement_for(request.user, pk)
    lines = list(
        agreement.lines.select_related("responsible", "leads_to").prefetch_related("targets")
    )
    return render(
        request,
        "benefits/agreement_detail.html",
        {"agreement": agreement, "task": agreement.task, "lines": lines},
    )


@require_perm("benefits.view_benefits")
def agreement_edit(request, pk: int):
    agreement = get_agreement_for(request.user, pk, perm="benefits.draft_agreement")
    if refused := _unless_draft(request, agreement):
        return refused
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and run_service(
        form, lambda: services.agreement_update(agreement=form.instance, by=request.user)
    ):
        messages.success(request, _("The changes were saved."))
        return redirect("benefits:task-benefits", pk=agreement.task_id)
    return render(
        request,
        "benefits/agreement_form.html",
        {"form": form, "task": agreement.task, "agreement": agreement},
    )


@require_POST
@require_perm("benefits.view_benefits")
def agreement_sign(request, pk: int):
    agreement = get_agreement_for(request.user, pk, perm="benefits.sign_agreement")
    try:
        services.agreement_sign(agreement=agreement, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The agreement is signed."))
    return redirect("benefits:task-benefits", pk=agreement.task_id)


@require_perm("benefits.view_benefits")
def agreement_revise(request, pk: int):
    agreement = get_agreement_for(request.user, pk, perm="benefits.draft_agreement")
    form = ReviseForm(request.POST or None)
    if request.method == "POST" and run_service(
        form,
        lambda: services.agreement_revise(
            agreement=agreement, reason=form.cleaned_data["revision_reason"], by=request.user
        ),
    ):
        messages.success(
            request,
            _("A new version is drafted; the signed one stays in force until it is signed."),
        )
        return redirect("benefits:task-benefits", pk=agreement.task_id)
    return render(
        request,
        "benefits/agreement_revise.html",
        {"form": form, "task": agreement.task, "agreement": agreement},
    )


def _unless_draft(request, agreement):
    if agreement.is_draft:
        return None
    messages.error(
        request, _("A signed agreement is never changed: revise it to make a new version.")
    )
    return redirect("benefits:task-benefits", pk=agreement.task_id)


def _line_form(request, agreement, line: BenefitLine | None):
    if refused := _unless_draft(request, agreement):
        return refused
    form = LineForm(request.POST or None, instance=line, agreement=agreement)
    if request.method == "POST" and run_service(
        form,
        lambda: services.line_save(line=form.instance, targets=form.targets(), by=request.user),
    ):
        messages.success(request, _("The benefit line is saved."))
        return redirect("benefits:task-benefits", pk=agreement.task_id)
    return render(
        request,
        "benefits/line_form.html",
        {"form": form, "task": agreement.task, "agreement": agreement, "line": line},
    )


@require_perm("benefits.view_benefits")
def line_create(request, pk: int):
    agreement = get_agreement_for(request.user, pk, perm="benefits.draft_agreement")
    return _line_form(request, agreement, None)


@require_perm("benefits.view_benefits")
def line_edit(request, pk: int):
    line = get_line_for(request.user, pk, perm="benefits.draft_agreement")
    return _line_form(request, line.agreement, line)


@require_perm("benefits.view_benefits")
def realisation_create(request, pk: int):
    line = get_line_for(request.user, pk, perm="benefits.record_realisation")
    form = RealisationForm(request.POST or None, line=line)
    if request.method == "POST" and run_service(
        form, lambda: services.realisation_record(realisation=form.instance, by=request.user)
    ):
        messages.success(request, _("The realisation is recorded."))
        return redirect("benefits:task-benefits", pk=line.agreement.task_id)
    return render(
        request,
        "benefits/realisation_form.html",
        {"form": form, "task": line.agreement.task, "line": line},
    )


@require_perm("benefits.view_benefits")
def line_delete(request, pk: int):
    line = get_line_for(request.user, pk, perm="benefits.draft_agreement")
    agreement = line.agreement
    if refused := _unless_draft(request, agreement):
        return refused
    if request.method == "POST":
        try:
            services.line_delete(line=line, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The benefit line is deleted."))
        return redirect("benefits:task-benefits", pk=agreement.task_id)
    return render(
        request,
        "benefits/line_confirm_delete.html",
        {"line": line, "task": agreement.task, "agreement": agreement},
    )


def _refuse_if_taken_home(request, realisation):
    try:
        services.realisation_ensure_correctable(realisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("benefits:task-benefits", pk=realisation.line.agreement.task_id)
    return None


@require_perm("benefits.view_benefits")
def realisation_edit(request, pk: int):
    realisation = get_realisation_for(request.user, pk, perm="benefits.record_realisation")
    line = realisation.line
    if refused := _refuse_if_taken_home(request, realisation):
        return refused
    form = RealisationForm(request.POST or None, instance=realisation, line=line)
    if request.method == "POST" and run_service(
        form, lambda: services.realisation_update(realisation=form.instance, by=request.user)
    ):
        messages.success(request, _("The realisation is corrected."))
        return redirect("benefits:task-benefits", pk=line.agreement.task_id)
    return render(
        request,
        "benefits/realisation_form.html",
        {"form": form, "task": line.agreement.task, "line": line, "realisation": realisation},
    )


@require_perm("benefits.view_benefits")
def realisation_delete(request, pk: int):
    realisation = get_realisation_for(request.user, pk, perm="benefits.record_realisation")
    task = realisation.line.agreement.task
    if request.method == "POST":
        try:
            services.realisation_delete(realisation=realisation, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The realisation is deleted."))
        return redirect("benefits:task-benefits", pk=task.pk)
    if refused := _refuse_if_taken_home(request, realisation):
        return refused
    return render(
        request,
        "benefits/realisation_confirm_delete.html",
        {"realisation": realisation, "line": realisation.line, "task": task},
    )


@require_POST
@require_perm("benefits.view_benefits")
def realisation_take_home(request, pk: int):
    realisation = get_realisation_for(request.user, pk, perm="benefits.take_home")
    try:
        services.realisation_take_home(realisation=realisation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The amount is marked as taken home in the budget."))
    return redirect("benefits:task-benefits", pk=realisation.line.agreement.task_id)


@require_perm("benefits.view_rollup")
def rollup(request):
    form = KindFilterForm(request.GET or None)
    kind = (form.is_valid() and form.cleaned_data["art"]) or BenefitKind.ECONOMIC
    by_kind = queries.rollup_by_kind()
    by_year = queries.rollup_by_year(kind)
    by_area = queries.rollup_by_area(kind)
    without = queries.tasks_without_agreement()
    return render(
        request,
        "benefits/rollup.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": BenefitKind(kind).label,
            "by_kind": by_kind,
            "by_year": by_year,
            "by_area": by_area,
            "year_chart": charts.bar_chart(by_year, kroner=kind == BenefitKind.ECONOMIC),
            "area_chart": charts.bar_chart(by_area, kroner=kind == BenefitKind.ECONOMIC),
            "tasks": paginate(request, queries.rollup_by_task(kind)),
            "without": without[:50],
            "without_count": without.count(),
        },
    )


FOLLOW_UP_SHOWN = 100


@require_perm("benefits.view_rollup")
def follow_up(request):
    """What needs following up on the open tasks, all or one area's: agreements waiting
    for a signature, tasks past phase 3 without a signed agreement, lines behind their
    profile and realisations due. The front page's panels lead here."""
    form = AreaFilterForm(request.GET or None)
    area = form.cleaned_data.get("omraade") if form.is_valid() else None
    areas = [area.pk] if area else None
    today = timezone.localdate()

    def bounded(rows):
        found = list(rows[: FOLLOW_UP_SHOWN + 1])
        return {"rows": found[:FOLLOW_UP_SHOWN], "more": len(found) > FOLLOW_UP_SHOWN}

    behind = bounded(queries.lines_behind(today=today, areas=areas))
    for view in behind["rows"]:
        view.expected_now = view.expected(today)
    due = bounded(queries.realisations_due(today=today, areas=areas))
    return render(
        request,
        "benefits/follow_up.html",
        {
            "form": form,
            "area": area,
            "signature": bounded(queries.drafts_awaiting_signature(areas=areas)),
            "unsigned": bounded(queries.unsigned_past_phase_3(areas=areas)),
            "behind": behind,
            "due": due,
            "shown": FOLLOW_UP_SHOWN,
        },
    )


@require_perm("benefits.view_rollup")
def rollup_export(request):
    response = HttpResponse(
        export.rollup_workbook(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"gevinster-{timezone.localdate():%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
