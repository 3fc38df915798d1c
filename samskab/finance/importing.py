"""A task's expenses from a CSV or Excel file, read with the organisation import's helpers
(as the measurements of a trial are: ``evidence/importing.py``).

Columns (Danish or English header, any order, case and spacing ignored): dato/date,
beskrivelse/description, beløb/amount. Amounts in Danish ("1.234,50") or plain ("1234.50")
form; dates as 31.12.2026 or 2026-12-31. Every row is checked first: one bad row and
nothing is imported, each problem named by its row number as the spreadsheet shows it.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samskab.core.validators import validate_sensible_date
from samskab.evidence.importing import ImportRowsError, RowError
from samskab.organisation.importing.reading import ImportSource, read_table
from samskab.organisation.importing.report import ImportFileError

from .models import Expense
from .services_task import MAX_IMPORT_ROWS

COLUMNS = {
    "spent_on": {"dato", "date", "bogføringsdato", "bogfoeringsdato"},
    "description": {"beskrivelse", "description", "tekst", "text", "udgift"},
    "amount": {"beløb", "beloeb", "belob", "amount", "kr", "kroner"},
}
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S")
_GROUPED = re.compile(r"-?\d{1,3}(\.\d{3})+")  # 1.234 or 1.234.567: Danish thousands
_DANISH = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d{1,2})?|-?\d+(,\d{1,2})?")
_PLAIN = re.compile(r"-?\d+(\.\d{1,2})?")
LARGEST = Decimal("1e12")  # the model keeps 14 digits, two of them øre


def _compact(header: str) -> str:
    return re.sub(r"[\s_\-.()]+", "", header.strip().lower())


def parse_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


def parse_amount(text: str) -> Decimal | None:
    """Kroner as "1.234,50", "1234,5", "1.234" (thousands) or "1234.50"; None otherwise."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "")
    for suffix in ("kr.", "kr", "dkk"):
        if cleaned.lower().endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
    if _GROUPED.fullmatch(cleaned) or ("," in cleaned and _DANISH.fullmatch(cleaned)):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif not _PLAIN.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        compact = _compact(header)
        for key, aliases in COLUMNS.items():
            if compact in aliases and key not in found:
                found[key] = index
    if len(found) < len(COLUMNS):
        raise ImportFileError(
            _(
                "The file needs the columns dato (date), beskrivelse (description) and "
                "beløb (amount); it has: %(headers)s."
            )
            % {"headers": ", ".join(h for h in headers if h) or "–"}
        )
    return found


def read_expenses(source: ImportSource) -> list[Expense]:
    """The file's rows as unsaved expenses; raises ImportFileError or ImportRowsError."""
    table = read_table(source)
    columns = _columns(table.headers)
    if len(table.rows) > MAX_IMPORT_ROWS:
        raise ImportFileError(
            _("The file has %(count)d rows; at most %(max)d expenses can be imported at once.")
            % {"count": len(table.rows), "max": MAX_IMPORT_ROWS}
        )
    longest = Expense._meta.get_field("description").max_length
    expenses, errors = [], []
    for number, cells in table.rows:

        def cell(key: str, cells=cells) -> str:
            index = columns[key]
            return cells[index].strip() if index < len(cells) else ""

        problems = []
        spent_on = parse_date(cell("spent_on"))
        if spent_on is None:
            problems.append(
                _("the date “%(value)s” is not a date such as 31.12.2026 or 2026-12-31.")
                % {"value": cell("spent_on")[:40]}
            )
        else:
            try:
                validate_sensible_date(spent_on)
            except ValidationError as error:
                problems.append(" ".join(error.messages))
                spent_on = None
        description = cell("description")
        if not description:
            problems.append(_("the description is empty."))
        elif len(description) > longest:
            problems.append(
                _("the description is longer than %(max)d characters.") % {"max": longest}
            )
        amount = parse_amount(cell("amount"))
        if amount is None:
            problems.append(
                _("the amount “%(value)s” is not an amount such as 1.234,50 or 1234.50.")
                % {"value": cell("amount")[:40]}
            )
        elif abs(amount) >= LARGEST:
            problems.append(_("the amount %(value)s is too large.") % {"value": cell("amount")})
        if problems:
            errors.extend(RowError(number, problem) for problem in problems)
            continue
        expenses.append(Expense(spent_on=spent_on, description=description, amount=amount))
    if errors:
        raise ImportRowsError(errors)
    if not expenses:
        raise ImportFileError(_("The file has no expenses."))
    return expenses
