"""Remind participants of tomorrow's events: ``manage.py send_event_reminders``, from cron
once a day, e.g. ``0 7 * * * cd /srv/samskab && .venv/bin/python manage.py
send_event_reminders``.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from samskab.events.tasks import send_reminders


class Command(BaseCommand):
    help = "E-mail everyone with a place at tomorrow's events a reminder (once each)."

    def handle(self, *args, **options):
        count = send_reminders.call()
        self.stdout.write(_("Event reminders made: %(count)d.") % {"count": count})
