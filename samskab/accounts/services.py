"""Writes to accounts that other parts of Samskab (the admin first) call."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.organisation.models import Person

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
