"""Writes to accounts that other parts of Samskab (the admin first) call."""

from collections.abc import Iterable, Mapping, Sequence

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.organisation.models import Person

from . import roles
from .models import User
from .queries import content_of

DEACTIVATE_ACTION = gettext_lazy("Deactivate the selected users")


def deletion_refusal(users: Sequence[User], content: dict[int, list[str]]) -> str:
    """Why ``users`` cannot be deleted, and what to do instead, in the user's language."""
    instead = _(
        "Deactivate the user instead: untick “Active” and save, or use the action "
        "“%(action)s”. The user can then no longer log in, and what they did stays."
    ) % {"action": DEACTIVATE_ACTION}
    if len(users) == 1:
        (user,) = users
        return "{} {}".format(
            _("%(user)s cannot be deleted: Samskab has %(content)s by or about them.")
            % {"user": user.get_username(), "content": ", ".join(content[user.pk])},
            instead,
        )
    return "{} {}".format(
        _("These users cannot be deleted, because Samskab has content by or about them: %(users)s.")
        % {"users": ", ".join(user.get_username() for user in users)},
        instead,
    )


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete an account with nothing in Samskab, and a citizen's own person record with it.

    Refused for a user with content (see ``queries.content_of``): deleting would lose
    it, or leave it with counts that no longer add up and the person's name and
    e-mail address behind. Such a user is deactivated instead.
    """
    content = content_of([user])
    if content:
        raise ValidationError(deletion_refusal([user], content))
    # A citizen's person record only describes the account; an employee's is the HR record.
    Person.objects.filter(user=user, kind=Person.Kind.CITIZEN).delete()
    user.delete()


@transaction.atomic
def users_deactivate(*, users: Iterable[User]) -> int:
    """Stop users from logging in, keeping everything they did. Returns how many changed."""
    changed = 0
    for user in users:
        if user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
            changed += 1
    return changed


class LoginRefused(Exception):
    """A login through an identity provider that Samskab will not let in, with why (Danish first)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _unique_username(base: str) -> str:
    base = slugify(base)[:120] or "bruger"
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


def _new_user(*, username: str, email: str, first_name: str = "", last_name: str = "") -> User:
    """An account that logs in through an identity provider only: it has no password."""
    if email and User.objects.filter(email__iexact=email).exists():
        email = ""  # Another account has the address; e-mail addresses stay unique.
    user = User(
        username=_unique_username(username),
        email=email,
        first_name=first_name[:150],
        last_name=last_name[:150],
    )
    user.set_unusable_password()
    user.save()
    return user


def _claim(claims: Mapping, name: str) -> str:
    value = claims.get(name)
    return str(value).strip() if isinstance(value, str | int) else ""


@transaction.atomic
def employee_for_login(*, claims: Mapping, employee_id_claim: str, trust_email: bool) -> User:
    """The account of the employee an identity provider vouches for, made at the first login.

    The employee is found among the organisation's people by their id in the HR system
    (the claim ``employee_id_claim``) or else by their e-mail address, when the provider
    says it is verified (``email_verified``, or ``trust_email`` for a provider that
    only hands out its own verified addresses). Nobody else is let in.
    """
    employees = Person.objects.filter(kind=Person.Kind.EMPLOYEE).select_related("user")
    person = None
    employee_id = _claim(claims, employee_id_claim)
    if employee_id:
        person = employees.filter(external_id=employee_id).first()
    email = _claim(claims, "email")
    email_verified = claims.get("email_verified") in (True, "true", "True", "1") or trust_email
    if person is None and email and email_verified:
        matches = list(employees.filter(email__iexact=email)[:2])
        if len(matches) == 1:
            (person,) = matches
    if person is None:
        raise LoginRefused(
            _(
                "Your work account is not in Samskab's list of the municipality's employees. "
                "Ask the innovation unit to add you, or log in with your password."
            )
        )
    if person.user is not None:
        if not person.user.is_active:
            raise LoginRefused(_("Your account in Samskab is deactivated."))
        return person.user
    user = _new_user(
        username=email.split("@")[0] if email else f"medarbejder-{person.pk}",
        email=person.email or (email if email_verified else ""),
        first_name=_claim(claims, "given_name"),
        last_name=_claim(claims, "family_name"),
    )
    user.groups.add(Group.objects.get(name=roles.MEDARBEJDER))
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return user


@transaction.atomic
def employee_roles_follow(*, user: User, provider_groups: Iterable[str], mapping: Mapping) -> None:
    """Give the employee the roles their provider's groups map to, and take the mapped rest away.

    Only the roles named in ``mapping`` (provider group → role) follow the provider;
    roles given in Samskab that no group maps to stay as they are.
    """
    managed = {role for role in mapping.values() if role in roles.ALL}
    if not managed:
        return
    wanted = {mapping[group] for group in provider_groups if mapping.get(group) in managed}
    wanted.add(roles.MEDARBEJDER)
    groups = {group.name: group for group in Group.objects.filter(name__in=managed | wanted)}
    current = set(user.groups.filter(name__in=groups).values_list("name", flat=True))
    to_add = [groups[name] for name in wanted - current]
    to_remove = [groups[name] for name in (managed - wanted) & current]
    if to_add:
        user.groups.add(*to_add)
    if to_remove:
        user.groups.remove(*to_remove)


@transaction.atomic
def citizen_for_mitid_login(*, uid: str, name: str, email: str, cvr: str = "") -> User:
    """The account of a citizen or company representative logging in with MitID the first time.

    The account knows the person by MitID's pseudonymous identifier only (kept by
    allauth with the login); a CPR number never reaches it. A company representative
    (MitID Erhverv, ``cvr``) belongs to the organisation of that CVR number in the
    network, when Samskab knows it.
    """
    from samskab.network.models import Organisation

    user = _new_user(username=f"mitid-{uid[:12]}", email=email)
    user.groups.add(Group.objects.get(name=roles.BORGER))
    Person.objects.create(
        user=user,
        name=name or _("MitID user"),
        email=user.email,
        kind=Person.Kind.COMPANY if cvr else Person.Kind.CITIZEN,
        organisation=Organisation.objects.filter(cvr=cvr).first() if cvr else None,
    )
    return user
