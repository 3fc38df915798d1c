"""A task's scaling, implementation and spreading: one page, and the forms that change it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service

from . import charts, queries, services
from .forms import AdoptionForm, HandoverForm, MilestoneForm, PlanForm, TargetsForm, UptakeForm
from .models import Handover, Milestone, ScalingPlan
from .permissions import (
    get_adoption_for,
    get_milestone_for,
    get_spread_task_for,
    get_uptake_for,
)

# The plan a new milestone belongs to, by its Danish address.
PLAN_SLUGS = {"skalering": Milestone.Plan.SCALING, "implementering": Milestone.Plan.IMPLEMENTATION}


def _back(task):
    return redirect("spread:task-spread", pk=task.pk)


@require_perm("spread.view_spread")
def task_spread(request, pk: int):
    task = get_spread_task_for(request.user, pk)
    user = request.user
    today = timezone.localdate()
    adoptions = list(queries.adoptions_of(task))
    milestones = list(
        task.milestones.select_related("owner", "benefit_line").order_by("due_on", "pk")
    )
    over_time = queries.degree_over_time(task, today=today)
    open_ = not task.is_closed
    degree = queries.Degree(
        sum(1 for adoption in adoptions if adoption.in_operation), len(adoptions)
    )
    return render(
        request,
        "spread/task_spread.html",
        {
            "task": task,
            "plan": ScalingPlan.objects.filter(task=task)
            .select_related("approved_by__person")
            .first(),
            "adoptions": adoptions,
            "degree": degree,
            "benefits": queries.benefits_at_degree(task, degree, today=today),
            "over_time": over_time,
            "chart": charts.degree_chart(over_time),
            "events": queries.events_of(task)[:30],
            "scaling_milestones": [m for m in milestones if m.plan == Milestone.Plan.SCALING],
            "implementation_milestones": [
                m for m in milestones if m.plan == Milestone.Plan.IMPLEMENTATION
            ],
            "handover": Handover.objects.filter(task=task)
            .select_related("operated_by", "owner")
            .first(),
            "uptakes": task.uptakes.select_related("area", "organisation"),
            "developments": task.developments.all(),
            "today": today,
            "can_plan": open_ and user.has_perm("spread.plan", task),
            "can_approve": open_ and user.has_perm("spread.approve_plan", task),
            "updatable": {
                adoption.pk
                for adoption in adoptions
                if open_ and user.has_perm("spread.update_adoption", adoption)
            },
            "can_develop": user.has_perm("spread.develop_further", task)
            and services.may_develop_further(task),
        },
    )


@require_perm("spread.view_spread")
def plan_edit(request, pk: int):
    task = get_spread_task_for(request.user, pk, perm="spread.plan")
    plan = ScalingPlan.objects.filter(task=task).first()
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and run_service(
        form,
        lambda: services.plan_save(
            task=task, approach=form.cleaned_data["approach"], by=request.user
        ),
    ):
        messages.success(request, _("The scaling plan was saved."))
        return _back(task)
    return render(request, "spread/plan_form.html", {"form": form, "task": task, "plan": plan})


@require_POST
@require_perm("spread.view_spread")
def plan_approve(request, pk: int):
    task = get_spread_task_for(request.user, pk, perm="spread.approve_plan")
    plan = ScalingPlan.objects.filter(task=task).first()
    if plan is None:
        messages.error(request, _("The task has no scaling plan."))
        return _back(task)
    try:
        services.plan_approve(plan=plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The scaling plan is approved."))
    return _back(task)


@require_perm("spread.view_spread")
def targets_add(request, pk: int):
    task = get_spread_task_for(request.user, pk, perm="spread.plan")
    form = TargetsForm(request.POST or None)
    added = []
    if request.method == "POST" and run_service(
        form,
        lambda: added.extend(
            services.targets_add(task=task, units=form.cleaned_data["chosen"], by=request.user)
        ),
    ):
        messages.success(
            request,
            ngettext(
                "%(count)d unit was added as a target.",
                "%(count)d units were added as targets.",
                len(added),
            )
            % {"count": len(added)},
        )
        return _back(task)
    return render(request, "spread/targets_form.html", {"form": form, "task": task})


@require_perm("spread.view_spread")
def adoption_edit(request, pk: int):
    adoption = get_adoption_for(request.user, pk)
    form = AdoptionForm(request.POST or None, adoption=adoption)
    if request.method == "POST" and run_service(
        form,
        lambda: services.adoption_set_state(
            adoption=adoption,
            state=form.cleaned_data["state"],
            on=form.cleaned_data["on"],
            note=form.cleaned_data["note"],
            responsible=form.cleaned_data["responsible"],
            by=request.user,
        ),
    ):
        messages.success(request, _("The unit's state was recorded."))
        return _back(adoption.task)
    return render(
        request,
        "spread/adoption_form.html",
        {
            "form": form,
            "adoption": adoption,
            "task": adoption.task,
            "events": adoption.events.select_related("by__person").order_by("-on", "-pk"),
        },
    )


@require_POST
@require_perm("spread.view_spread")
def target_remove(request, pk: int):
    adoption = get_adoption_for(request.user, pk, perm="spread.plan")
    try:
        services.target_remove(adoption=adoption, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(unit)s is no longer a target.") % {"unit": adoption.unit.name}
        )
    return _back(adoption.task)


def _milestone_form(request, *, task, milestone=None, plan: str):
    form = MilestoneForm(request.POST or None, instance=milestone, task=task, plan=plan)
    if request.method == "POST" and run_service(
        form, lambda: services.milestone_save(milestone=form.instance, by=request.user)
    ):
        messages.success(request, _("The milestone was saved."))
        return _back(task)
    return render(
        request,
        "spread/milestone_form.html",
        {"form": form, "task": task, "milestone": milestone, "plan": Milestone.Plan(plan)},
    )


@require_perm("spread.view_spread")
def milestone_create(request, pk: int, plan: str):
    task = get_spread_task_for(request.user, pk, perm="spread.plan")
    if plan not in PLAN_SLUGS:
        raise Http404
    return _milestone_form(request, task=task, plan=PLAN_SLUGS[plan])


@require_perm("spread.view_spread")
def milestone_edit(request, pk: int):
    milestone = get_milestone_for(request.user, pk)
    return _milestone_form(request, task=milestone.task, milestone=milestone, plan=milestone.plan)


@require_perm("spread.view_spread")
def handover_edit(request, pk: int):
    task = get_spread_task_for(request.user, pk, perm="spread.plan")
    handover = Handover.objects.filter(task=task).first()
    form = HandoverForm(request.POST or None, instance=handover, task=task)
    if request.method == "POST" and run_service(
        form, lambda: services.handover_save(handover=form.instance, by=request.user)
    ):
        messages.success(request, _("The handover to operation was saved."))
        return _back(task)
    return render(request, "spread/handover_form.html", {"form": form, "task": task})


def _uptake_form(request, *, task, uptake=None):
    form = UptakeForm(request.POST or None, instance=uptake, task=task)
    if request.method == "POST" and run_service(
        form, lambda: services.uptake_save(uptake=form.instance, by=request.user)
    ):
        messages.success(request, _("The spreading was saved."))
        return _back(task)
    return render(
        request, "spread/uptake_form.html", {"form": form, "task": task, "uptake": uptake}
    )


@require_perm("spread.view_spread")
def uptake_create(request, pk: int):
    task = get_spread_task_for(request.user, pk, perm="spread.plan")
    return _uptake_form(request, task=task)


@require_perm("spread.view_spread")
def uptake_edit(request, pk: int):
    uptake = get_uptake_for(request.user, pk)
    return _uptake_form(request, task=uptake.task, uptake=uptake)


@require_POST
@require_perm("spread.view_spread")
def develop_further(request, pk: int):
    task = get_spread_task_for(request.user, pk, perm="spread.develop_further")
    try:
        proposal = services.task_develop_further(task=task, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(task)
    messages.success(
        request, _("A proposal to develop the solution further was made. Describe what is new.")
    )
    return redirect("portfolio:proposal-edit", pk=proposal.pk)
