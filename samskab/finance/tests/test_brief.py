"""The meeting pack's "Money" section: cost to date, funding secured and payback."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.finance.models import BusinessCase, BusinessCaseLine
from samskab.governance import briefs

from .task_fixtures import *  # noqa: F403 - the fixtures

pytestmark = pytest.mark.django_db


def _case(task):
    case = BusinessCase.objects.create(task=task, discount_rate=Decimal("3.5"), first_year=2026)
    for kind, year, value in (
        ("investment", 2026, 300),
        ("gain_budget", 2026, 200),
        ("gain_other", 2027, 200),
    ):
        BusinessCaseLine.objects.create(
            case=case, kind=kind, year=year, low=value, expected=value, high=value
        )
    return case


def test_the_brief_shows_the_three_figures(task, make_task, fund, spend):
    fund(task, "250000")
    spend(task, "1234.50", on=timezone.localdate())
    spend(task, "99999", on=timezone.localdate() + timedelta(days=30))  # not spent yet
    _case(task)
    empty = make_task("Uden økonomi")
    brief, other = briefs.briefs_for([task, empty])
    part = next(p for p in brief.parts if p.key == "money")
    assert not part.pending
    assert part.text == (
        "Omkostninger til dato: 1.234,50\xa0kr.\nSikret finansiering: 250.000\xa0kr.\n"
        "Tilbagebetalingstid: 1,5 år"
    )
    assert next(p for p in other.parts if p.key == "money").text == (
        "Ingen finansiering eller omkostninger registreret endnu."
    )


def test_a_pack_of_40_costs_what_a_pack_of_2_costs(make_task, fund, spend, member, rate):
    section = next(s for s in briefs.sections() if s.key == "money")
    rate("specialist", "500")

    def cost(tasks):
        with CaptureQueriesContext(connection) as captured:
            section.prefetch(tasks, [])
            for task in tasks:
                section.render(task)
        return len(captured.captured_queries)

    tasks = []
    for i in range(40):
        task = make_task(f"Opgave {i}")
        fund(task, "1000")
        spend(task, "10")
        member(task, starts_on=date(2025, 1, 1))
        _case(task)
        tasks.append(task)
    assert cost(tasks[:2]) == cost(tasks) == 6
