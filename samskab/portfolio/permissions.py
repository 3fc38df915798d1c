"""Who may see and do what in triage, sparring and the portfolio.

The portfolio is internal: employees and politicians see it, citizens and
partners do not. The innovation unit assesses; the chief assigns assessors,
decides triage outcomes, orders the sparring queue and edits the criteria.
A task's owner and the unit keep its details; its phase and status change
only by decision (governance).
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_chief, is_employee, is_internal, is_unit_staff

from .models import Assessment, InnovationTask, SparringRequest, TaskProposal


@rules.predicate
def is_task_owner(user, task: InnovationTask | None) -> bool:
    return task is not None and user.is_authenticated and task.owner.user_id == user.pk


@rules.predicate
def is_assessor(user, assessment: Assessment | None) -> bool:
    return (
        assessment is not None
        and user.is_authenticated
        and assessment.assignments.filter(assessor=user).exists()
    )


@rules.predicate
def is_requester(user, request: SparringRequest | None) -> bool:
    return request is not None and user.is_authenticated and request.requested_by_id == user.pk


rules.add_perm("portfolio.view_portfolio", is_internal)
rules.add_perm("portfolio.view_task", is_internal)
rules.add_perm("portfolio.change_task", is_unit_staff | is_task_owner)
rules.add_perm("portfolio.view_proposal", is_internal)
rules.add_perm("portfolio.add_proposal", is_unit_staff)
rules.add_perm("portfolio.change_proposal", is_unit_staff)
rules.add_perm("portfolio.edit_exit_criteria", is_unit_staff)

rules.add_perm("portfolio.view_assessments", is_unit_staff)
rules.add_perm("portfolio.add_assessment", is_unit_staff)
rules.add_perm("portfolio.score_assessment", is_assessor)
rules.add_perm("portfolio.manage_assessment", is_chief)
rules.add_perm("portfolio.edit_criteria", is_chief)

rules.add_perm("portfolio.view_sparring_queue", is_unit_staff)
rules.add_perm("portfolio.request_sparring", is_employee)
rules.add_perm("portfolio.view_sparring", is_unit_staff | is_requester)
rules.add_perm("portfolio.work_on_sparring", is_unit_staff)
rules.add_perm("portfolio.order_sparring", is_chief)


def _fetch(model, user, pk: int, *, view: str, perm: str, related=()):
    obj = get_object_or_404(model.objects.select_related(*related), pk=pk)
    if not user.has_perm(view, obj):
        raise Http404  # outsiders learn nothing, not even that it exists
    if perm != view and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def get_task_for(user, pk: int, *, perm: str = "portfolio.view_task") -> InnovationTask:
    return _fetch(
        InnovationTask,
        user,
        pk,
        view="portfolio.view_task",
        perm=perm,
        related=("owner__user", "owning_area", "proposal__developed_from"),
    )


def get_proposal_for(user, pk: int, *, perm: str = "portfolio.view_proposal") -> TaskProposal:
    return _fetch(
        TaskProposal,
        user,
        pk,
        view="portfolio.view_proposal",
        perm=perm,
        related=("owner", "owning_area", "developed_from"),
    )


def get_assessment_for(user, pk: int, *, perm: str = "portfolio.view_assessments") -> Assessment:
    return _fetch(Assessment, user, pk, view="portfolio.view_assessments", perm=perm)


def get_sparring_for(user, pk: int, *, perm: str = "portfolio.view_sparring") -> SparringRequest:
    return _fetch(
        SparringRequest,
        user,
        pk,
        view="portfolio.view_sparring",
        perm=perm,
        related=("requested_by", "area", "idea", "assigned_to"),
    )
