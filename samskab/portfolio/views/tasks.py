"""The portfolio board, proposals and innovation tasks."""

from functools import cache as cache_call

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskab.core import fragments
from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.pagination import paginate
from samskab.governance import queries as governance_queries
from samskab.ideas.permissions import VIEW_FIELDS, split_openable
from samskab.organisation.models import OrgUnit

from .. import cards, gates, timeline
from ..forms.tasks import (
    BoardFilterForm,
    ExitCriterionFormSet,
    ProposalForm,
    TaskFilterForm,
    TaskForm,
    owners_in,
)
from ..models import ExitCheck, ExitCriterion
from ..permissions import get_proposal_for, get_task_for
from ..phases import BY_NUMBER, PHASES
from ..queries import tasks as queries
from ..services import tasks as services


@require_perm("portfolio.view_portfolio")
def board(request):
    if request.GET.get("visning") == "liste":
        form = TaskFilterForm(request.GET)
        filters = form.cleaned_data if form.is_valid() else {}
        page = paginate(
            request,
            queries.task_list(
                status=filters.get("status", ""),
                area=filters.get("omraade"),
                phase=filters.get("fase"),
            ),
        )
        context = {"form": form, "tasks": page.object_list, "page_obj": page, "list_view": True}
    else:
        form = BoardFilterForm(request.GET)
        context = {
            "form": form,
            "columns": SimpleLazyObject(lambda: queries.board(**form.filters())),
            "list_view": False,
            "legend": cards.registered(),
            # The board is the same for everyone who may see it: kept for each valid
            # choice of filters until the data changes.
            "part_key": fragments.filtered_key("board", form),
        }
    context.update(
        wip=SimpleLazyObject(queries.wip_status),
        proposals=queries.proposals_awaiting(),
        can_propose=request.user.has_perm("portfolio.add_proposal"),
    )
    return render(request, "portfolio/tasks/board.html", context)


@require_GET
@require_perm("portfolio.add_proposal")
def owner_choices(request):
    """The owner select's options for the chosen owning area (htmx)."""
    area_id = request.GET.get("owning_area", "")
    area = (
        OrgUnit.objects.filter(pk=area_id, kind=OrgUnit.Kind.AREA).first()
        if area_id.isdecimal()
        else None
    )
    return render(request, "portfolio/tasks/owner_options.html", {"owners": owners_in(area)})


@require_perm("portfolio.add_proposal")
def proposal_create(request):
    form = ProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and run_service(
        form,
        lambda: services.proposal_save(
            proposal=form.instance, ideas=form.cleaned_data["ideas"], by=request.user
        ),
    ):
        messages.success(
            request, _("The proposal is ready for the executive board's next meeting.")
        )
        return redirect("portfolio:proposal-detail", pk=form.instance.pk)
    return render(request, "portfolio/tasks/proposal_form.html", {"form": form})


def _ideas_for(user, ideas) -> dict:
    """The ideas behind a proposal or task the reader may open, and a count of the others."""
    shown, others = split_openable(user, ideas.only(*VIEW_FIELDS))
    return {"ideas": shown, "other_ideas": others}


@require_perm("portfolio.view_proposal")
def proposal_detail(request, pk: int):
    proposal = get_proposal_for(request.user, pk)
    return render(
        request,
        "portfolio/tasks/proposal_detail.html",
        {
            "proposal": proposal,
            **_ideas_for(request.user, proposal.ideas.all()),
            "decisions": proposal.decisions.select_related("forum", "meeting"),
            "can_edit": request.user.has_perm("portfolio.change_proposal")
            and proposal.status == proposal.Status.AWAITING,
            "can_decide": request.user.has_perm("governance.record_decision"),
        },
    )


@require_perm("portfolio.change_proposal")
def proposal_edit(request, pk: int):
    proposal = get_proposal_for(request.user, pk, perm="portfolio.change_proposal")
    form = ProposalForm(request.POST or None, instance=proposal, user=request.user)
    if request.method == "POST" and run_service(
        form,
        lambda: services.proposal_save(
            proposal=form.instance, ideas=form.cleaned_data["ideas"], by=request.user
        ),
    ):
        messages.success(request, _("The changes were saved."))
        return redirect("portfolio:proposal-detail", pk=proposal.pk)
    return render(
        request, "portfolio/tasks/proposal_form.html", {"form": form, "proposal": proposal}
    )


@require_perm("portfolio.view_task")
def task_detail(request, pk: int):
    task = get_task_for(request.user, pk)
    # Most of the page is kept in the cache for this reader until the data changes
    # (core.fragments); what it shows is read only when it is rendered anew, and once
    # (a template calls a callable at each lookup: cache_call keeps the first answer).
    ideas = cache_call(lambda: _ideas_for(request.user, task.ideas.all()))
    review = cache_call(lambda: gates.review(task) if not task.is_closed and task.phase < 7 else [])
    assessment = cache_call(
        lambda: (
            task.proposal.assessment if task.proposal_id and task.proposal.assessment_id else None
        )
    )
    return render(
        request,
        "portfolio/tasks/task_detail.html",
        {
            "task": task,
            "phases": PHASES,
            "phase": BY_NUMBER[task.phase],
            "ideas": lambda: ideas()["ideas"],
            "other_ideas": lambda: ideas()["other_ideas"],
            "story": cache_call(lambda: timeline.story(task, viewer=request.user)),
            "gate_meeting": cache_call(lambda: governance_queries.gate_meeting(task)),
            "checklist": cache_call(
                lambda: queries.exit_checklist(task) if not task.is_closed else []
            ),
            "review": review,
            "review_met": lambda: all(answer.met for answer in review()),
            "history": cache_call(lambda: queries.history_of(task)),
            "assessment": assessment,
            "assessment_history": cache_call(
                lambda: queries.history_of(assessment()) if assessment() else []
            ),
            "can_change": request.user.has_perm("portfolio.change_task", task),
            "can_decide": request.user.has_perm("governance.record_decision"),
            "part_key": fragments.key("task", task.pk, request.user.pk),
        },
    )


@require_perm("portfolio.view_task")
def task_edit(request, pk: int):
    task = get_task_for(request.user, pk, perm="portfolio.change_task")
    form = TaskForm(request.POST or None, instance=task)
    if request.method == "POST" and run_service(
        form, lambda: services.task_update(task=form.instance, by=request.user)
    ):
        messages.success(request, _("The changes were saved."))
        return redirect("portfolio:task-detail", pk=task.pk)
    return render(request, "portfolio/tasks/task_form.html", {"form": form, "task": task})


@require_POST
@require_perm("portfolio.view_task")
def task_exit_check(request, pk: int, criterion_pk: int):
    task = get_task_for(request.user, pk, perm="portfolio.change_task")
    criterion = get_object_or_404(ExitCriterion, pk=criterion_pk)
    try:
        services.exit_check_set(
            task=task,
            criterion=criterion,
            done=request.POST.get("done") == "1",
            note=request.POST.get("note", ""),
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if request.htmx:
        check = ExitCheck.objects.filter(task=task, criterion=criterion).first()
        return render(
            request,
            "portfolio/tasks/task_detail.html#exit-item",
            {"task": task, "criterion": criterion, "check": check, "can_change": True},
        )
    return redirect("portfolio:task-detail", pk=task.pk)


@require_perm("portfolio.edit_exit_criteria")
def exit_criteria(request):
    formset = ExitCriterionFormSet(request.POST or None, queryset=ExitCriterion.objects.all())
    if request.method == "POST" and formset.is_valid():
        services.exit_criteria_save(
            criteria=[form.instance for form in formset.forms if form.has_changed()],
            by=request.user,
        )
        messages.success(request, _("The checklists are saved."))
        return redirect("portfolio:exit-criteria")
    return render(
        request, "portfolio/tasks/exit_criteria.html", {"formset": formset, "phases": PHASES}
    )


urlpatterns = [
    path("portefolje/", board, name="board"),
    path("portefolje/ejere/", owner_choices, name="owner-choices"),
    path("portefolje/forslag/ny/", proposal_create, name="proposal-create"),
    path("portefolje/forslag/<int:pk>/", proposal_detail, name="proposal-detail"),
    path("portefolje/forslag/<int:pk>/rediger/", proposal_edit, name="proposal-edit"),
    path("portefolje/tjeklister/", exit_criteria, name="exit-criteria"),
    path("opgaver/<int:pk>/", task_detail, name="task-detail"),
    path("opgaver/<int:pk>/rediger/", task_edit, name="task-edit"),
    path("opgaver/<int:pk>/tjekliste/<int:criterion_pk>/", task_exit_check, name="task-exit-check"),
]
