"""Gains taken home lower the owning area's budget from the year after, on a page of their own
and on the task's business case."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.finance import queries_case
from samskab.organisation.models import OrgUnit

from .test_case_fixtures import *  # noqa: F403 (the fixtures)

pytestmark = pytest.mark.django_db
URL = "/oekonomi/hjemtagne-gevinster/"


def test_gains_reduce_the_budget_from_the_year_after_and_on(task, signed_agreement, take_home):
    _agreement, line = signed_agreement(task)
    take_home(line, "1000", end=date(2025, 12, 31))
    take_home(line, "500", end=date(2026, 3, 31))
    take_home(line, "250", end=date(2026, 6, 30))
    rows = queries_case.taken_home()
    assert [(row.from_year, row.amount, row.reduction) for row in rows] == [
        (2026, Decimal("1000"), Decimal("1000")),
        (2027, Decimal("750"), Decimal("1750")),
    ]
    assert rows[0].area == task.owning_area.name


def test_gains_not_taken_home_do_not_count(task, signed_agreement, staff):
    from samskab.benefits.models import BenefitRealisation

    _agreement, line = signed_agreement(task)
    BenefitRealisation.objects.create(
        line=line,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        value=Decimal("900"),
        evidence="x",
        recorded_by=staff,
    )
    assert queries_case.taken_home() == []


def test_finance_staff_see_the_gains_taken_home(client, finance, task, signed_agreement, take_home):
    _agreement, line = signed_agreement(task)
    take_home(line, "12345")
    client.force_login(finance)
    response = client.get(URL)
    assert response.status_code == 200
    assert "12.345" in response.content.decode()


def test_an_employee_may_not_see_the_gains_taken_home_of_every_area(client, personas):
    client.force_login(personas[roles.MEDARBEJDER])
    assert client.get(URL).status_code == 403


def test_the_business_case_shows_the_tasks_gains_taken_home(
    client, personas, case, signed_agreement, take_home
):
    _agreement, line = signed_agreement(case.task)
    take_home(line, "4321")
    client.force_login(personas[roles.MEDARBEJDER])
    page = client.get(reverse("finance:case-detail", args=[case.task.pk])).content.decode()
    assert "4.321" in page


def test_the_page_runs_one_grouped_query_for_many_areas(
    client, django_assert_num_queries, finance, unit, make_task, signed_agreement, take_home
):
    for index in range(5):
        area = OrgUnit.objects.create(
            name=f"Område {index}", kind="omraade", parent=unit.parent.parent
        )
        _agreement, line = signed_agreement(make_task(f"Opgave {index}", owning_area=area))
        for year in (2024, 2025, 2026):
            take_home(line, "100", end=date(year, 6, 30))
    client.force_login(finance)
    client.get(URL)
    with django_assert_num_queries(3) as captured:
        response = client.get(URL)
    assert response.status_code == 200, captured
    assert response.content.decode().count("Område 3") == 3
