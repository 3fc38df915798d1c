"""Who may read, answer and export the innovation barometer.

A task's answers are part of the task: whoever may see the task reads them
(``portfolio.view_task``: everyone inside the municipality), whoever may change
the task answers (``portfolio.change_task``: the innovation unit and the task's
owner).

The export counts the answers of every task of a period, for the municipality's
reply to the survey: the innovation unit, the chief and administrators, who
prepare the reply, and direktion, who answers for it. Chefforum, the political
bodies and the areas follow the tasks on the portfolio's own pages.
"""

import rules
from django.core.exceptions import PermissionDenied

from samskab.accounts import roles
from samskab.accounts.permissions import is_internal, member_of_any
from samskab.portfolio import permissions as portfolio_permissions
from samskab.portfolio.models import InnovationTask


@rules.predicate
def may_change_the_task(user, task: InnovationTask | None) -> bool:
    return task is not None and user.has_perm("portfolio.change_task", task)


exports_the_survey = member_of_any(
    roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF, roles.DIREKTION, roles.ADMINISTRATOR
)

rules.add_perm("barometer.view_answers", is_internal)
rules.add_perm("barometer.change_answers", may_change_the_task)
rules.add_perm("barometer.export_survey", exports_the_survey)


def get_task_for(user, pk: int, *, perm: str = "barometer.view_answers") -> InnovationTask:
    """The task whose answers ``user`` may read (404 for those who may not see the task)
    and, with ``perm``, do more with (403)."""
    task = portfolio_permissions.get_task_for(user, pk)
    if not user.has_perm(perm, task):
        raise PermissionDenied
    return task
