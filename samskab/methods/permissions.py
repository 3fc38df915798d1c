"""Who may read and write the method library, the glossary and the methods used on tasks.

Everyone logged in reads every method card; a public card is read by anonymous visitors
too (the card and its materials, nothing else). The innovation unit (staff, chief,
administrators) writes cards and terms. The glossary is public. A task's team (the unit,
the task's owner and its current members: ``teams.permissions.is_on_task_team``) records
the methods it used; where a method was used is shown to those who may see the task.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_internal, is_unit_staff
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.permissions import get_task_for
from samskab.teams.permissions import is_on_task_team

from .models import Method, MethodMaterial, MethodUse


@rules.predicate
def is_public_method(user, method) -> bool:
    return isinstance(method, Method) and method.is_public


@rules.predicate
def is_logged_in(user) -> bool:
    return bool(user and user.is_authenticated)


def _task_of(obj) -> InnovationTask | None:
    if isinstance(obj, InnovationTask):
        return obj
    if isinstance(obj, MethodUse):
        return obj.task
    return None


@rules.predicate
def works_on_the_task(user, obj) -> bool:
    task = _task_of(obj)
    return task is not None and is_on_task_team.test(user, task)


rules.add_perm("methods.view_method", is_logged_in | is_public_method)
rules.add_perm("methods.view_all_methods", is_logged_in)
rules.add_perm("methods.edit_method", is_unit_staff)
rules.add_perm("methods.edit_term", is_unit_staff)
rules.add_perm("methods.view_uses", is_internal)
rules.add_perm("methods.record_use", works_on_the_task)


def get_method_for(user, slug: str, *, perm: str = "methods.view_method") -> Method:
    """A card for whoever may read it; 404 for others, who learn nothing."""
    method = get_object_or_404(Method, slug=slug)
    if not user.has_perm("methods.view_method", method):
        raise Http404
    if perm != "methods.view_method" and not user.has_perm(perm, method):
        raise PermissionDenied
    return method


def get_material_for(user, pk: int, *, perm: str = "methods.view_method") -> MethodMaterial:
    material = get_object_or_404(MethodMaterial.objects.select_related("method"), pk=pk)
    if not user.has_perm("methods.view_method", material.method):
        raise Http404
    if perm != "methods.view_method" and not user.has_perm(perm, material.method):
        raise PermissionDenied
    return material


def get_use_task_for(user, pk: int, *, perm: str = "methods.view_uses") -> InnovationTask:
    """The task whose methods are shown or recorded; 404 for those who may not see it."""
    task = get_task_for(user, pk)
    if not user.has_perm("methods.view_uses", task):
        raise Http404
    if perm != "methods.view_uses" and not user.has_perm(perm, task):
        raise PermissionDenied
    return task


def get_use_for(user, task: InnovationTask, pk: int) -> MethodUse:
    use = get_object_or_404(MethodUse.objects.select_related("method"), pk=pk, task=task)
    if not user.has_perm("methods.record_use", task):
        raise PermissionDenied
    use.task = task
    return use
