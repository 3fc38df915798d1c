"""Measurements from a CSV or Excel file, read with the organisation import's helpers.

Columns (Danish or English header, any order, case and spacing ignored):
dato/date, gruppe/group (indsats/trial or sammenligning/comparison; empty means
the trial group; forsøg and kontrol are understood too), værdi/value, antal/n (number of observations, default 1),
kilde/source, note/bemærkning. Numbers may use a decimal comma. Every row is
checked first; one bad row and nothing is imported, with each problem named
by its row number as the spreadsheet shows it.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samskab.organisation.importing.reading import ImportSource, read_table
from samskab.organisation.importing.report import ImportFileError

from .models import Measurement

MAX_ERRORS = 50

COLUMNS = {
    "measured_on": {"dato", "date", "maaledato", "måledato"},
    "group": {"gruppe", "group"},
    "value": {"værdi", "vaerdi", "value", "måling", "maaling"},
    "observations": {"antal", "n", "observationer", "observations", "antalobservationer"},
    "source": {"kilde", "source"},
    "note": {"note", "bemærkning", "bemaerkning", "comment"},
}
REQUIRED = ("measured_on", "value")
GROUPS = {
    "": Measurement.Group.TRIAL,
    "forsøg": Measurement.Group.TRIAL,
    "forsoeg": Measurement.Group.TRIAL,
    "forsøgsgruppe": Measurement.Group.TRIAL,
    "indsats": Measurement.Group.TRIAL,
    "indsatsgruppe": Measurement.Group.TRIAL,
    "trial": Measurement.Group.TRIAL,
    "sammenligning": Measurement.Group.COMPARISON,
    "sammenligningsgruppe": Measurement.Group.COMPARISON,
    "kontrol": Measurement.Group.COMPARISON,
    "kontrolgruppe": Measurement.Group.COMPARISON,
    "comparison": Measurement.Group.COMPARISON,
    "control": Measurement.Group.COMPARISON,
}
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S")


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}


class ImportRowsError(ValidationError):
    """Some rows cannot be imported; nothing was."""

    def __init__(self, errors: list[RowError]):
        self.rows = errors
        super().__init__([str(error) for error in errors[:MAX_ERRORS]])


def _compact(header: str) -> str:
    return re.sub(r"[\s_\-.]+", "", header.strip().lower())


def parse_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


def parse_decimal(text: str) -> Decimal | None:
    """12.5, 12,5, 1.234,5 and 1 234,5 alike; None if it is not a number."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        compact = _compact(header)
        for key, aliases in COLUMNS.items():
            if compact in aliases and key not in found:
                found[key] = index
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        raise ImportFileError(
            _("The file needs the columns dato (date) and værdi (value); it has: %(headers)s.")
            % {"headers": ", ".join(h for h in headers if h) or "–"}
        )
    return found


def read_measurements(source: ImportSource, *, comparison_allowed: bool) -> list[Measurement]:
    """The file's rows as unsaved measurements; raises ImportFileError or ImportRowsError."""
    table = read_table(source)
    columns = _columns(table.headers)
    measurements, errors = [], []
    field_max = {
        "source": Measurement._meta.get_field("source").max_length,
        "note": Measurement._meta.get_field("note").max_length,
    }

    for number, cells in table.rows:

        def cell(key: str, cells=cells) -> str:
            index = columns.get(key)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        problems = []
        measured_on = parse_date(cell("measured_on"))
        if measured_on is None:
            problems.append(
                _("the date “%(value)s” is not a date such as 2026-03-01 or 01-03-2026.")
                % {"value": cell("measured_on")}
            )
        value = parse_decimal(cell("value"))
        if value is None:
            problems.append(_("the value “%(value)s” is not a number.") % {"value": cell("value")})
        elif abs(value) >= Decimal("1e10"):
            problems.append(_("the value %(value)s is too large.") % {"value": cell("value")})
        raw_n = cell("observations") or "1"
        observations = int(raw_n) if re.fullmatch(r"[0-9]{1,9}", raw_n) else 0
        if observations < 1:
            problems.append(
                _("the number of observations “%(value)s” is not a whole number of at least 1.")
                % {"value": raw_n}
            )
        group = GROUPS.get(cell("group").lower())
        if group is None:
            problems.append(
                _(
                    "the group “%(value)s” is neither indsats (the trial group) nor "
                    "sammenligning (the comparison group)."
                )
                % {"value": cell("group")}
            )
        elif group == Measurement.Group.COMPARISON and not comparison_allowed:
            problems.append(_("the trial's design has no comparison group."))
        for key, limit in field_max.items():
            if len(cell(key)) > limit:
                problems.append(
                    _("the %(column)s is longer than %(max)d characters.")
                    % {"column": _("source") if key == "source" else _("note"), "max": limit}
                )
        if problems:
            errors.extend(RowError(number, problem) for problem in problems)
            continue
        measurements.append(
            Measurement(
                measured_on=measured_on,
                group=group,
                value=value.quantize(Decimal("0.0001")),
                observations=observations,
                source=cell("source"),
                note=cell("note"),
            )
        )
    if errors:
        raise ImportRowsError(errors)
    if not measurements:
        raise ImportFileError(_("The file has no measurements."))
    return measurements
