"""Send the daily digest e-mails: ``manage.py send_digests``, from cron once a day.

For example ``0 7 * * * cd /srv/samskab && .venv/bin/python manage.py send_digests``.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samskab.notifications.tasks import send_daily_digests


class Command(BaseCommand):
    help = "Send each person who chose a daily e-mail one e-mail with their new notifications."

    def handle(self, *args, **options):
        count = send_daily_digests.call()
        self.stdout.write(_("Daily digests sent: %(count)d.") % {"count": count})
