"""Personas for tests: one user per role of DESIGN §5, each with a person record.

anonymous            not logged in
borger               a citizen
medarbejder          an employee
omraadeleder         an area manager
innovationsenhed     innovation unit staff
innovationschef      the innovation chief
direktion            a member of the executive board
chefforum            a member of the heads' forum
opgaveudvalg         a member of the task committee
kommunalbestyrelse   a member of the municipal council
administrator        an administrator (superuser, may use the admin)
"""

from django.contrib.auth.models import Group

from samskab.accounts import roles
from samskab.accounts.models import User
from samskab.organisation.models import OrgUnit, Person

PERSONAS = ("anonymous", *roles.ALL)

_EXTRA_GROUPS = {
    roles.OMRAADELEDER: (roles.MEDARBEJDER,),
    roles.INNOVATIONSENHED: (roles.MEDARBEJDER,),
    roles.INNOVATIONSCHEF: (roles.MEDARBEJDER, roles.INNOVATIONSENHED),
    roles.DIREKTION: (roles.MEDARBEJDER,),
    roles.CHEFFORUM: (roles.MEDARBEJDER,),
    roles.ADMINISTRATOR: (roles.MEDARBEJDER,),
}


def make_persona(role: str, *, unit: OrgUnit | None = None) -> User:
    """A user holding ``role`` (one of roles.ALL), with a person record of the fitting kind."""
    user = User.objects.create_user(
        username=f"persona-{role}",
        email=f"{role}@persona.samskab.test",
        password="persona-password",
        is_superuser=role == roles.ADMINISTRATOR,
        is_staff=role == roles.ADMINISTRATOR,
    )
    user.groups.set(Group.objects.filter(name__in=(role, *_EXTRA_GROUPS.get(role, ()))))
    if role == roles.BORGER:
        kind = Person.Kind.CITIZEN
    elif role in roles.POLITICAL_ROLES:
        kind = Person.Kind.POLITICIAN
    else:
        kind = Person.Kind.EMPLOYEE
    Person.objects.create(
        user=user,
        kind=kind,
        name=f"Persona {role}",
        email=user.email,
        org_unit=unit if kind == Person.Kind.EMPLOYEE else None,
    )
    return user
