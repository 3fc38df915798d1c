"""Who may see the overview pages.

The funnel and flow is for everyone inside the municipality, as the benefit
roll-up beside it: it counts every idea, published or not, and names no one.
The open data is public: anyone, also without logging in, sees the published
part of it (dashboards/opendata.py says what that is).
"""

import rules

from samskab.accounts.permissions import is_internal

rules.add_perm("dashboards.view_funnel", is_internal)
rules.add_perm("dashboards.view_open_data", rules.always_allow)
