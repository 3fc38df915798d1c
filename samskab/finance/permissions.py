"""Who may see and do what with money.

The unit's budget, the sources and the applications: the innovation chief and the finance
role edit them; the innovation unit and direktion read them. A task's economy: whoever may
see the task reads it; the task's team (the unit, the task's owner, its current members) and
the finance role record funding, expenses and budgets, and write the business case.
"""

import rules

from samskab.accounts import roles
from samskab.accounts.permissions import (
    is_chief,
    is_decision_maker,
    is_internal,
    is_unit_staff,
    member_of_any,
)
from samskab.teams.permissions import is_on_task_team

is_finance = member_of_any(roles.OEKONOMI, roles.ADMINISTRATOR)

rules.add_perm("finance.view_budget", is_unit_staff | is_finance | is_decision_maker)
rules.add_perm("finance.edit_budget", is_chief | is_finance)
rules.add_perm("finance.view_applications", is_unit_staff | is_finance | is_decision_maker)
rules.add_perm("finance.edit_applications", is_unit_staff | is_finance)
rules.add_perm("finance.view_task_economy", is_internal)
rules.add_perm("finance.edit_task_economy", is_on_task_team | is_finance)
rules.add_perm("finance.edit_rates", is_chief | is_finance)
