"""Who may see and do what with trials.

Trials are internal, like the portfolio: employees and politicians read them,
citizens and partners see nothing. The innovation unit and the task's owner
create and edit experiments and conclude them with a learning card; the task's
team records measurements. The team is the innovation unit, the task's owner
and, where the teams app is installed, the people with a current membership
of the task.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_internal, is_unit_staff
from samskab.portfolio.models import InnovationTask
from samskab.portfolio.permissions import is_task_owner
from samskab.teams.permissions import is_current_member_of

from .models import Experiment, Measurement


def _task_of(obj) -> InnovationTask | None:
    if isinstance(obj, Experiment):
        return obj.task
    return obj


@rules.predicate
def owns_the_task(user, obj: InnovationTask | Experiment | None) -> bool:
    return is_task_owner(user, _task_of(obj))


@rules.predicate
def has_current_membership(user, obj: InnovationTask | Experiment | None) -> bool:
    return is_current_member_of(user, _task_of(obj))


is_on_task_team = is_unit_staff | owns_the_task | has_current_membership

rules.add_perm("evidence.view_experiment", is_internal)
rules.add_perm("evidence.add_experiment", is_unit_staff | owns_the_task)
rules.add_perm("evidence.change_experiment", is_unit_staff | owns_the_task)
rules.add_perm("evidence.conclude_experiment", is_unit_staff | owns_the_task)
rules.add_perm("evidence.record_measurement", is_on_task_team)


def get_experiment_for(user, pk: int, *, perm: str = "evidence.view_experiment") -> Experiment:
    """The experiment, if the user may see it (else 404) and do ``perm`` with it (else 403)."""
    experiment = get_object_or_404(
        Experiment.objects.select_related(
            "task__owner", "task__owning_area", "owner", "repeats", "learning_card"
        ),
        pk=pk,
    )
    if not user.has_perm("evidence.view_experiment", experiment):
        raise Http404  # outsiders learn nothing, not even that it exists
    if perm != "evidence.view_experiment" and not user.has_perm(perm, experiment):
        raise PermissionDenied
    return experiment


def get_measurement_for(user, pk: int, *, perm: str = "evidence.record_measurement"):
    """The measurement with its experiment, checked as ``get_experiment_for`` checks it."""
    experiment_pk = get_object_or_404(
        Measurement.objects.values_list("experiment_id", flat=True), pk=pk
    )
    experiment = get_experiment_for(user, experiment_pk, perm=perm)
    measurement = Measurement.objects.get(pk=pk)
    measurement.experiment = experiment
    return measurement
