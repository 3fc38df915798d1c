"""Every write of the notifications app: telling people things, and how often they want to hear.

Other apps call ``notify()`` (people with an account) or ``notify_email()``
(people without one) from inside their own services. Each call stores one
Notification per recipient in the caller's transaction; after commit a task
sends the immediate ones (tasks.py). The daily digest and the retries of
failed sends are tasks too. A mail server that is down delays an e-mail, it
never loses it, and a rolled-back action sends nothing.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import Truncator

from samskab.accounts.models import User

from .models import Notification, NotificationSetting
from .tasks import send_notification

Frequency = NotificationSetting.Frequency
SUBJECT_MAX_LENGTH = Notification._meta.get_field("subject").max_length


# Settings -------------------------------------------------------------------


def setting_for(user: User) -> NotificationSetting:
    """The user's setting; an unsaved default one (immediate) if they never chose."""
    setting = NotificationSetting.objects.filter(user=user).first()
    return setting if setting is not None else NotificationSetting(user=user)


def setting_update(*, user: User, frequency: str) -> NotificationSetting:
    """Set how often ``user`` gets e-mail: one of NotificationSetting.Frequency's values."""
    candidate = NotificationSetting(user=user, frequency=frequency)
    candidate.full_clean(exclude=["user"], validate_unique=False)  # a known frequency
    setting, _created = NotificationSetting.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    return setting


# Notifying ------------------------------------------------------------------


def notify(
    *, users: Iterable[User | None], subject: str, body: str, url: str
) -> list[Notification]:
    """Tell ``users`` something by e-mail, each as often as they chose.

    One Notification per user: sent right away (the default), kept for the
    daily digest (``digest=True``), or not made at all for users who chose
    never. Inactive users, users without a valid e-mail address and ``None``
    entries are skipped, so callers can pass e.g. ``[idea.owner]`` as is.
    ``url`` is a path on this site (``/ideer/12/``); the e-mail shows it as a
    full link. Returns the notifications made.
    """
    subject, url = _clean_subject(subject), _check_path(url)
    recipients: dict[int, User] = {}
    for user in users:
        if user is not None and user.is_active and _is_valid_email(user.email):
            recipients.setdefault(user.pk, user)
    frequencies = dict(
        NotificationSetting.objects.filter(user_id__in=recipients).values_list(
            "user_id", "frequency"
        )
    )
    notifications = []
    for pk, user in recipients.items():
        frequency = frequencies.get(pk, Frequency.IMMEDIATE)
        if frequency == Frequency.NONE:
            continue
        notifications.append(
            Notification(
                user=user,
                email=user.email,
                subject=subject,
                body=body,
                url=url,
                digest=frequency == Frequency.DAILY,
            )
        )
    return _store(notifications)


def notify_email(*, email: str, subject: str, body: str, url: str) -> Notification:
    """Tell someone without an account something, right away (they have no setting).

    For anonymous submitters who left an e-mail address. Raises
    ValidationError if ``email`` is not a valid address.
    """
    notification = Notification(
        email=email.strip(),
        subject=_clean_subject(subject),
        body=body,
        url=_check_path(url),
    )
    (stored,) = _store([notification])
    return stored


def _store(notifications: list[Notification]) -> list[Notification]:
    for notification in notifications:
        # The user was loaded by the caller; checking the foreign key again costs a query each.
        notification.full_clean(exclude=["user"])
    created = Notification.objects.bulk_create(notifications)
    for notification in created:
        if not notification.digest:
            transaction.on_commit(
                lambda pk=notification.pk: _enqueue(pk),
                robust=True,  # a queue that refuses leaves it unsent, for send_pending
            )
    return created


def _enqueue(notification_id: int) -> None:
    send_notification.enqueue(notification_id)


def _clean_subject(subject: str) -> str:
    """One line (an e-mail header may not break) that fits the field."""
    return Truncator(" ".join(subject.split())).chars(SUBJECT_MAX_LENGTH)


def _check_path(url: str) -> str:
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError(f"A notification's url is a path on this site, not {url!r}.")
    return url


def _is_valid_email(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True
