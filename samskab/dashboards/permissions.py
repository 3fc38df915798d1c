"""Who may read the dashboards.

The council report is made for the forums that govern the portfolio and for the
unit that prepares their meetings: kommunalbestyrelse, the task committee,
direktion, chefforum, the innovation unit and chief, and administrators. Area
managers and employees follow their own tasks on the portfolio's pages.
"""

import rules

from samskab.accounts import roles
from samskab.accounts.permissions import member_of_any

reads_the_council_report = member_of_any(
    roles.KOMMUNALBESTYRELSE,
    roles.OPGAVEUDVALG,
    roles.DIREKTION,
    roles.CHEFFORUM,
    roles.INNOVATIONSENHED,
    roles.INNOVATIONSCHEF,
    roles.ADMINISTRATOR,
)
rules.add_perm("dashboards.view_council_report", reads_the_council_report)
