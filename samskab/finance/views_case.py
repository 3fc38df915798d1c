"""A task's business case: its newest version and the earlier ones, new versions, the edit
form, the gains from the benefit agreement, the XLSX export; and the gains taken home."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.decorators import require_perm
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.permissions import get_task_for

from . import export_case, queries_case, services_case
from .forms_case import CaseForm, CaseLineFormSet, initial_rows

VIEW, EDIT = "finance.view_task_economy", "finance.edit_task_economy"


def get_case_task_for(user, pk: int, *, perm: str = VIEW) -> InnovationTask:
    """The task, for those who may see it and its economy; PermissionDenied for what they may not do."""
    task = get_task_for(user, pk)
    if not user.has_perm(VIEW, task):
        raise PermissionDenied
    if perm != VIEW and not user.has_perm(perm, task):
        raise PermissionDenied
    return task


def _version(request) -> int | None:
    raw = request.GET.get("version", "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 5:
        raise Http404
    return int(raw)


@require_perm(VIEW)
def case_detail(request, pk: int):
    task = get_case_task_for(request.user, pk)
    versions = queries_case.case_versions(task)
    wanted = _version(request)
    case = queries_case.case_of(task, wanted)
    if wanted is not None and case is None:
        raise Http404
    newest = versions[0] if versions else None
    return render(
        request,
        "finance/case_detail.html",
        {
            "task": task,
            "case": case,
            "figures": queries_case.case_figures(case) if case else None,
            "versions": versions,
            "is_newest": case is not None and newest is not None and case.pk == newest.pk,
            "can_edit": request.user.has_perm(EDIT, task),
            "taken_home": queries_case.taken_home(task),
        },
    )


@require_POST
@require_perm(VIEW)
def case_new_version(request, pk: int):
    task = get_case_task_for(request.user, pk, perm=EDIT)
    case = services_case.business_case_new_version(task=task, by=request.user)
    messages.success(
        request,
        _("Version %(n)s is made; the earlier versions are kept as they were.")
        % {"n": case.version},
    )
    return redirect("finance:case-edit", pk=task.pk)


@require_perm(VIEW)
def case_edit(request, pk: int):
    task = get_case_task_for(request.user, pk, perm=EDIT)
    case = queries_case.case_of(task)
    if case is None:
        messages.info(request, _("Make the first version of the business case."))
        return redirect("finance:case-detail", pk=task.pk)
    data = request.POST if request.method == "POST" else None
    form = CaseForm(data, instance=case)
    formset = CaseLineFormSet(data, initial=None if data else initial_rows(case), prefix="lines")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services_case.business_case_update(
                case=case,
                discount_rate=form.cleaned_data["discount_rate"],
                first_year=form.cleaned_data["first_year"],
                note=form.cleaned_data["note"],
                lines=formset.figures(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The business case is saved."))
            return redirect("finance:case-detail", pk=task.pk)
    return render(
        request,
        "finance/case_form.html",
        {"task": task, "case": case, "form": form, "formset": formset},
    )


@require_POST
@require_perm(VIEW)
def case_prefill(request, pk: int):
    task = get_case_task_for(request.user, pk, perm=EDIT)
    try:
        with transaction.atomic():  # no empty first version is left when nothing is filled in
            case = queries_case.case_of(task)
            if case is None:
                case = services_case.business_case_new_version(task=task, by=request.user)
            services_case.business_case_prefill(case=case, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("finance:case-detail", pk=task.pk)
    messages.success(
        request,
        _("The gains are filled in from the signed benefit agreement: check them and save."),
    )
    return redirect("finance:case-edit", pk=task.pk)


@require_perm(VIEW)
def case_export(request, pk: int):
    task = get_case_task_for(request.user, pk)
    case = queries_case.case_of(task, _version(request))
    if case is None:
        raise Http404
    response = HttpResponse(
        export_case.case_workbook(case),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"business-case-{task.pk}-v{case.version}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_perm("finance.view_budget")
def taken_home(request):
    return render(request, "finance/case_taken_home.html", {"rows": queries_case.taken_home()})
