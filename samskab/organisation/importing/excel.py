"""The first sheet of an Excel workbook, cell by cell, refused as soon as it passes a limit.

An .xlsx file is a zip of XML, and 30 KB of it can unpack to one row of a
million cells. openpyxl's read-only mode streams a sheet row by row but builds
each row whole before it hands it on, which for that row took a gigabyte. So
openpyxl reads the workbook here, as its read-only mode does (its sheets,
shared strings and date styles), and converts each cell's value, while the
sheet's XML is walked one element at a time, each dropped once read, and refused

- before it is opened, when the whole workbook unpacks to more than
  ``MAX_UNPACKED_BYTES``;
- before its first row, when the range the sheet declares is too wide or long;
- at the first cell past the column limit, the first row past the row limit
  and the first cell past the limit on cells (empty cells with formatting
  count, because they cost the same to read).

Reading the sheet thus holds one row of at most the column limit, whatever
its size; the workbook's shared strings are read whole, which the limit on
the unpacked size bounds.
"""

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import (
    CELL_TAG,
    DATA_TAG,
    DIMENSION_TAG,
    ROW_TAG,
    WorkSheetParser,
)
from openpyxl.xml.functions import iterparse

from .report import ImportFileError

# XML elements inside one cell (its value, formula or runs of rich text); more is no real file.
MAX_ELEMENTS_IN_A_CELL = 1_000


@dataclass(frozen=True)
class Limits:
    rows: int  # rows below the header
    columns: int
    cells: int
    unpacked_bytes: int


def not_excel() -> ImportFileError:
    return ImportFileError(_("The file is not a valid Excel (.xlsx) file."))


def too_many_rows(limits: Limits) -> ImportFileError:
    return ImportFileError(_("The file has more than %(max)d rows.") % {"max": limits.rows})


def too_many_columns(limits: Limits) -> ImportFileError:
    return ImportFileError(
        _(
            "The sheet has more than %(max)d columns. Delete the columns to the right of the "
            "table, empty columns with formatting too, and try again."
        )
        % {"max": limits.columns}
    )


def too_many_cells(limits: Limits) -> ImportFileError:
    return ImportFileError(
        _(
            "The sheet has more than %(max)s cells, empty cells with formatting included. "
            "Split the file, or delete unused rows and columns, and try again."
        )
        % {"max": formats.number_format(limits.cells, force_grouping=True)}
    )


def _check_unpacked_size(data: bytes, limits: Limits) -> None:
    """Refuse by the sizes the zip declares (reading never yields more than that)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise not_excel() from None
    if unpacked > limits.unpacked_bytes:
        raise ImportFileError(
            _(
                "The Excel file takes up more than %(size)s unpacked. Split it into smaller files and try again."
            )
            % {"size": filesizeformat(limits.unpacked_bytes)}
        )


def _first_sheet(data: bytes):
    """openpyxl's reader of the workbook, with what it needs to read cells, and the first sheet's part.

    This is what openpyxl's read-only load_workbook does, less its look at
    every sheet's size, which for a sheet that does not declare its range
    reads the whole sheet.
    """
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    for _sheet, rel in reader.parser.find_sheets():
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
            return reader, rel.target
    return reader, None


def rows_of_first_sheet(
    data: bytes, *, limits: Limits, text: Callable[[object], str]
) -> Iterator[tuple[int, list[str]]]:
    """Each row of the workbook's first sheet: its number as Excel shows it, and its cells as text.

    Raises ImportFileError, as soon as a limit is passed or the file turns out
    not to be a workbook.
    """
    _check_unpacked_size(data, limits)
    try:
        reader, part = _first_sheet(data)
    except Exception:  # openpyxl raises many kinds of error on a damaged or fake file
        raise not_excel() from None
    try:
        if part is None:
            raise ImportFileError(_("The Excel file has no sheets."))
        with reader.archive.open(part) as source:
            yield from _walk(source, reader, limits=limits, text=text)
    except ImportFileError:
        raise
    except Exception:
        raise not_excel() from None
    finally:
        reader.archive.close()


def _walk(source, reader, *, limits: Limits, text) -> Iterator[tuple[int, list[str]]]:
    # openpyxl's own parser of a sheet, used here for one cell at a time: it knows
    # shared and inline strings, numbers, booleans, errors and dates by their style.
    cells = WorkSheetParser(
        None,
        reader.shared_strings,
        data_only=True,
        epoch=reader.wb.epoch,
        date_formats=reader.wb._date_formats,
        timedelta_formats=reader.wb._timedelta_formats,
    )
    open_elements = []  # from the sheet's root to the element being read
    in_cell = False
    elements_in_cell = cells_read = 0
    number, row = 0, []
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            open_elements.append(element)
            if in_cell:
                elements_in_cell += 1
                if elements_in_cell > MAX_ELEMENTS_IN_A_CELL:
                    raise not_excel()
            elif element.tag == ROW_TAG:
                number = int(element.get("r") or number + 1)
                if number > limits.rows + 1:
                    raise too_many_rows(limits)
                cells.row_counter, cells.col_counter, row = number, 0, []
            elif element.tag == CELL_TAG:
                cells_read += 1
                if cells_read > limits.cells:
                    raise too_many_cells(limits)
                in_cell, elements_in_cell = True, 0
            continue

        open_elements.pop()
        if element.tag == CELL_TAG:
            in_cell = False
            cell = cells.parse_cell(element)
            column = cell["column"]
            if column > limits.columns:
                raise too_many_columns(limits)
            value = text(cell["value"])
            if value:
                row.extend([""] * (column - len(row)))
                row[column - 1] = value
        elif element.tag == ROW_TAG:
            yield number, row
        elif element.tag == DIMENSION_TAG:
            # The range the sheet declares, as "A1:C20", before its first row.
            _min_column, _min_row, max_column, max_row = range_boundaries(element.get("ref"))
            if (max_column or 0) > limits.columns:
                raise too_many_columns(limits)
            if (max_row or 0) > limits.rows + 1:
                raise too_many_rows(limits)
        elif element.tag == DATA_TAG:
            return  # what follows the cells (merged ranges, print settings) is not read
        if not in_cell and open_elements:
            open_elements[-1].remove(element)  # read: let it go
