"""Remind of fund application deadlines and grant reports: ``manage.py send_finance_reminders``,
from cron once a day, e.g. ``30 6 * * * cd /srv/samskab && .venv/bin/python manage.py
send_finance_reminders``.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samskab.finance.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Notify the person responsible for a fund application 14 and 3 days before its "
        "deadline, and 14 days before a grant report is due (once each)."
    )

    def handle(self, *args, **options):
        count = send_reminders.call()
        self.stdout.write(_("Finance reminders made: %(count)d.") % {"count": count})
