"""Reminders of fund application deadlines and grant reports, as a django-tasks task.

``send_finance_reminders`` (the management command, daily from cron) calls
``send_reminders``. The application's responsible person is notified through the
notifications app, so their setting applies (right away, in the daily digest, or not at
all):

- 14 days and 3 days before the deadline of an application not yet submitted;
- 14 days before a grant report is due, while it is not done.

Each reminder is sent once: the application's ``deadline_reminded_on`` and the report's
``reminded_on`` record the day it went. A deadline moved later is reminded again.
"""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from samskab.notifications.services import notify

from .models import Application, GrantReport

FIRST = 14  # days before a deadline or a due date
LAST = 3  # days before a deadline
OPEN = (Application.Status.IDEA, Application.Status.DRAFTING)


def _day(day: date) -> str:
    return formats.date_format(day, "j. F Y")


def applications_to_remind(today: date) -> list[Application]:
    """Open applications whose deadline is 14 days away or less and who were not reminded since
    it came within 14 days; or 3 days away or less, not reminded since it came within 3."""
    candidates = (
        Application.objects.filter(
            status__in=OPEN, deadline__gte=today, deadline__lte=today + timedelta(days=FIRST)
        )
        .select_related("responsible__user", "source")
        .order_by("deadline", "pk")
    )
    due = []
    for application in candidates:
        left = (application.deadline - today).days
        window_opened = application.deadline - timedelta(days=LAST if left <= LAST else FIRST)
        reminded = application.deadline_reminded_on
        if reminded is None or reminded < window_opened:
            due.append(application)
    return due


def reports_to_remind(today: date):
    return (
        GrantReport.objects.filter(
            done_on__isnull=True,
            reminded_on__isnull=True,
            due_on__lte=today + timedelta(days=FIRST),
        )
        .exclude(application__status__in=[Application.Status.REFUSED, Application.Status.WITHDRAWN])
        .select_related("application__responsible__user")
        .order_by("due_on", "pk")
    )


@task()
def send_reminders(today: str | None = None) -> int:
    """Queue today's reminders; returns how many were made."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    count = 0
    with override("da"), transaction.atomic():
        applications = applications_to_remind(day)
        for application in applications:
            left = (application.deadline - day).days
            notify(
                users=[application.responsible.user],
                subject=_("Application deadline in %(days)d days: %(title)s")
                % {"days": left, "title": application.title},
                body=_(
                    "The application %(title)s to %(source)s has its deadline on %(day)s. "
                    "You are responsible for it."
                )
                % {
                    "title": application.title,
                    "source": application.source,
                    "day": _day(application.deadline),
                },
                url=reverse("finance:application-detail", args=[application.pk]),
            )
            count += 1
        Application.objects.filter(pk__in=[application.pk for application in applications]).update(
            deadline_reminded_on=day
        )
        reports = list(reports_to_remind(day))
        for report in reports:
            application = report.application
            notify(
                users=[application.responsible.user],
                subject=_("Grant report due %(day)s: %(title)s")
                % {"day": _day(report.due_on), "title": report.title},
                body=_(
                    "The report %(report)s on the grant %(title)s is due on %(day)s. "
                    "Mark it as submitted when it is sent."
                )
                % {
                    "report": report.title,
                    "title": application.title,
                    "day": _day(report.due_on),
                },
                url=reverse("finance:application-detail", args=[application.pk]),
            )
            count += 1
        GrantReport.objects.filter(pk__in=[report.pk for report in reports]).update(reminded_on=day)
    return count
