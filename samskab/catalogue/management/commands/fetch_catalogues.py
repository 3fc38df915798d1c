"""Queue a fetch of each subscribed catalogue feed that is due: ``manage.py fetch_catalogues``.

Run it from cron, e.g. every hour:
``0 * * * * cd /srv/samskab && .venv/bin/python manage.py fetch_catalogues``. A feed is
due when it was last tried longer ago than SAMSKAB_CATALOGUE_FETCH_MINUTES (or never).
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.catalogue.models import Subscription
from samskab.catalogue.tasks import fetch_subscription


class Command(BaseCommand):
    help = "Queue a fetch of each active subscription to another catalogue that is due."

    def handle(self, *args, **options):
        due_before = timezone.now() - timedelta(minutes=settings.SAMSKAB_CATALOGUE_FETCH_MINUTES)
        due = Subscription.objects.filter(active=True).filter(
            Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=due_before)
        )
        ids = list(due.values_list("pk", flat=True))
        for pk in ids:
            fetch_subscription.enqueue(pk)
        self.stdout.write(
            _("Catalogue feeds queued for fetching: %(count)d.") % {"count": len(ids)}
        )
