"""Who may see and change teams, competency needs, learning records and the unit's capacity.

Teams are part of the task, which is internal: whoever may see the task sees
its team (staff and politicians; external participants have no staff login and
see nothing internal). The innovation unit and the task's owner manage needs
and the team. The unit records learning; the unit and the executive board and
heads' forum see the unit's capacity.
"""

import rules

from samskab.accounts.permissions import is_decision_maker, is_internal, is_unit_staff
from samskab.portfolio.permissions import is_task_owner

rules.add_perm("teams.view_team", is_internal)
rules.add_perm("teams.manage_team", is_unit_staff | is_task_owner)
rules.add_perm("teams.view_heatmap", is_internal)
rules.add_perm("teams.record_learning", is_unit_staff)
rules.add_perm("teams.view_capacity", is_unit_staff | is_decision_maker)
rules.add_perm("teams.edit_capacity", is_unit_staff)
