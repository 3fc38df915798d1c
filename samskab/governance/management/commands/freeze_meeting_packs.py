"""Freeze the pack of every meeting that has begun (run every 15 minutes, e.g. by cron)."""

from django.core.management.base import BaseCommand

from samskab.governance.services import meeting_pack_freeze_begun


class Command(BaseCommand):
    help = "Keep the meeting pack of every meeting that has begun as it was when it began."

    def handle(self, *args, **options):
        frozen = meeting_pack_freeze_begun()
        self.stdout.write(f"{frozen} meeting pack(s) frozen.")
