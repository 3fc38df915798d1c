"""Who may see and do what with a task's scaling, implementation and spreading.

Internal users read it, as they read the task. The task's team (the unit, the task's
owner and its current members) writes the plans, the targets, the handover and the
uptakes. The manager of the owning area, or the innovation chief, approves the
scaling plan. An adoption's state is updated by the unit's staff for any unit, and by
an area manager for the units in their own part of the organisation.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_area_manager, is_chief, is_internal, is_unit_staff
from samskab.organisation.queries import unit_ids_below
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.permissions import get_task_for, is_task_owner
from samskab.teams.permissions import is_current_member_of

from .models import Adoption, Milestone, Uptake


def _task_of(obj) -> InnovationTask | None:
    if isinstance(obj, InnovationTask):
        return obj
    if isinstance(obj, Adoption | Milestone | Uptake):
        return obj.task
    return None


def _own_unit_id(user) -> int | None:
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person.org_unit_id if person is not None else None


@rules.predicate
def owns_the_task(user, obj) -> bool:
    return is_task_owner(user, _task_of(obj))


@rules.predicate
def is_current_member(user, obj) -> bool:
    return is_current_member_of(user, _task_of(obj))


@rules.predicate
def manages_the_owning_area(user, obj) -> bool:
    task = _task_of(obj)
    unit_id = _own_unit_id(user)
    return (
        task is not None and unit_id is not None and unit_id in unit_ids_below(task.owning_area_id)
    )


@rules.predicate
def manages_the_adopting_unit(user, adoption) -> bool:
    unit_id = _own_unit_id(user)
    return (
        isinstance(adoption, Adoption)
        and unit_id is not None
        and adoption.unit_id in unit_ids_below(unit_id)
    )


is_on_task_team = is_unit_staff | owns_the_task | is_current_member

rules.add_perm("spread.view_spread", is_internal)
rules.add_perm("spread.plan", is_on_task_team)
rules.add_perm("spread.approve_plan", is_chief | (is_area_manager & manages_the_owning_area))
rules.add_perm(
    "spread.update_adoption", is_unit_staff | (is_area_manager & manages_the_adopting_unit)
)
rules.add_perm("spread.develop_further", is_unit_staff)


def get_spread_task_for(user, pk: int, *, perm: str = "spread.view_spread") -> InnovationTask:
    """The task, for those who may see it; PermissionDenied for an action they may not do."""
    task = get_task_for(user, pk)
    if not user.has_perm("spread.view_spread", task):
        raise Http404
    if perm != "spread.view_spread" and not user.has_perm(perm, task):
        raise PermissionDenied
    return task


def _fetch(model, user, pk: int, *, perm: str, related=()):
    obj = get_object_or_404(model.objects.select_related("task", *related), pk=pk)
    if not (
        user.has_perm("portfolio.view_task", obj.task) and user.has_perm("spread.view_spread", obj)
    ):
        raise Http404  # outsiders learn nothing, not even that it exists
    if not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def get_adoption_for(user, pk: int, *, perm: str = "spread.update_adoption") -> Adoption:
    return _fetch(Adoption, user, pk, perm=perm, related=("unit", "responsible"))


def get_milestone_for(user, pk: int, *, perm: str = "spread.plan") -> Milestone:
    return _fetch(Milestone, user, pk, perm=perm, related=("owner",))


def get_uptake_for(user, pk: int, *, perm: str = "spread.plan") -> Uptake:
    return _fetch(Uptake, user, pk, perm=perm, related=("area", "organisation"))
