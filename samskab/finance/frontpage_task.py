"""The front page's panel "Tasks over budget": open tasks whose actual cost this year (the
expenses and the team's time) passes this year's budget, for the innovation chief, the
unit and the finance role."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.core import formatting
from samskab.dashboards import frontpage
from samskab.dashboards.frontpage import Item, Listing, Viewer

from . import queries_task
from .permissions import is_finance


def for_unit_and_finance(user) -> bool:
    return frontpage.for_unit(user) or bool(is_finance(user))


def _over_budget(viewer: Viewer, limit: int) -> Listing:
    rows = queries_task.tasks_over_budget(today=viewer.today)
    return Listing(
        items=[
            Item(
                row.task.title,
                reverse("finance:task-economy", args=[row.task.pk]),
                _("%(actual)s spent this year against a budget of %(budget)s")
                % {
                    "actual": formatting.kroner(row.actual),
                    "budget": formatting.kroner(row.budget),
                },
                flag=_("Over budget"),
            )
            for row in rows[:limit]
        ],
        more=len(rows) > limit,
    )


def register() -> None:
    frontpage.register(
        frontpage.Panel(
            "tasks-over-budget",
            gettext_lazy("Tasks over budget"),
            210,
            for_unit_and_finance,
            _over_budget,
            empty=gettext_lazy("No task has passed this year's budget."),
        )
    )
