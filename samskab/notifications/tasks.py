"""Sending notifications, as django-tasks tasks.

A task is run with ``.enqueue(...)`` (in the background; what the services
do) or ``.call(...)`` (right here; what the management commands do).

A notification counts as sent only once the mail server has taken it. Until
then it stays in the database: a failed send adds one to ``attempts`` and is
logged, never raised, and ``send_pending`` tries again later (at most
``MAX_ATTEMPTS`` times in all). Delivery is at least once: should a retry run
while the first send is still talking to the mail server, the person may get
the e-mail twice, but never zero times.
"""

import logging
import smtplib
from collections.abc import Callable
from datetime import timedelta
from itertools import groupby
from operator import attrgetter

from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from . import emails
from .models import Notification, NotificationSetting

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# A notification never tried for this long has lost its task (a queue that was
# down when it was made); younger ones may still be waiting in the queue.
UNQUEUED_AFTER = timedelta(minutes=10)


@task()
def send_notification(notification_id: int) -> bool:
    """Send one notification on its own; True if the mail server took it."""
    notification = Notification.objects.filter(
        pk=notification_id, digest=False, sent_at__isnull=True
    ).first()
    if notification is None:  # sent already by a retry, or deleted with its user
        return False
    return _send(
        [notification],
        build=lambda: emails.notification_message(notification),
    )


@task()
def send_daily_digests() -> int:
    """Send everyone with digest notifications one e-mail listing them all; returns e-mails sent.

    People who have since chosen no e-mail at all, are inactive or have no
    address are skipped; their notifications stay unsent. A digest the mail
    server refuses is tried again on the next run.
    """
    pending = (
        Notification.objects.filter(digest=True, sent_at__isnull=True, user__isnull=False)
        .select_related("user")
        .order_by("user_id", "created_at", "pk")
    )
    silenced = set(
        NotificationSetting.objects.filter(
            frequency=NotificationSetting.Frequency.NONE
        ).values_list("user_id", flat=True)
    )
    sent = 0
    for user_id, group in groupby(list(pending), key=attrgetter("user_id")):
        items = list(group)
        user = items[0].user
        if user_id in silenced or not user.is_active or not user.email:
            continue
        sent += _send(
            items,
            build=lambda user=user, items=items: emails.digest_message(
                email=user.email, notifications=items
            ),
        )
    return sent


@task()
def send_pending() -> int:
    """Try again to send immediate notifications that have not gone out; returns how many went."""
    retry = Notification.objects.filter(
        Q(attempts__gt=0) | Q(created_at__lt=timezone.now() - UNQUEUED_AFTER),
        digest=False,
        sent_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
    )
    return sum(
        _send([notification], build=lambda n=notification: emails.notification_message(n))
        for notification in list(retry)
    )


def _send(notifications: list[Notification], *, build: Callable[[], EmailMessage]) -> bool:
    """Send the e-mail ``build()`` makes for ``notifications``; mark them sent, or count a try."""
    ids = [notification.pk for notification in notifications]
    try:
        build().send()
    except (smtplib.SMTPException, OSError):  # refused, timed out, unreachable, ...
        logger.warning("E-mail for notifications %s not sent; will try again.", ids, exc_info=True)
    except Exception:
        # Not the mail server's fault (a bad address, a template error): log it as an error,
        # but let the caller and the other notifications go on.
        logger.exception("E-mail for notifications %s not sent.", ids)
    else:
        Notification.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=timezone.now())
        return True
    Notification.objects.filter(pk__in=ids).update(attempts=F("attempts") + 1)
    return False
