"""Predicates for the roles of Samskab, shared by every app's permissions module."""

from collections.abc import Iterable

import rules

from . import roles
from .models import User


def member_of_any(*group_names: str) -> rules.Predicate:
    wanted = frozenset(group_names)

    @rules.predicate(name=f"member_of_any({','.join(group_names)})")
    def predicate(user) -> bool:
        if not user or not user.is_authenticated:
            return False
        if user.is_superuser:
            return True
        # rules' own group cache: one query per request and user.
        if not hasattr(user, "_group_names_cache"):
            user._group_names_cache = set(user.groups.values_list("name", flat=True))
        return bool(wanted & user._group_names_cache)

    return predicate


def load_groups(users: Iterable) -> None:
    """Read the groups of many users in one query, for rights checked for each of them."""
    users = [user for user in users if not hasattr(user, "_group_names_cache")]
    if not users:
        return
    names: dict[int, set[str]] = {user.pk: set() for user in users}
    memberships = User.groups.through.objects.filter(user_id__in=names)
    for user_id, name in memberships.values_list("user_id", "group__name"):
        names[user_id].add(name)
    for user in users:
        user._group_names_cache = names[user.pk]


is_administrator = member_of_any(roles.ADMINISTRATOR)
is_employee = member_of_any(*roles.EMPLOYEE_ROLES)
is_internal = member_of_any(*roles.EMPLOYEE_ROLES, *roles.POLITICAL_ROLES)
is_unit_staff = member_of_any(roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF, roles.ADMINISTRATOR)
is_citizen = member_of_any(roles.BORGER)
is_area_manager = member_of_any(roles.OMRAADELEDER)
is_chief = member_of_any(roles.INNOVATIONSCHEF, roles.ADMINISTRATOR)
is_decision_maker = member_of_any(roles.DIREKTION, roles.CHEFFORUM, roles.ADMINISTRATOR)
is_committee_member = member_of_any(roles.OPGAVEUDVALG)
is_council_member = member_of_any(roles.KOMMUNALBESTYRELSE)
