"""Reads about accounts shared by the admin and the services."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.apps import apps
from django.db import models

from .models import User

# What belongs to the account itself and goes with it: not content.
ACCOUNT_ONLY = {
    "account.emailaddress",
    "mfa.authenticator",
    "notifications.notificationsetting",
    "notifications.notification",
    "organisation.person",  # the person's own references are looked at below
    "socialaccount.socialaccount",
    "socialaccount.socialtoken",
}


def _references_to(model: type[models.Model]) -> Iterator[tuple[type[models.Model], str]]:
    """Every model with a foreign key (or one-to-one) to ``model``, and that key's name."""
    for field in model._meta.get_fields(include_hidden=True):
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one):
            yield field.related_model, field.field.name


def _kind(model: type[models.Model]) -> str:
    """What a row of ``model`` is, for people: a history row is of its model, and so on."""
    shown = model._meta.auto_created or getattr(model, "instance_type", None) or model
    return str(shown._meta.verbose_name_plural)


def content_of(users: Iterable[User]) -> dict[int, list[str]]:
    """What in Samskab is by or about each of ``users``, as kinds by name; users with none left out.

    Every row in any app that points at the user, or at the user's person record
    (ideas, supports, follows, comments, decisions, team memberships, history, the
    admin's log ...), except what belongs to the account only (e-mail addresses,
    two-factor keys, notification settings and notifications, roles). Found through
    the models' relations, so a new app's references count without a change here;
    one query per referring model.
    """
    ids = [user.pk for user in users]
    found: dict[int, set[str]] = defaultdict(set)
    own = {User.groups.through, User.user_permissions.through}
    for model, key in _references_to(User):
        if model in own or model._meta.label_lower in ACCOUNT_ONLY:
            continue
        rows = model._base_manager.filter(**{f"{key}__in": ids})
        for user_id in rows.values_list(key, flat=True).distinct():
            found[user_id].add(_kind(model))
    person_model = apps.get_model("organisation", "Person")
    owners = dict(person_model.objects.filter(user__in=ids).values_list("pk", "user"))
    if owners:
        for model, key in _references_to(person_model):
            rows = model._base_manager.filter(**{f"{key}__in": list(owners)})
            for person_id in rows.values_list(key, flat=True).distinct():
                found[owners[person_id]].add(_kind(model))
    return {user_id: sorted(kinds) for user_id, kinds in found.items()}


def user_with_verified_email(email: str) -> User | None:
    """The active user who has verified ``email`` (any case), if there is one."""
    address = (
        EmailAddress.objects.filter(
            email__iexact=email.strip(), verified=True, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    return address.user if address is not None else None


class VerifiedCompany(NamedTuple):
    """The company a person acts for, as MitID Erhverv vouched for it at their login."""

    cvr: str
    name: str


def verified_company(user) -> VerifiedCompany | None:
    """The company of ``user``'s MitID Erhverv login, or None (accounts/mitid.py)."""
    if user is None or not user.is_authenticated:
        return None
    for extra in SocialAccount.objects.filter(user=user, provider="saml").values_list(
        "extra_data", flat=True
    ):
        if isinstance(extra, dict) and extra.get("cvr"):
            return VerifiedCompany(cvr=extra["cvr"], name=extra.get("org_name") or extra["cvr"])
    return None
