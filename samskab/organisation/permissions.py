"""Who may see and change the organisation, its people and their competencies.

Employees' work details are visible to everyone inside the municipality
(staff and politicians); people from outside (citizens, partners) only to the
innovation unit, which works with them. Administrators keep the organisation
and the competency list; the innovation unit registers people; everyone edits
their own profile.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_administrator, is_internal, is_unit_staff

from .models import Person


@rules.predicate
def is_self(user, person: Person | None) -> bool:
    return person is not None and user.is_authenticated and person.user_id == user.pk


@rules.predicate
def is_employee_record(user, person: Person | None) -> bool:
    return person is not None and person.kind == Person.Kind.EMPLOYEE


@rules.predicate
def is_logged_in(user) -> bool:
    return bool(user and user.is_authenticated)


rules.add_perm("organisation.view_person_directory", is_internal)
rules.add_perm("organisation.view_external_people", is_unit_staff)
rules.add_perm(
    "organisation.view_person",
    is_self | (is_internal & is_employee_record) | is_unit_staff,
)
rules.add_perm("organisation.add_person", is_unit_staff)
rules.add_perm("organisation.change_person", is_unit_staff)
rules.add_perm("organisation.edit_own_profile", is_logged_in)
rules.add_perm("organisation.view_orgunit", is_internal)
rules.add_perm("organisation.add_orgunit", is_administrator)
rules.add_perm("organisation.change_orgunit", is_administrator)
rules.add_perm("organisation.view_competency", is_internal)
rules.add_perm("organisation.add_competency", is_administrator)
rules.add_perm("organisation.change_competency", is_administrator)
rules.add_perm("organisation.import_organisation", is_administrator)


def get_person_for(user, pk: int, *, perm: str = "organisation.view_person") -> Person:
    """The only way views fetch a person: an outsider learns nothing, not even that it exists."""
    person = get_object_or_404(
        Person.objects.select_related("org_unit", "organisation", "user"), pk=pk
    )
    if not user.has_perm("organisation.view_person", person):
        raise Http404
    if perm != "organisation.view_person" and not user.has_perm(perm, person):
        raise PermissionDenied
    return person
