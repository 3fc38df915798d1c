"""Fetching other municipalities' catalogue feeds in the background (django-tasks)."""

import logging

from django.core.exceptions import ValidationError
from django_tasks import task

from . import services
from .models import Subscription

logger = logging.getLogger(__name__)


@task()
def fetch_subscription(subscription_id: int) -> int | None:
    """Fetch one active subscription's feed; the number of its entries, or None if refused.

    A refused feed is recorded on the subscription (``last_error``), never raised.
    """
    subscription = Subscription.objects.filter(pk=subscription_id, active=True).first()
    if subscription is None:
        return None
    try:
        return services.subscription_fetch(subscription=subscription)
    except ValidationError:
        return None  # recorded on the subscription and logged by the service
