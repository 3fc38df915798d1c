"""Expenses from a file: every row or none, with the row and the problem named in Danish."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samskab.accounts import roles
from samskab.finance.importing import parse_amount
from samskab.finance.models import Expense

from .task_fixtures import *  # noqa: F403 - the fixtures

pytestmark = pytest.mark.django_db


def post(client, task, name, data: bytes, **extra):
    return client.post(
        reverse("finance:expense-import", args=[task.pk]),
        {"file": SimpleUploadedFile(name, data), **extra},
    )


@pytest.fixture
def finance_client(client, personas):
    client.force_login(personas[roles.OEKONOMI])
    return client


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234,50", "1234.50"),
        ("1234.50", "1234.50"),
        ("1234,5", "1234.50"),
        ("1.234", "1234.00"),
        ("12.5", "12.50"),
        ("-250,00", "-250.00"),
        ("1 234,50 kr.", "1234.50"),
    ],
)
def test_danish_and_plain_amounts_are_both_understood(text, amount):
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.23.4", "12,345", "1e5", "NaN"])
def test_what_is_not_an_amount_is_refused(text):
    assert parse_amount(text) is None


def test_a_csv_of_expenses_is_imported_with_its_funding(finance_client, task, fund):
    funding = fund(task)
    data = "dato;beskrivelse;beløb\n02.03.2026;Workshop;1.234,50\n2026-03-09;Kaffe;250.00\n"
    response = post(finance_client, task, "udgifter.csv", data.encode(), funding=funding.pk)
    assert response.status_code == 302
    assert sorted(Expense.objects.values_list("amount", "funding")) == [
        (Decimal("250.00"), funding.pk),
        (Decimal("1234.50"), funding.pk),
    ]


def test_an_xlsx_of_expenses_is_imported(finance_client, task):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Dato", "Beskrivelse", "Beløb"])
    workbook.active.append([date(2026, 3, 2), "Leje", 1000.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    response = post(finance_client, task, "udgifter.xlsx", data)
    assert response.status_code == 302
    expense = Expense.objects.get()
    assert (expense.description, expense.spent_on, expense.amount) == (
        "Leje",
        date(2026, 3, 2),
        Decimal("1000.50"),
    )


def test_a_bad_number_on_row_7_refuses_the_whole_file(finance_client, task):
    rows = ["dato,beskrivelse,beløb"] + [f"2026-03-0{n},Post {n},100" for n in range(1, 6)]
    rows.append("2026-03-06,Fejl,hundrede")  # the seventh row of the spreadsheet
    rows.append("2026-03-07,Post 7,100")
    response = post(finance_client, task, "u.csv", "\n".join(rows).encode())
    assert response.status_code == 200
    assert not Expense.objects.exists()
    assert "Række 7: beløbet “hundrede” er ikke et beløb" in response.content.decode()


def test_a_file_with_the_wrong_columns_is_refused(finance_client, task):
    response = post(finance_client, task, "u.csv", b"navn,alder\nAnna,7\n")
    assert response.status_code == 200
    assert "kolonnerne dato" in " ".join(response.context["form"].errors["file"])
    assert not Expense.objects.exists()


def test_10000_rows_are_beyond_the_limit(finance_client, task):
    rows = ["dato,beskrivelse,beløb"] + ["2026-03-02,Post,1"] * 10_000
    response = post(finance_client, task, "u.csv", "\n".join(rows).encode())
    assert response.status_code == 200
    assert "højst importeres 5000 udgifter" in " ".join(response.context["form"].errors["file"])
    assert not Expense.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("u.xlsx", b"this is not a workbook"),
        ("u.pdf", b"%PDF-1.4"),
        ("u.csv", b"\xff\xfe\x00d\x00a"),
        ("u.csv", b""),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(finance_client, task, name, data):
    response = post(finance_client, task, name, data)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Expense.objects.exists()


def test_dates_out_of_bounds_and_long_descriptions_are_named(finance_client, task):
    data = "dato,beskrivelse,beløb\n01.01.0001,x,1\n2026-01-01," + "y" * 300 + ",1\n"
    response = post(finance_client, task, "u.csv", data.encode())
    body = response.content.decode()
    assert "Række 2:" in body and "Række 3: beskrivelsen er længere end 200 tegn" in body
    assert not Expense.objects.exists()


def test_someone_outside_the_team_may_not_import(client, personas, task):
    client.force_login(personas[roles.DIREKTION])
    response = post(client, task, "u.csv", b"dato,beskrivelse,bel\xc3\xb8b\n2026-01-01,x,1\n")
    assert response.status_code == 403
    assert not Expense.objects.exists()
