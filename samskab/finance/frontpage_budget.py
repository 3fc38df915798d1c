"""The front page's panel of fund application deadlines, for the finance role and the chief."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.core.formatting import kroner
from samskab.dashboards import frontpage
from samskab.dashboards.frontpage import Item, Listing, Viewer

from . import queries_budget
from .permissions import is_finance


def for_finance_and_chief(user) -> bool:
    return bool(frontpage.for_chief(user) or (user.is_authenticated and is_finance(user)))


def _deadlines(viewer: Viewer, limit: int) -> Listing:
    applications, more = frontpage.bounded(
        queries_budget.deadlines_within(today=viewer.today), limit
    )
    items = []
    for application in applications:
        left = (application.deadline - viewer.today).days
        items.append(
            Item(
                application.title,
                reverse("finance:application-detail", args=[application.pk]),
                _("%(source)s · %(amount)s · deadline %(day)s")
                % {
                    "source": application.source.name,
                    "amount": kroner(application.amount_sought),
                    "day": formats.date_format(application.deadline),
                },
                flag=_("In %(days)d days") % {"days": left} if left <= 3 else "",
            )
        )
    return Listing(items=items, more=more, see_all=reverse("finance:application-list"))


def register() -> None:
    frontpage.register(
        frontpage.Panel(
            "finance-deadlines",
            gettext_lazy("Application deadlines"),
            215,
            for_finance_and_chief,
            _deadlines,
            empty=gettext_lazy("No application has its deadline within 30 days."),
        )
    )
