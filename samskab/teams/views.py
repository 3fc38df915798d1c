"""Team, composer, competency needs, journeys, the heatmap and the unit's capacity: thin views."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.pagination import paginate
from samskab.organisation.models import OrgUnit, Person
from samskab.organisation.permissions import get_person_for
from samskab.organisation.queries import unit_ids_below
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.permissions import get_task_for

from . import composer, queries, queries_programmes, services
from . import journey as journey_steps
from .forms import CapacityForm, HeatmapForm, LearningForm, MembershipForm, NeedForm
from .models import EXTERNAL_ROLE, CompetencyNeed, Role, TeamMembership
from .permissions import get_candidate_for, journeys_shown_to, members_shown_to

SEARCH_SHOWN = 20


def _task(request, pk: int, *, manage: bool = False) -> InnovationTask:
    task = get_task_for(request.user, pk)
    if manage and not request.user.has_perm("teams.manage_team", task):
        raise PermissionDenied
    return task


def _team_context(request, task, *, need_form=None) -> dict:
    shown = members_shown_to(request.user)
    members = queries.current_members(task, shown=shown)
    coverage = queries.coverage_of(task, members)
    load = queries.loads({m.person_id for m in members})
    area_units = queries.owning_area_unit_ids(task)
    return {
        "task": task,
        "members": [(m, load.get(m.person_id, 0)) for m in members],
        "past": queries.past_members(task, shown=shown),
        # A journey of someone from outside is the unit's to open (organisation.view_person).
        "sees_outsiders": request.user.has_perm("organisation.view_external_people"),
        "coverage": coverage,
        "partners": sum(1 for m in members if queries.is_partner_from_area(m, area_units)),
        "over_allocated": [m for m in members if load.get(m.person_id, 0) > composer.FULL],
        "can_manage": request.user.has_perm("teams.manage_team", task),
        "need_form": need_form or NeedForm(),
        "load": load,
    }


@require_perm("teams.view_team")
def team_detail(request, pk: int):
    task = _task(request, pk)
    return render(request, "teams/team_detail.html", _team_context(request, task))


@require_POST
@require_perm("teams.view_team")
def need_add(request, pk: int):
    task = _task(request, pk, manage=True)
    form = NeedForm(request.POST)
    if run_service(
        form,
        lambda: services.need_save(
            task=task,
            competency=form.cleaned_data["competency"],
            importance=form.cleaned_data["importance"],
            phase=form.cleaned_data["phase"],
            level=form.cleaned_data["level"],
            by=request.user,
        ),
    ):
        messages.success(request, _("The need was saved."))
        return redirect("teams:team-detail", pk=task.pk)
    return render(request, "teams/team_detail.html", _team_context(request, task, need_form=form))


@require_POST
@require_perm("teams.view_team")
def need_remove(request, pk: int, need_pk: int):
    task = _task(request, pk, manage=True)
    need = get_object_or_404(CompetencyNeed, pk=need_pk, task=task)
    need.task = task
    try:
        services.need_remove(need=need, by=request.user)
    except ValidationError as error:  # the task is closed
        messages.error(request, " ".join(error.messages))
    return redirect("teams:team-detail", pk=task.pk)


def explain(proposal: composer.Proposal, competencies: dict) -> str:
    """Why the composer proposes someone, in words: "covers law and economics; 20 % allocated"."""
    parts = []
    if proposal.covers:
        names = [competencies[n.competency_id].label.lower() for n in proposal.covers]
        parts.append(_("covers %(names)s") % {"names": get_text_list(names, _("and"))})
    if proposal.as_partner:
        parts.append(_("from the owning area, can be innovation partner"))
    if proposal.candidate.external:
        parts.append(_("from outside the municipality"))
    parts.append(_("%(load)d %% allocated") % {"load": proposal.candidate.load})
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


@require_perm("teams.view_team")
def team_compose(request, pk: int):
    task = _task(request, pk, manage=True)
    composition = queries.composition_for(task, user=request.user)
    proposals = [
        {
            "proposal": p,
            "person": composition.people[p.candidate.person_id],
            "role": (role := queries.proposed_role(p, composition.people[p.candidate.person_id])),
            "role_label": Role(role).label,
            "why": explain(p, composition.competencies),
        }
        for p in composition.proposals
        if p.candidate.person_id in composition.people
    ]
    query = request.GET.get("q", "").strip()[:100]
    found = queries.people_found(request.user, query, limit=SEARCH_SHOWN) if query else []
    return render(
        request,
        "teams/compose.html",
        {
            "task": task,
            "composition": composition,
            "coverage": composition.coverage,
            "proposals": proposals,
            "query": query,
            "found": found,
            "full": composer.FULL,
            "finds_outsiders": request.user.has_perm("teams.add_external_people"),
        },
    )


@require_perm("teams.view_team")
def team_add(request, pk: int):
    task = _task(request, pk, manage=True)
    person_id = request.GET.get("person") or request.POST.get("person") or ""
    if not person_id.isdecimal():
        return redirect("teams:team-compose", pk=task.pk)
    person = get_candidate_for(request.user, int(person_id))
    initial = {
        "role": request.GET.get("rolle") or EXTERNAL_ROLE.get(person.kind, Role.SPECIALIST),
        "starts_on": timezone.localdate(),
    }
    form = MembershipForm(request.POST or None, initial=initial, person=person)
    if request.method == "POST" and run_service(
        form,
        lambda: services.membership_add(
            task=task, person=person, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("%(name)s is on the team.") % {"name": person.name})
        return redirect("teams:team-detail", pk=task.pk)
    load = queries.loads_now([person.pk]).get(person.pk, 0)
    return render(
        request,
        "teams/member_form.html",
        {
            "task": task,
            "person": person,
            "form": form,
            "load": load,
            "external": person.kind != Person.Kind.EMPLOYEE,
            "full": composer.FULL,
        },
    )


@require_POST
@require_perm("teams.view_team")
def membership_end(request, pk: int, membership_pk: int):
    task = _task(request, pk, manage=True)
    membership = get_object_or_404(TeamMembership, pk=membership_pk, task=task)
    try:
        services.membership_end(membership=membership, by=request.user)
        messages.success(request, _("The membership has ended; it stays in the team's history."))
    except ValidationError as error:  # already ended
        messages.error(request, " ".join(error.messages))
    return redirect("teams:team-detail", pk=task.pk)


# People and competencies ------------------------------------------------------------


def _journey_context(request, person, *, form=None) -> dict:
    journey = queries.journey_of(person)
    labels = {source.key: source.label() for source in journey_steps.sources()}
    tasks = InnovationTask.objects.filter(memberships__person=person).distinct()
    return {
        "person": person,
        **journey,
        "steps": [
            (step, labels[step.source])
            for step in journey_steps.steps_of(person, viewer=request.user)
        ],
        "over_allocated": journey["load"] > composer.FULL,
        "can_record": request.user.has_perm("teams.record_learning"),
        "form": form or LearningForm(tasks=tasks),
    }


@require_perm("teams.view_team")
def journey(request, pk: int):
    person = get_person_for(request.user, pk)
    return render(request, "teams/journey.html", _journey_context(request, person))


@require_POST
@require_perm("teams.record_learning")
def learning_add(request, pk: int):
    person = get_person_for(request.user, pk)
    tasks = InnovationTask.objects.filter(memberships__person=person).distinct()
    form = LearningForm(request.POST, tasks=tasks)
    if run_service(
        form,
        lambda: services.learning_record(person=person, by=request.user, **form.cleaned_data),
    ):
        messages.success(request, _("The learning record was saved."))
        return redirect("teams:journey", pk=person.pk)
    return render(request, "teams/journey.html", _journey_context(request, person, form=form))


@require_perm("teams.view_heatmap")
def heatmap(request):
    """Areas × competencies on two days: a year ago and today, two dates chosen, or before a
    programme began and after it ended (``?forloeb=``)."""
    form = HeatmapForm(request.GET or None)
    programme, a, b, competency_ids = None, None, None, None
    if form.is_valid():
        programme = form.cleaned_data["forloeb"]
        if programme is not None:
            a, b = queries_programmes.completion_window(programme)
            competency_ids = list(programme.competencies.values_list("competency_id", flat=True))
        else:
            a, b = form.cleaned_data["fra"], form.cleaned_data["til"]
    context = queries.heatmap(a=a, b=b, competency_ids=competency_ids or None)
    return render(request, "teams/heatmap.html", {**context, "form": form, "programme": programme})


@require_perm("teams.view_team")
def unit_teams(request, pk: int):
    """The people of a unit and the units below it on the teams of open tasks today."""
    unit = get_object_or_404(OrgUnit, pk=pk)
    memberships = queries.memberships_in(
        unit_ids_below(unit.pk), shown=journeys_shown_to(request.user)
    )
    page = paginate(request, memberships)
    rows = list(page.object_list)
    load = queries.loads({m.person_id for m in rows}) if rows else {}
    return render(
        request,
        "teams/unit_teams.html",
        {
            "unit": unit,
            "page_obj": page,
            "rows": [(m, load.get(m.person_id, 0)) for m in rows],
            "full": composer.FULL,
        },
    )


@require_perm("teams.view_capacity")
def over_allocated(request):
    """Everyone allocated above 100 % across the active tasks they are on today."""
    page = paginate(request, queries.over_allocated(shown=journeys_shown_to(request.user)))
    return render(request, "teams/over_allocated_list.html", {"page_obj": page})


@require_perm("teams.view_capacity")
def capacity(request):
    context = queries.unit_capacity()
    context["can_edit"] = request.user.has_perm("teams.edit_capacity")
    return render(request, "teams/capacity.html", context)


@require_POST
@require_perm("teams.edit_capacity")
def capacity_edit(request, pk: int):
    person = get_person_for(request.user, pk)
    form = CapacityForm(request.POST)
    if run_service(
        form,
        lambda: services.capacity_set(
            person=person, hours_per_week=form.cleaned_data["hours_per_week"], by=request.user
        ),
    ):
        messages.success(request, _("The hours were saved."))
    else:
        messages.error(request, _("Give the hours per week as a number from 0 to 80."))
    return redirect("teams:capacity")
