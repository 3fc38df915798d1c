"""Who may read the dashboards.

The council report is made for the forums that govern the portfolio and for the
unit that prepares their meetings: kommunalbestyrelse, the task committee,
direktion, chefforum, the innovation unit and chief, and administrators. Area
managers and employees follow their own tasks on the portfolio's pages.

The funnel and flow is for everyone inside the municipality, as the benefit
roll-up beside it: it counts every idea, published or not, and names no one.
The open data is public: anyone, also without logging in, sees the published
part of it (dashboards/opendata.py says what that is).
"""

import rules

from samskab.accounts import roles
from samskab.accounts.permissions import is_internal, member_of_any

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
rules.add_perm("dashboards.view_funnel", is_internal)
rules.add_perm("dashboards.view_open_data", rules.always_allow)
