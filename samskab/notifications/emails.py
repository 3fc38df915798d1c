"""The e-mails themselves: plain text, in the site's language (Danish), with absolute links.

They are written in a task, outside any request, or inside a request in
another language than the recipient's; so the language is always the site's.
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from .models import Notification


def absolute_url(path: str) -> str:
    """A path on this site as a link that works from an e-mail program."""
    return f"{settings.SAMSKAB_BASE_URL.rstrip('/')}{path}" if path else ""


def _context() -> dict:
    return {
        "municipality_name": settings.SAMSKAB_MUNICIPALITY_NAME,
        "contact_email": settings.SAMSKAB_CONTACT_EMAIL,
        "settings_link": absolute_url(reverse("notifications:settings")),
    }


def _subject(text: str) -> str:
    return f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{text}"


def notification_message(notification: Notification) -> EmailMessage:
    """The e-mail for one notification sent on its own."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "notifications/email/notification.txt",
            {
                **_context(),
                "notification": notification,
                "link": absolute_url(notification.url),
                "has_account": notification.user_id is not None,
            },
        )
    return EmailMessage(subject=_subject(notification.subject), body=body, to=[notification.email])


def digest_message(*, email: str, notifications: Sequence[Notification]) -> EmailMessage:
    """The daily e-mail that lists ``notifications`` (one person's, oldest first)."""
    count = len(notifications)
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "Your daily summary: %(count)d new message",
            "Your daily summary: %(count)d new messages",
            count,
        ) % {"count": count}
        body = render_to_string(
            "notifications/email/digest.txt",
            {
                **_context(),
                "count": count,
                "items": [
                    {"notification": item, "link": absolute_url(item.url)} for item in notifications
                ],
            },
        )
    return EmailMessage(subject=_subject(subject), body=body, to=[email])
