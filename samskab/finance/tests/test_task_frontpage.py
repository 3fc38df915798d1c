"""The front page's "Tasks over budget" for the chief, the unit and the finance role."""

from datetime import date

import pytest
from django.utils import timezone

from samskab.accounts import roles
from samskab.dashboards.frontpage import Viewer
from samskab.finance import frontpage_task

from .task_fixtures import *  # noqa: F403 - the fixtures

pytestmark = pytest.mark.django_db


def test_a_task_whose_actual_passes_this_years_budget_is_listed(
    personas, make_task, budget, spend, member, rate
):
    year = timezone.localdate().year
    over, within = make_task("Over"), make_task("Indenfor")
    budget(over, "1000", year=year)
    budget(within, "1000000", year=year)
    spend(over, "600", on=date(year, 1, 1))
    rate("specialist", "500")
    member(over, allocation=10, starts_on=date(year, 1, 1))  # at least a day: 10 % × 5,27 t
    spend(within, "600", on=date(year, 1, 1))
    listing = frontpage_task._over_budget(Viewer.of(personas[roles.OEKONOMI]), 5)
    assert [item.label for item in listing.items] == ["Over"]
    assert listing.items[0].flag


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        (roles.OEKONOMI, True),
        (roles.INNOVATIONSCHEF, True),
        (roles.INNOVATIONSENHED, True),
        (roles.MEDARBEJDER, False),
        (roles.DIREKTION, False),
    ],
)
def test_the_panel_is_for_the_chief_the_unit_and_finance(personas, persona, shown):
    assert frontpage_task.for_unit_and_finance(personas[persona]) is shown
