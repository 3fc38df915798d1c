"""Retry notifications the mail server did not take: ``manage.py send_pending_notifications``.

Run it from cron, e.g. every 15 minutes; a notification is tried at most
five times in all.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samskab.notifications.tasks import send_pending


class Command(BaseCommand):
    help = "Try again to send notifications that have not gone out because of a mail error."

    def handle(self, *args, **options):
        count = send_pending.call()
        self.stdout.write(_("Pending notifications sent: %(count)d.") % {"count": count})
