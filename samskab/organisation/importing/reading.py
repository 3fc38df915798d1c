"""Reading a file: its type and size, its CSV or Excel rows, and which column holds what."""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from . import excel
from .report import FileReport, ImportFileError, ImportKind

ALLOWED_EXTENSIONS = (".csv", ".xlsx")
# A file is refused as soon as it passes one of these, before it is read whole.
MAX_ROWS = 100_000  # below the header
MAX_COLUMNS = 200
MAX_CELLS = 1_000_000  # of a sheet, empty cells with formatting included
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a workbook's XML, unpacked

_CPR_VALUE = re.compile(r"^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-\d{4}$")
_CPR_HEADERS = {"personnummer", "personnr"}


@dataclass(frozen=True)
class ImportSource:
    """One file to import; ``kind`` empty means: detect it from the column headers."""

    name: str
    data: bytes
    kind: str = ""


def source_from_file(*, name: str, file: IO[bytes], kind: str = "") -> ImportSource:
    """Read an opened file, never more than one byte over the size limit."""
    data = file.read(settings.SAMSKAB_IMPORT_MAX_BYTES + 1)
    return ImportSource(name=PurePath(name).name, data=data, kind=kind)


def check_file(*, name: str, size: int) -> None:
    """Refuse a file by its name and size alone, before reading it."""
    if PurePath(name).suffix.lower() not in ALLOWED_EXTENSIONS:
        raise ImportFileError(
            _("Only CSV and Excel (.xlsx) files can be imported; %(name)s is neither.")
            % {"name": PurePath(name).name}
        )
    if size > settings.SAMSKAB_IMPORT_MAX_BYTES:
        raise ImportFileError(
            _("The file is too large: it may be at most %(size)s.")
            % {"size": filesizeformat(settings.SAMSKAB_IMPORT_MAX_BYTES)}
        )
    if size == 0:
        raise ImportFileError(_("The file is empty."))


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores the id 1234 as 1234.0
    return str(value).strip()


def _limits() -> excel.Limits:
    return excel.Limits(
        rows=MAX_ROWS, columns=MAX_COLUMNS, cells=MAX_CELLS, unpacked_bytes=MAX_UNPACKED_BYTES
    )


def _csv_records(data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "The CSV file is not UTF-8 encoded. In Excel, save it as "
                "'CSV UTF-8 (comma delimited)' and try again."
            )
        ) from None
    if "\x00" in text:
        raise ImportFileError(_("The file is not a valid CSV file."))
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if first.lower().startswith("sep=") and len(first) == 5:  # Excel's own delimiter hint
        delimiter = first[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = ";" if first.count(";") > first.count(",") else ","
    limits = _limits()
    cells_read = 0
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        for number, cells in enumerate(reader, start=1):
            if number > limits.rows + 1:
                raise excel.too_many_rows(limits)
            cells_read += len(cells)
            if cells_read > limits.cells:
                raise excel.too_many_cells(limits)
            if any(cell.strip() for cell in cells[limits.columns :]):
                raise excel.too_many_columns(limits)
            yield number, [_cell_text(cell) for cell in cells[: limits.columns]]
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from None


def read_table(source: ImportSource) -> Table:
    """The file's header and rows; refused (ImportFileError) as soon as it passes a limit."""
    check_file(name=source.name, size=len(source.data))
    if PurePath(source.name).suffix.lower() == ".xlsx":
        records = excel.rows_of_first_sheet(source.data, limits=_limits(), text=_cell_text)
    else:
        records = _csv_records(source.data)
    headers: list[str] | None = None
    rows = []
    for number, cells in records:
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if headers is None:
            headers = cells
        else:
            rows.append((number, cells + [""] * (len(headers) - len(cells))))
    if headers is None:
        raise ImportFileError(_("The file is empty."))
    return Table(headers=headers, rows=rows)


# Columns --------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    key: str
    shown: str  # how the message names it: the Danish and the English header
    aliases: frozenset[str]  # compacted header names: lower case, no spaces, dashes or underscores
    required: bool = True


_UNIT_ID_ALIASES = frozenset(
    {"enhedid", "enhedsid", "enhedsnummer", "enhedsnr", "unitid", "orgunitid"}
)
_EMPLOYEE_ID_ALIASES = frozenset(
    {"medarbejderid", "medarbejdernr", "medarbejdernummer", "employeeid", "employeenumber"}
)

UNIT_COLUMNS = (
    _Column("unit_id", "enhed_id / unit_id", _UNIT_ID_ALIASES),
    _Column(
        "parent_id",
        "overordnet_id / parent_id",
        frozenset({"overordnetid", "overordnetenhedid", "overordnetenhedsid", "parentid"}),
    ),
    _Column("name", "navn / name", frozenset({"navn", "name", "enhedsnavn", "unitname"})),
    _Column(
        "kind",
        "type / kind",
        frozenset({"type", "kind", "niveau", "level", "enhedstype", "unittype"}),
        required=False,
    ),
)
EMPLOYEE_COLUMNS = (
    _Column("employee_id", "medarbejder_id / employee_id", _EMPLOYEE_ID_ALIASES),
    _Column("name", "navn / name", frozenset({"navn", "name", "fuldtnavn", "fullname"})),
    _Column(
        "email",
        "email / e-mail",
        frozenset({"email", "mail", "emailadresse", "emailaddress"}),
        required=False,
    ),
    _Column("unit_id", "enhed_id / unit_id", _UNIT_ID_ALIASES, required=False),
    _Column(
        "title",
        "stilling / title",
        frozenset({"stilling", "stillingsbetegnelse", "title", "jobtitel", "jobtitle"}),
        required=False,
    ),
)


def _compact(header: str) -> str:
    return re.sub(r"[\s_\-.]+", "", header.strip().lower())


def _looks_like_cpr_header(compact: str) -> bool:
    return "cpr" in compact or compact in _CPR_HEADERS


def _detect_kind(compacted: Iterable[str]) -> str | None:
    keys = set(compacted)
    if keys & _EMPLOYEE_ID_ALIASES:
        return ImportKind.EMPLOYEES
    if keys & _UNIT_ID_ALIASES:
        return ImportKind.UNITS
    return None


def map_columns(headers: list[str], *, expected: str, report: FileReport) -> dict[str, int]:
    """Which column holds what; decides the kind of file. Raises ImportFileError."""
    compacted = [_compact(header) for header in headers]
    cpr = [h for h, c in zip(headers, compacted, strict=True) if _looks_like_cpr_header(c)]
    if cpr:
        raise ImportFileError(
            _(
                "The file has a column that looks like CPR numbers (%(column)s). Samskab "
                "never stores CPR numbers: remove the column and try again."
            )
            % {"column": ", ".join(cpr)}
        )
    detected = _detect_kind(compacted)
    if detected is None:
        raise ImportFileError(
            _(
                "Cannot tell what the file holds: a file of units needs a column enhed_id "
                "(or unit_id), a file of employees a column medarbejder_id (or employee_id)."
            )
        )
    if expected and detected != expected:
        raise ImportFileError(
            _("The file looks like a file of %(detected)s, not of %(expected)s.")
            % {
                "detected": str(ImportKind(detected).label).lower(),
                "expected": str(ImportKind(expected).label).lower(),
            }
        )
    report.kind = detected
    specs = UNIT_COLUMNS if detected == ImportKind.UNITS else EMPLOYEE_COLUMNS
    columns: dict[str, int] = {}
    for index, (header, compact) in enumerate(zip(headers, compacted, strict=True)):
        spec = next((s for s in specs if compact in s.aliases), None)
        if spec is None:
            if header:
                report.ignored_columns.append(header)
            continue
        if spec.key in columns:
            raise ImportFileError(
                _("The columns %(first)s and %(second)s hold the same thing (%(column)s).")
                % {"first": headers[columns[spec.key]], "second": header, "column": spec.shown}
            )
        columns[spec.key] = index
    missing = [spec.shown for spec in specs if spec.required and spec.key not in columns]
    if missing:
        raise ImportFileError(
            _("The file lacks the column(s) %(columns)s.") % {"columns": "; ".join(missing)}
        )
    return columns


def check_cells(number: int, cells: list[str], headers: list[str], report: FileReport) -> None:
    for index, value in enumerate(cells):
        if _CPR_VALUE.match(value):
            column = headers[index] if index < len(headers) and headers[index] else f"#{index + 1}"
            report.error(
                number,
                _(
                    "The column %(column)s holds what looks like a CPR number. Samskab "
                    "never stores CPR numbers: remove it and try again."
                )
                % {"column": column},
            )
