"""The spreadsheets Samskab exports: text is never run as a formula, figures carry a format.

A spreadsheet takes a cell that starts with ``=`` as a formula, and some take
``+``, ``-``, ``@``, a tab or a carriage return the same way; an export holds
text people typed (a task's title), and ``=HYPERLINK("http://…?"&B2)`` in a
title would send the cells beside it anywhere once the file is opened (OWASP:
CSV injection). So:

- in XLSX, every text is a string cell, and one that starts like a formula
  also gets the quote-prefix style, as when one types ``'`` before it in
  Excel: the cell shows exactly what was typed and stays text when edited;
- in CSV, which has no types, such a text gets a leading ``'``, as OWASP
  recommends.

Figures in XLSX carry a number format: ``Kroner`` two decimals and "kr.",
other amounts two decimals, dates dd-mm-yyyy and a ``Share`` a percentage
with one decimal. Every export builds its rows from these helpers.
"""

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import openpyxl
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
KRONER_FORMAT = '#,##0.00 "kr."'
NUMBER_FORMAT = "#,##0.00"
DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
PERCENT_FORMAT = "0.0%"


@dataclass(frozen=True)
class Kroner:
    """An amount in Danish kroner."""

    amount: Decimal | None


@dataclass(frozen=True)
class Share:
    """A share as a fraction: 0.418 is shown as 41.8 %."""

    fraction: Decimal | float | None


def looks_like_a_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """The text with a leading ``'`` if a spreadsheet would take it as a formula (for CSV)."""
    return "'" + text if looks_like_a_formula(text) else text


# CSV ---------------------------------------------------------------------------------


def csv_row(values: Iterable) -> list[str]:
    """One row for ``csv.writer``: text neutralised, figures as they are, None empty."""
    row = []
    for value in values:
        if isinstance(value, Kroner):
            value = value.amount
        elif isinstance(value, Share):
            value = value.fraction
        if value is None:
            row.append("")
        elif isinstance(value, str | Promise):
            row.append(neutralise(str(value)))
        elif isinstance(value, date):
            row.append(value.isoformat())
        else:
            row.append(str(value))
    return row


# XLSX --------------------------------------------------------------------------------


def new_workbook() -> openpyxl.Workbook:
    """A workbook written row by row (openpyxl's write-only mode): an export never sits whole in memory."""
    return openpyxl.Workbook(write_only=True)


def add_sheet(workbook: openpyxl.Workbook, title: str, headers: Sequence, rows: Iterable) -> None:
    """A sheet with a bold header row and ``rows`` of values (see ``cell``)."""
    sheet = workbook.create_sheet(str(title)[:31])  # Excel's longest sheet name
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        header_cell = cell(sheet, header)
        header_cell.font = bold
        header_cells.append(header_cell)
    sheet.append(header_cells)
    for values in rows:
        sheet.append([cell(sheet, value) for value in values])


def to_bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell(sheet, value) -> WriteOnlyCell:
    """A cell of ``value``: text, ``Kroner``, ``Share``, a date, a number or None."""
    number_format = None
    if isinstance(value, Kroner):
        value, number_format = value.amount, KRONER_FORMAT
    elif isinstance(value, Share):
        value, number_format = value.fraction, PERCENT_FORMAT
    elif isinstance(value, datetime):
        value, number_format = _naive(value), DATETIME_FORMAT
    elif isinstance(value, date):
        number_format = DATE_FORMAT
    elif isinstance(value, Decimal | float):
        number_format = NUMBER_FORMAT
    elif isinstance(value, str | Promise):
        return _text_cell(sheet, str(value))
    result = WriteOnlyCell(sheet, value=value)
    if number_format and value is not None:
        result.number_format = number_format
    return result


def _text_cell(sheet, text: str) -> WriteOnlyCell:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    result = WriteOnlyCell(sheet, value=text)
    result.data_type = "s"  # never a formula ("=…") or an error ("#N/A")
    if looks_like_a_formula(text):
        result.quotePrefix = True
    return result


def _naive(moment: datetime) -> datetime:
    """Local time without its zone, which a workbook cannot hold."""
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment
