"""The business case page: readers, writers, versions, the edit form and the export."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samskab.accounts import roles
from samskab.finance import services_case
from samskab.finance.models import BusinessCase, BusinessCaseLine

from .test_case_fixtures import *  # noqa: F403 (the fixtures)
from .test_case_fixtures import figures

pytestmark = pytest.mark.django_db


def detail(task, **query):
    url = reverse("finance:case-detail", args=[task.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_an_employee_reads_the_business_case_with_npv_and_payback(client, personas, case):
    client.force_login(personas[roles.MEDARBEJDER])
    response = client.get(detail(case.task))
    assert response.status_code == 200
    page = response.content.decode()
    assert "40,08" in page  # the NPV of -100, 50, 50, 50 at 3,5 %
    assert "3 år" in page  # the payback
    assert "Forudsætter 20 borgere om året." in page
    assert "Ny version" not in page  # an employee outside the task's team only reads


def test_a_citizen_cannot_read_a_business_case(client, personas, case):
    client.force_login(personas[roles.BORGER])
    assert client.get(detail(case.task)).status_code == 403


def test_an_employee_outside_the_team_cannot_make_a_new_version(client, personas, case):
    client.force_login(personas[roles.MEDARBEJDER])
    url = reverse("finance:case-new-version", args=[case.task.pk])
    assert client.post(url).status_code == 403
    assert BusinessCase.objects.filter(task=case.task).count() == 1


def test_finance_staff_make_a_new_version_and_land_in_its_form(client, finance, case):
    client.force_login(finance)
    response = client.post(reverse("finance:case-new-version", args=[case.task.pk]))
    assert response.status_code == 302
    assert response.url == reverse("finance:case-edit", args=[case.task.pk])
    new = BusinessCase.objects.get(task=case.task, version=2)
    assert new.lines.count() == 4
    assert new.note == case.note


def test_the_task_owner_makes_the_first_version(client, manager, task):
    client.force_login(manager)
    assert client.post(reverse("finance:case-new-version", args=[task.pk])).status_code == 302
    first = BusinessCase.objects.get(task=task)
    assert first.version == 1 and first.discount_rate == Decimal("3.5")


def _post(case, rows, **fields):
    data = {
        "discount_rate": "3,5",
        "first_year": "2026",
        "note": "Nye forudsætninger",
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": "0",
        **fields,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"lines-{index}-{key}"] = value
    return data


def test_a_writer_changes_a_line_of_the_newest_version(client, staff, case):
    client.force_login(staff)
    rows = [
        {"kind": "investment", "year": "2026", "low": "90", "expected": "110", "high": "120"},
        {"kind": "gain_budget", "year": "2027", "low": "", "expected": "50", "high": ""},
        {"kind": "", "year": "", "low": "", "expected": "", "high": ""},
    ]
    response = client.post(reverse("finance:case-edit", args=[case.task.pk]), _post(case, rows))
    assert response.status_code == 302
    lines = {line.kind: line for line in case.lines.all()}
    assert lines["investment"].expected == Decimal("110")
    assert lines["gain_budget"].low == lines["gain_budget"].high == Decimal("50")
    assert case.lines.count() == 2


def test_a_low_above_the_expected_is_told_in_danish_next_to_the_row(client, staff, case):
    client.force_login(staff)
    rows = [{"kind": "investment", "year": "2026", "low": "500", "expected": "100", "high": "120"}]
    response = client.post(reverse("finance:case-edit", args=[case.task.pk]), _post(case, rows))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Det lave skøn må ikke være over det forventede" in page
    assert 'value="500"' in page  # what was typed is kept
    assert case.lines.get(kind="investment").expected == Decimal("100")


def test_hostile_input_in_the_edit_form_gives_errors_not_a_crash(client, staff, case):
    client.force_login(staff)
    rows = [
        {"kind": "nonsense", "year": "9999", "low": "-5", "expected": "1e40", "high": "x"},
        {"kind": "running", "year": "1", "low": "1", "expected": "2", "high": "3"},
    ]
    response = client.post(
        reverse("finance:case-edit", args=[case.task.pk]),
        _post(case, rows, discount_rate="-3", first_year="99999999999", note="x" * 10_000),
    )
    assert response.status_code == 200
    assert case.lines.count() == 4


def test_the_same_kind_and_year_twice_is_refused(client, staff, case):
    client.force_login(staff)
    row = {"kind": "running", "year": "2027", "low": "1", "expected": "2", "high": "3"}
    response = client.post(
        reverse("finance:case-edit", args=[case.task.pk]), _post(case, [row, row])
    )
    assert response.status_code == 200
    assert "Denne type har allerede tal for dette år" in response.content.decode()


def test_an_earlier_version_is_frozen(staff, case):
    services_case.business_case_new_version(task=case.task, by=staff)
    with pytest.raises(ValidationError, match="frosset"):
        services_case.business_case_update(
            case=case, discount_rate=Decimal(4), first_year=2026, note="", lines=[], by=staff
        )
    assert case.lines.count() == 4


def test_an_earlier_version_is_shown_by_its_number(client, personas, staff, case):
    newer = services_case.business_case_new_version(task=case.task, by=staff)
    services_case.business_case_update(
        case=newer, discount_rate=Decimal(5), first_year=2026, note="Ny", lines=[], by=staff
    )
    client.force_login(personas[roles.MEDARBEJDER])
    page = client.get(detail(case.task, version=1)).content.decode()
    assert "Forudsætter 20 borgere om året." in page
    assert "En tidligere version, frosset" in page
    assert client.get(detail(case.task, version="abc")).status_code == 404
    assert client.get(detail(case.task, version=99)).status_code == 404


def test_prefill_takes_the_signed_agreements_gains_with_80_and_120_percent(
    client, staff, case, signed_agreement
):
    agreement, _line = signed_agreement(case.task)
    client.force_login(staff)
    response = client.post(reverse("finance:case-prefill", args=[case.task.pk]))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.agreement == agreement
    gain = case.lines.get(kind=BusinessCaseLine.Kind.GAIN_BUDGET, year=2028)
    assert (gain.low, gain.expected, gain.high) == (
        Decimal("160000.00"),
        Decimal("200000.00"),
        Decimal("240000.00"),
    )
    assert case.lines.get(kind="investment").expected == Decimal("100")  # kept
    page = client.get(detail(case.task)).content.decode()
    assert reverse("benefits:agreement-detail", args=[agreement.pk]) in page


def test_prefill_without_a_signed_agreement_says_so(client, staff, case):
    client.force_login(staff)
    response = client.post(reverse("finance:case-prefill", args=[case.task.pk]), follow=True)
    assert "ingen underskrevet gevinstrealiseringsaftale" in response.content.decode()


def test_the_export_has_kroner_formats(client, personas, case):
    client.force_login(personas[roles.DIREKTION])
    response = client.get(reverse("finance:case-export", args=[case.task.pk]))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(min_row=2))
    investment = next(row for row in rows if row[0].value == 2026 and row[1].value == "Investering")
    assert investment[3].value == 100
    assert "kr." in investment[3].number_format
    key = workbook.worksheets[1]
    assert key.cell(row=2, column=3).value == pytest.approx(40.08)


def test_the_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, personas, staff, case, signed_agreement, take_home
):
    _agreement, line = signed_agreement(case.task)
    for index in range(6):
        newer = services_case.business_case_new_version(task=case.task, by=staff)
        take_home(line, 1000 + index)
    services_case.business_case_update(
        case=newer,
        discount_rate=Decimal("3.5"),
        first_year=2026,
        note="",
        lines=[
            figures(kind, year, 1, 2, 3)
            for kind in ("running", "gain_other")
            for year in range(2026, 2036)
        ],
        by=staff,
    )
    client.force_login(personas[roles.MEDARBEJDER])
    client.get(detail(case.task))  # warm the session and caches
    with django_assert_num_queries(8) as captured:
        response = client.get(detail(case.task))
    assert response.status_code == 200, captured
