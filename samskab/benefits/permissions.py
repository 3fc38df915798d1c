"""Who may see and do what with benefit realisation.

Internal users read agreements and the roll-up; citizens and partners see
nothing. The innovation unit and the task's owner draft agreements and their
lines; the agreement's owner (the manager of the owning area) signs it.
Realisations are recorded by the people working on the task: until the team
app knows a task's members, that is the unit, the task's owner and the
manager of the owning area.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_area_manager, is_internal, is_unit_staff
from samskab.organisation.queries import unit_ids_below
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.permissions import is_task_owner

from .models import BenefitAgreement, BenefitLine, BenefitRealisation


def _task_of(obj) -> InnovationTask | None:
    if isinstance(obj, InnovationTask):
        return obj
    if isinstance(obj, BenefitAgreement):
        return obj.task
    if isinstance(obj, BenefitLine):
        return obj.agreement.task
    if isinstance(obj, BenefitRealisation):
        return obj.line.agreement.task
    return None


@rules.predicate
def owns_the_task(user, obj) -> bool:
    return is_task_owner(user, _task_of(obj))


@rules.predicate
def manages_the_owning_area(user, obj) -> bool:
    task = _task_of(obj)
    if task is None or not user.is_authenticated:
        return False
    person = getattr(user, "person", None)
    if person is None or person.org_unit_id is None:
        return False
    return person.org_unit_id in unit_ids_below(task.owning_area_id)


@rules.predicate
def owns_the_agreement(user, agreement) -> bool:
    return (
        isinstance(agreement, BenefitAgreement)
        and user.is_authenticated
        and agreement.owner.user_id == user.pk
    )


is_area_manager_of_task = is_area_manager & manages_the_owning_area

rules.add_perm("benefits.view_benefits", is_internal)
rules.add_perm("benefits.view_rollup", is_internal)
rules.add_perm("benefits.draft_agreement", is_unit_staff | owns_the_task)
rules.add_perm("benefits.sign_agreement", owns_the_agreement)
rules.add_perm(
    "benefits.record_realisation", is_unit_staff | owns_the_task | is_area_manager_of_task
)
rules.add_perm("benefits.take_home", is_unit_staff | is_area_manager_of_task)


def _fetch(model, user, pk: int, *, perm: str, related=()):
    obj = get_object_or_404(model.objects.select_related(*related), pk=pk)
    if not user.has_perm("benefits.view_benefits", obj):
        raise Http404  # outsiders learn nothing, not even that it exists
    if perm != "benefits.view_benefits" and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def get_agreement_for(user, pk: int, *, perm: str = "benefits.view_benefits") -> BenefitAgreement:
    return _fetch(
        BenefitAgreement,
        user,
        pk,
        perm=perm,
        related=("task__owner", "task__owning_area", "owner", "signed_by__person"),
    )


def get_line_for(user, pk: int, *, perm: str = "benefits.view_benefits") -> BenefitLine:
    return _fetch(
        BenefitLine,
        user,
        pk,
        perm=perm,
        related=("agreement__task__owner", "agreement__task__owning_area", "responsible"),
    )


def get_realisation_for(
    user, pk: int, *, perm: str = "benefits.view_benefits"
) -> BenefitRealisation:
    return _fetch(
        BenefitRealisation,
        user,
        pk,
        perm=perm,
        related=("line__agreement__task__owner", "line__agreement__task__owning_area"),
    )
