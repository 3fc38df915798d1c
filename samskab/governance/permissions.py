"""Who may see meetings and decisions, and who may record what for which forum.

Direktion and chefforum decide on tasks; the task committee records only
recommendations; the council and the innovation chief record their advice.
The innovation unit prepares meetings (the secretariat) but does not decide.
"""

import rules

from samskab.accounts import roles
from samskab.accounts.permissions import (
    is_committee_member,
    is_council_member,
    is_decision_maker,
    is_internal,
    is_unit_staff,
    member_of_any,
)

from .models import Forum

is_meeting_participant = member_of_any(
    roles.DIREKTION,
    roles.CHEFFORUM,
    roles.OPGAVEUDVALG,
    roles.KOMMUNALBESTYRELSE,
    roles.INNOVATIONSENHED,
    roles.INNOVATIONSCHEF,
    roles.ADMINISTRATOR,
)
is_chief_only = member_of_any(roles.INNOVATIONSCHEF)


@rules.predicate
def may_record_for(user, forum: Forum | None) -> bool:
    if forum is None:
        return bool(
            is_decision_maker(user)
            or is_committee_member(user)
            or is_council_member(user)
            or is_chief_only(user)
        )
    return {
        Forum.Kind.EXECUTIVE: is_decision_maker,
        Forum.Kind.COMMITTEE: is_committee_member,
        Forum.Kind.COUNCIL: is_council_member,
        Forum.Kind.CHIEF: is_chief_only,
    }[forum.kind](user)


rules.add_perm("governance.view_meetings", is_meeting_participant)
rules.add_perm("governance.add_meeting", is_unit_staff | is_decision_maker)
rules.add_perm("governance.view_decisions", is_internal)
rules.add_perm("governance.record_decision", may_record_for)
