"""Predicates for the roles of Samskab, shared by every app's permissions module."""

import rules

from . import roles


def _member_of_any(*group_names: str) -> rules.Predicate:
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


is_administrator = _member_of_any(roles.ADMINISTRATOR)
is_employee = _member_of_any(*roles.EMPLOYEE_ROLES)
is_internal = _member_of_any(*roles.EMPLOYEE_ROLES, *roles.POLITICAL_ROLES)
is_unit_staff = _member_of_any(roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF, roles.ADMINISTRATOR)
is_citizen = _member_of_any(roles.BORGER)
is_area_manager = _member_of_any(roles.OMRAADELEDER)
