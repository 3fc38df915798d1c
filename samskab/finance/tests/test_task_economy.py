"""A task's economy page, its forms, its export and who may do what."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.finance import services_task
from samskab.finance.models import Expense, Funding, HourlyRate, TaskBudget
from samskab.portfolio.models import InnovationTask

from .task_fixtures import *  # noqa: F403 - the fixtures

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"finance:{name}", args=args)


@pytest.fixture
def finance(personas):
    return personas[roles.OEKONOMI]


def test_the_page_shows_funding_drawn_by_expenses_and_the_budget_against_actual(
    client, finance, task, fund, spend, budget, member, rate
):
    funding = fund(task, "100000", drawn="5000")
    spend(task, "1234.50", funding=funding, on=date(2025, 6, 1))
    spend(task, "20000", on=date(2025, 7, 1))
    budget(task, "10000", year=2025)
    rate("specialist", "500")
    member(task, allocation=10, starts_on=date(2025, 1, 1), ends_on=date(2026, 1, 1))
    client.force_login(finance)
    body = client.get(url("task-economy", task.pk)).content.decode()
    assert "100.000\xa0kr." in body  # granted
    assert "6.234,50\xa0kr." in body  # drawn: the expense paid from it and the 5.000 recorded
    assert "96.200\xa0kr." in body  # time: 10 % of 1.924 hours at 500 kr.
    assert "Over budget i 2025" in body
    assert 'class="alert alert-warning"' in body


def test_a_role_without_a_rate_is_named_and_counts_as_nothing(client, finance, task, member):
    member(task, role="citizen", persona=roles.MEDARBEJDER, starts_on=date(2025, 1, 1))
    client.force_login(finance)
    body = client.get(url("task-economy", task.pk)).content.decode()
    assert "Ingen timesats for: Borger" in body
    assert "ingen timesats" in body


def test_the_page_runs_a_fixed_number_of_queries(
    client, finance, make_task, fund, spend, budget, member, rate, django_assert_num_queries
):
    task = make_task()
    rate("specialist", "500")
    for year in (2024, 2025, 2026):
        funding = fund(task, "1000", year=year)
        budget(task, "100", year=year)
        for day in range(1, 11):
            spend(task, "10", on=date(year, 2, day), funding=funding)
    for persona in (roles.MEDARBEJDER, roles.INNOVATIONSENHED, roles.OMRAADELEDER):
        member(task, persona=persona, starts_on=date(2024, 6, 1))
    client.force_login(finance)
    client.get(url("task-economy", task.pk))  # warm the session and the caches
    with django_assert_num_queries(9):
        response = client.get(url("task-economy", task.pk))
    assert response.status_code == 200
    # The finance role may correct each of the 3 fundings and the 30 expenses.
    assert response.content.decode().count("/rediger/") == 33


def test_a_team_member_adds_an_expense_paid_from_a_funding(client, personas, task, fund, member):
    member(task, starts_on=date(2026, 1, 1))
    funding = fund(task)
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.post(
        url("expense-create", task.pk),
        {
            "spent_on": "2026-03-02",
            "description": "Workshop",
            "amount": "1.234,50",
            "funding": funding.pk,
        },
    )
    assert response.status_code == 302
    expense = Expense.objects.get()
    assert (expense.amount, expense.funding, expense.recorded_by) == (
        Decimal("1234.50"),
        funding,
        personas[roles.MEDARBEJDER],
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", "mange penge"),
        ("amount", "1" * 40),
        ("spent_on", "0001-01-01"),
        ("spent_on", "9999-12-31"),
        ("description", "x" * 5000),
        ("funding", "abc"),
    ],
)
def test_hostile_expense_input_gets_a_danish_error_and_keeps_what_was_typed(
    client, finance, task, field, value
):
    data = {"spent_on": "2026-03-02", "description": "Workshop", "amount": "100", field: value}
    client.force_login(finance)
    response = client.post(url("expense-create", task.pk), data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Expense.objects.exists()


def test_an_expense_cannot_be_paid_from_another_tasks_funding(
    client, finance, task, make_task, fund
):
    other = fund(make_task("En anden"))
    client.force_login(finance)
    response = client.post(
        url("expense-create", task.pk),
        {"spent_on": "2026-03-02", "description": "x", "amount": "1", "funding": other.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["funding"]


def test_the_finance_role_records_a_funding_and_a_years_budget(client, finance, task, source):
    client.force_login(finance)
    response = client.post(
        url("funding-create", task.pk),
        {"source": source.pk, "year": "2026", "granted": "250.000", "drawn": "0", "note": ""},
    )
    assert response.status_code == 302
    assert Funding.objects.get().granted == Decimal("250000")
    for amount in ("80.000", "90000"):
        response = client.post(url("budget-edit", task.pk), {"year": "2026", "amount": amount})
        assert response.status_code == 302
    assert TaskBudget.objects.get().amount == Decimal("90000")  # the second replaces the first


def test_a_negative_grant_or_budget_is_refused(client, finance, task, source):
    client.force_login(finance)
    response = client.post(
        url("funding-create", task.pk),
        {"source": source.pk, "year": "2026", "granted": "-5", "drawn": "0"},
    )
    assert response.context["form"].errors["granted"]
    response = client.post(url("budget-edit", task.pk), {"year": "1", "amount": "-1"})
    assert set(response.context["form"].errors) == {"year", "amount"}


def test_an_employee_outside_the_team_reads_but_cannot_write(client, personas, task):
    client.force_login(personas[roles.MEDARBEJDER])
    assert client.get(url("task-economy", task.pk)).status_code == 200
    assert client.get(url("expense-create", task.pk)).status_code == 403


def test_a_current_member_may_write_and_one_whose_membership_ended_may_not(
    client, personas, task, member
):
    membership = member(task, starts_on=date(2025, 1, 1))
    client.force_login(personas[roles.MEDARBEJDER])
    assert client.get(url("expense-create", task.pk)).status_code == 200
    membership.ends_on = date(2025, 6, 1)
    membership.save()
    assert client.get(url("expense-create", task.pk)).status_code == 403


def test_a_citizen_may_not_see_a_tasks_economy(client, personas, task):
    client.force_login(personas[roles.BORGER])
    assert client.get(url("task-economy", task.pk)).status_code == 403


def test_a_closed_tasks_economy_can_no_longer_change(client, finance, task):
    task.status = InnovationTask.Status.STOPPED
    task.ended_on = date(2026, 1, 1)
    task.save()
    client.force_login(finance)
    assert client.get(url("expense-create", task.pk)).status_code == 302
    with pytest.raises(Exception, match="lukket"):
        services_task.task_budget_set(task=task, year=2026, amount=Decimal(1), by=finance)


def test_the_chief_sets_hourly_rates_and_an_area_manager_may_not(client, personas):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.post(url("rates"), {"specialist": "650,00", "lead": "", "partner": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors["partner"]
    response = client.post(url("rates"), {"specialist": "650,00", "lead": ""})
    assert response.status_code == 302
    assert dict(HourlyRate.objects.values_list("role", "rate")) == {"specialist": Decimal("650")}
    client.force_login(personas[roles.OMRAADELEDER])
    assert client.get(url("rates")).status_code == 403


def test_the_export_holds_funding_budget_expenses_and_time_in_kroner(
    client, finance, task, fund, spend, budget
):
    funding = fund(task, "100000")
    spend(task, "100", funding=funding, description="=HYPERLINK(1)")
    budget(task, "5000")
    client.force_login(finance)
    response = client.get(url("task-export", task.pk))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Finansiering", "Budget", "Udgifter", "Tid"]
    granted = workbook["Finansiering"]["C2"]
    assert granted.value == 100000 and "kr." in granted.number_format
    assert workbook["Udgifter"]["C2"].number_format.endswith('"kr."')
