"""Reminders the day before an event, as a django-tasks task.

``send_event_reminders`` (the management command, daily from cron) calls
``send_reminders``: everyone with a place at a published event that starts tomorrow
is e-mailed once (``SignUp.reminded_at`` records it, so running twice sends once; an
event moved to another day is reminded again).
"""

from datetime import date

from django_tasks import task

from . import services


@task()
def send_reminders(today: str | None = None) -> int:
    """Queue the reminders of tomorrow's events; returns how many were made."""
    return services.reminders_send(today=date.fromisoformat(today) if today else None)
