"""Import the organisation and its employees from an HR system's export (CSV or XLSX).

Two kinds of file, told apart by their column headers (Danish or English, any case):

- units: ``enhed_id``/``unit_id``, ``overordnet_id``/``parent_id``, ``navn``/``name``
  and optionally ``type``/``kind``;
- employees: ``medarbejder_id``/``employee_id``, ``navn``/``name`` and optionally
  ``email``/``e-mail``, ``enhed_id``/``unit_id``, ``stilling``/``title``.

Every row is checked before anything is written, and the whole import is one
transaction: one bad row and nothing changes. Rows are matched on the source
system's id (``external_id``), so importing the same file again changes nothing.
A column the file does not have is left alone; an empty cell in a column it has
clears the value. Units and people missing from the file are not removed.

Writes use bulk inserts and updates, so an import runs a fixed number of queries
per few hundred rows, not per row.
"""

import csv
import io
import re
import uuid
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import PurePath
from typing import IO

import openpyxl
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from samskab.accounts import roles
from samskab.accounts.models import User

from .models import OrgUnit, Person

ALLOWED_EXTENSIONS = (".csv", ".xlsx")
MAX_ROWS = 100_000
MAX_COLUMNS = 200
STAGING_DIR = "imports"
STAGING_MAX_AGE = timedelta(days=1)
_CHUNK = 500  # values per IN (...) query, well below every database's parameter limit

_CPR_VALUE = re.compile(r"^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-\d{4}$")
_CPR_HEADERS = {"personnummer", "personnr"}
_TOKEN = re.compile(r"^[0-9a-f]{32}\.(csv|xlsx)$")


class ImportKind(models.TextChoices):
    UNITS = "units", gettext_lazy("Units")
    EMPLOYEES = "employees", gettext_lazy("Employees")


class Action(models.TextChoices):
    CREATE = "create", gettext_lazy("New")
    UPDATE = "update", gettext_lazy("Changed")
    UNCHANGED = "unchanged", gettext_lazy("Unchanged")


class ImportFileError(ValidationError):
    """The file as a whole cannot be imported: wrong type, too large, unreadable, wrong columns."""


# The report ----------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class RowResult:
    row: int
    external_id: str
    name: str
    action: str
    changes: list[FieldChange] = field(default_factory=list)

    def get_action_display(self) -> str:
        return Action(self.action).label


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the file as a whole
    message: str


@dataclass
class FileReport:
    name: str
    kind: str = ""
    rows: list[RowResult] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def _count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self._count(Action.CREATE)

    @property
    def updated(self) -> int:
        return self._count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self._count(Action.UNCHANGED)

    @property
    def changed_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.action != Action.UNCHANGED]

    @property
    def kind_label(self) -> str:
        return ImportKind(self.kind).label if self.kind else ""

    def error(self, row: int | None, message: str) -> None:
        self.errors.append(RowError(row=row, message=message))


@dataclass
class ImportReport:
    """What an import did, or would do: rendered by the command and by the admin page."""

    dry_run: bool
    files: list[FileReport] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # not tied to one file
    users_created: int = 0
    applied: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(f.errors for f in self.files)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(f.errors) for f in self.files)

    @property
    def created(self) -> int:
        return sum(f.created for f in self.files)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)


# Reading files --------------------------------------------------------------


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
class _Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores the id 1234 as 1234.0
    return str(value).strip()


def _too_many_rows() -> ImportFileError:
    return ImportFileError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})


def _csv_records(data: bytes) -> list[list[str]]:
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
    records = []
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            if len(records) > MAX_ROWS:
                raise _too_many_rows()
            records.append([_cell_text(cell) for cell in cells[:MAX_COLUMNS]])
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from None
    return records


def _xlsx_records(data: bytes) -> list[list[str]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error on a damaged or fake file
        raise ImportFileError(_("The file is not a valid Excel (.xlsx) file.")) from None
    records = []
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The Excel file has no sheets."))
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            if len(records) > MAX_ROWS:
                raise _too_many_rows()
            cells = [_cell_text(value) for value in values]
            while cells and not cells[-1]:
                cells.pop()
            records.append(cells)
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError(_("The file is not a valid Excel (.xlsx) file.")) from None
    finally:
        workbook.close()
    return records


def _read_table(source: ImportSource) -> _Table:
    check_file(name=source.name, size=len(source.data))
    if PurePath(source.name).suffix.lower() == ".xlsx":
        records = _xlsx_records(source.data)
    else:
        records = _csv_records(source.data)
    headers: list[str] | None = None
    rows = []
    for number, cells in enumerate(records, start=1):
        if not any(cells):
            continue
        if headers is None:
            headers = cells
        else:
            rows.append((number, cells + [""] * (len(headers) - len(cells))))
    if headers is None:
        raise ImportFileError(_("The file is empty."))
    return _Table(headers=headers, rows=rows)


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


def _map_columns(headers: list[str], *, expected: str, report: FileReport) -> dict[str, int]:
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


def _check_cells(number: int, cells: list[str], headers: list[str], report: FileReport) -> None:
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


def _max_length(model: type[models.Model], name: str) -> int:
    return model._meta.get_field(name).max_length


def _label(model: type[models.Model], name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _check_text(
    number: int,
    value: str,
    *,
    model: type[models.Model],
    name: str,
    what: str,
    report: FileReport,
    required: bool = False,
) -> bool:
    if required and not value:
        report.error(number, _("%(field)s is missing.") % {"field": what})
        return False
    limit = _max_length(model, name)
    if len(value) > limit:
        report.error(
            number,
            _("%(field)s is too long (%(length)d characters; at most %(max)d).")
            % {"field": what, "length": len(value), "max": limit},
        )
        return False
    return True


def _model_errors(number: int, instance: models.Model, exclude: list[str], report: FileReport):
    """Any rule of the model the checks above did not already catch."""
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for message in error.messages:
            report.error(number, message)


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


# Planning --------------------------------------------------------------------


@dataclass
class _State:
    """The database as the import found it, and what the files add to it."""

    units: dict[int, OrgUnit]
    units_by_ext: dict[str, OrgUnit]
    file_unit_ids: set[str] = field(default_factory=set)
    new_units: list[OrgUnit] = field(default_factory=list)
    changed_units: list[OrgUnit] = field(default_factory=list)
    new_unit_parent: dict[str, str] = field(default_factory=dict)  # ext id -> new parent's ext id
    new_people: list[Person] = field(default_factory=list)
    changed_people: list[Person] = field(default_factory=list)
    person_unit: dict[int, str] = field(default_factory=dict)  # id(person) -> unit ext id
    new_users: dict[int, User] = field(default_factory=dict)  # id(person) -> new user

    @classmethod
    def load(cls) -> "_State":
        units = {unit.pk: unit for unit in OrgUnit.objects.all()}
        by_ext = {unit.external_id: unit for unit in units.values() if unit.external_id}
        return cls(units=units, units_by_ext=by_ext)


def _kind_aliases() -> dict[str, str]:
    aliases = {"område": OrgUnit.Kind.AREA.value, "omrade": OrgUnit.Kind.AREA.value}
    for kind in OrgUnit.Kind:
        aliases[kind.value] = kind.value
        for language in ("da", "en"):
            with override(language):
                aliases[str(kind.label).lower()] = kind.value
    return aliases


def _kind_for_depth(depth: int) -> str:
    if depth == 0:
        return OrgUnit.Kind.MUNICIPALITY
    if depth == 1:
        return OrgUnit.Kind.AREA
    return OrgUnit.Kind.DEPARTMENT


@dataclass
class _UnitRow:
    row: int
    external_id: str
    parent_id: str
    name: str
    kind: str  # empty: keep the unit's kind, or take it from its depth if it is new
    ok: bool = True


def _plan_units(table: _Table, columns: dict[str, int], report: FileReport, state: _State):
    kinds = _kind_aliases()
    id_what, parent_what = _("Unit id"), _("Parent id")
    by_id: dict[str, _UnitRow] = {}
    for number, cells in table.rows:
        errors_before = len(report.errors)
        _check_cells(number, cells, table.headers, report)
        unit = _UnitRow(
            row=number,
            external_id=cells[columns["unit_id"]],
            parent_id=cells[columns["parent_id"]],
            name=cells[columns["name"]],
            kind=cells[columns["kind"]] if "kind" in columns else "",
        )
        ext_ok = _check_text(
            number,
            unit.external_id,
            model=OrgUnit,
            name="external_id",
            what=id_what,
            report=report,
            required=True,
        )
        _check_text(
            number,
            unit.parent_id,
            model=OrgUnit,
            name="external_id",
            what=parent_what,
            report=report,
        )
        _check_text(
            number,
            unit.name,
            model=OrgUnit,
            name="name",
            what=_("Name"),
            report=report,
            required=True,
        )
        if unit.kind:
            if unit.kind.lower() not in kinds:
                report.error(
                    number,
                    _("%(kind)s is not a known level; use one of: %(kinds)s.")
                    % {"kind": unit.kind, "kinds": ", ".join(OrgUnit.Kind.values)},
                )
            else:
                unit.kind = kinds[unit.kind.lower()]
        unit.ok = len(report.errors) == errors_before
        if not ext_ok:
            continue
        if unit.external_id in by_id:
            report.error(
                number,
                _("The unit id %(id)s appears more than once in the file (first in row %(row)d).")
                % {"id": unit.external_id, "row": by_id[unit.external_id].row},
            )
            continue
        by_id[unit.external_id] = unit
    state.file_unit_ids.update(by_id)

    # The tree as it will be: file units by their id (str), the others by their pk (int).
    def parent_of(node: str | int) -> str | int | None:
        if isinstance(node, str):
            parent_id = by_id[node].parent_id
            if not parent_id or parent_id == node:
                return None
            if parent_id in by_id:
                return parent_id
            parent = state.units_by_ext.get(parent_id)
            return None if parent is None else parent.pk
        parent_pk = state.units[node].parent_id
        if parent_pk is None:
            return None
        parent_ext = state.units[parent_pk].external_id
        return parent_ext if parent_ext in by_id else parent_pk

    for unit in by_id.values():
        if not unit.parent_id:
            continue
        if unit.parent_id == unit.external_id:
            report.error(unit.row, _("A unit cannot be its own parent."))
            unit.ok = False
        elif unit.parent_id not in by_id and unit.parent_id not in state.units_by_ext:
            report.error(
                unit.row,
                _("The parent id %(id)s is neither in the file nor in Samskab.")
                % {"id": unit.parent_id},
            )
            unit.ok = False

    depth: dict[str | int, int] = {}
    in_cycle: set[str | int] = set()
    for start in by_id:
        path: list[str | int] = []
        on_path: set[str | int] = set()
        node: str | int | None = start
        while node is not None and node not in depth and node not in in_cycle:
            if node in on_path:
                cycle = path[path.index(node) :]
                in_cycle.update(cycle)
                for member in cycle:
                    if isinstance(member, str):
                        by_id[member].ok = False
                        report.error(
                            by_id[member].row,
                            _("The unit %(id)s is part of a loop of parent links: %(loop)s.")
                            % {
                                "id": member,
                                "loop": " → ".join(
                                    m if isinstance(m, str) else state.units[m].name
                                    for m in [*cycle, cycle[0]]
                                ),
                            },
                        )
                break
            on_path.add(node)
            path.append(node)
            node = parent_of(node)
        base = -1 if node is None else depth.get(node)
        for member in reversed(path):
            if member in in_cycle or base is None:
                break
            base += 1
            depth[member] = base

    for unit in by_id.values():
        _plan_unit(
            unit, by_id=by_id, depth=depth.get(unit.external_id, 0), report=report, state=state
        )


def _unit_name(ext: str, by_id: dict[str, _UnitRow], state: _State) -> str:
    if ext in by_id:
        return by_id[ext].name
    return state.units_by_ext[ext].name


def _plan_unit(unit: _UnitRow, *, by_id, depth: int, report: FileReport, state: _State):
    if not unit.ok:
        return
    existing = state.units_by_ext.get(unit.external_id)
    parent = state.units_by_ext.get(unit.parent_id) if unit.parent_id else None
    parent_is_new = bool(unit.parent_id) and parent is None
    result = RowResult(
        row=unit.row, external_id=unit.external_id, name=unit.name, action=Action.UNCHANGED
    )
    if existing is None:
        instance = OrgUnit(
            name=unit.name,
            kind=unit.kind or _kind_for_depth(depth),
            external_id=unit.external_id,
            parent_id=parent.pk if parent else None,
        )
        result.action = Action.CREATE
        result.changes.append(
            FieldChange(_label(OrgUnit, "kind"), "", OrgUnit.Kind(instance.kind).label)
        )
        if unit.parent_id:
            result.changes.append(
                FieldChange(_label(OrgUnit, "parent"), "", _unit_name(unit.parent_id, by_id, state))
            )
        state.new_units.append(instance)
    else:
        instance = existing
        changes = result.changes
        if existing.name != unit.name:
            changes.append(FieldChange(_label(OrgUnit, "name"), existing.name, unit.name))
            instance.name = unit.name
        if unit.kind and existing.kind != unit.kind:
            changes.append(
                FieldChange(
                    _label(OrgUnit, "kind"),
                    OrgUnit.Kind(existing.kind).label,
                    OrgUnit.Kind(unit.kind).label,
                )
            )
            instance.kind = unit.kind
        new_parent_pk = parent.pk if parent else None
        if parent_is_new or existing.parent_id != new_parent_pk:
            old = state.units[existing.parent_id].name if existing.parent_id else ""
            new = _unit_name(unit.parent_id, by_id, state) if unit.parent_id else ""
            changes.append(FieldChange(_label(OrgUnit, "parent"), old, new))
            instance.parent_id = new_parent_pk
        if changes:
            result.action = Action.UPDATE
            state.changed_units.append(instance)
    if parent_is_new:
        state.new_unit_parent[unit.external_id] = unit.parent_id
    _model_errors(unit.row, instance, ["parent", "created_at", "updated_at"], report)
    report.rows.append(result)


@dataclass
class _PersonRow:
    row: int
    external_id: str
    name: str
    email: str | None  # None: the file has no such column, leave it alone
    unit_id: str | None
    title: str | None


def _existing_people(external_ids: list[str], emails: list[str]):
    """People by employee id, and user accounts (with their person) by lower-case e-mail."""
    people: dict[str, Person] = {}
    for chunk in _chunks(external_ids):
        for person in Person.objects.filter(external_id__in=chunk):
            people[person.external_id] = person
    users: dict[str, dict[int, User]] = {}
    for chunk in _chunks(emails):
        found = User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk)
        for user in found.select_related("person"):
            users.setdefault(user.email_lower, {})[user.pk] = user
        addresses = (
            EmailAddress.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=chunk)
            .select_related("user__person")
        )
        for address in addresses:
            users.setdefault(address.email_lower, {})[address.user_id] = address.user
    return people, users


def _plan_employees(table: _Table, columns: dict[str, int], report: FileReport, state: _State):
    def cell(cells: list[str], key: str) -> str | None:
        return cells[columns[key]] if key in columns else None

    rows: list[_PersonRow] = []
    seen_ids: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    for number, cells in table.rows:
        errors_before = len(report.errors)
        _check_cells(number, cells, table.headers, report)
        person = _PersonRow(
            row=number,
            external_id=cells[columns["employee_id"]],
            name=cells[columns["name"]],
            email=cell(cells, "email"),
            unit_id=cell(cells, "unit_id"),
            title=cell(cells, "title"),
        )
        _check_text(
            number,
            person.external_id,
            model=Person,
            name="external_id",
            what=_("Employee id"),
            report=report,
            required=True,
        )
        _check_text(
            number,
            person.name,
            model=Person,
            name="name",
            what=_("Name"),
            report=report,
            required=True,
        )
        if person.title:
            _check_text(
                number,
                person.title,
                model=Person,
                name="title",
                what=_("Job title"),
                report=report,
            )
        if person.email:
            try:
                validate_email(person.email)
            except ValidationError:
                report.error(
                    number,
                    _("%(email)s is not a valid e-mail address.") % {"email": person.email},
                )
            else:
                _check_text(
                    number,
                    person.email,
                    model=Person,
                    name="email",
                    what=_("E-mail address"),
                    report=report,
                )
            first = seen_emails.setdefault(person.email.lower(), number)
            if first != number:
                report.error(
                    number,
                    _("The e-mail address %(email)s appears more than once (first in row %(row)d).")
                    % {"email": person.email, "row": first},
                )
        if (
            person.unit_id
            and person.unit_id not in state.file_unit_ids
            and person.unit_id not in state.units_by_ext
        ):
            report.error(
                number,
                _("The unit id %(id)s is neither in the units file nor in Samskab.")
                % {"id": person.unit_id},
            )
        if person.external_id:
            first = seen_ids.setdefault(person.external_id, number)
            if first != number:
                report.error(
                    number,
                    _("The employee id %(id)s appears more than once (first in row %(row)d).")
                    % {"id": person.external_id, "row": first},
                )
        if len(report.errors) == errors_before:
            rows.append(person)

    people, users = _existing_people(
        list(dict.fromkeys(row.external_id for row in rows)),
        list(dict.fromkeys(row.email.lower() for row in rows if row.email)),
    )
    linked: dict[int, int] = {}  # user pk -> row
    taken_usernames: set[str] | None = None
    for row in rows:
        candidates = list(users.get(row.email.lower(), {}).values()) if row.email else []
        if len(candidates) > 1:
            report.error(
                row.row,
                _(
                    "Several user accounts have the e-mail address %(email)s; "
                    "link the person to one of them by hand."
                )
                % {"email": row.email},
            )
            continue
        user = candidates[0] if candidates else None
        user_person = getattr(user, "person", None) if user else None
        person = people.get(row.external_id)
        claimed = False
        if person is None and user_person is not None:
            if user_person.external_id:
                report.error(
                    row.row,
                    _(
                        "The user account with the e-mail address %(email)s belongs to "
                        "the employee with id %(id)s."
                    )
                    % {"email": row.email, "id": user_person.external_id},
                )
                continue
            person, claimed = user_person, True  # someone who made their profile before the import
        if person is not None and person.kind != Person.Kind.EMPLOYEE:
            report.error(
                row.row,
                _("%(name)s is registered in Samskab as %(kind)s, not as an employee.")
                % {"name": person.name, "kind": str(person.get_kind_display()).lower()},
            )
            continue
        link: User | None = None
        if (person is None or person.user_id is None) and row.email:
            if user is not None:
                if user_person is not None and user_person != person:
                    report.error(
                        row.row,
                        _(
                            "The user account with the e-mail address %(email)s already "
                            "belongs to another person, %(name)s."
                        )
                        % {"email": row.email, "name": user_person.name},
                    )
                    continue
                link = user
            else:
                if taken_usernames is None:
                    taken_usernames = {
                        name.lower() for name in User.objects.values_list("username", flat=True)
                    }
                link = User(
                    username=_unique_username(row.email, taken_usernames),
                    email=row.email,
                    password=make_password(None),
                )
            if link.pk is not None:
                if link.pk in linked:
                    report.error(
                        row.row,
                        _("The user account %(user)s is already linked to row %(row)d.")
                        % {"user": link.get_username(), "row": linked[link.pk]},
                    )
                    continue
                linked[link.pk] = row.row
        _plan_person(row, person=person, claimed=claimed, link=link, report=report, state=state)


def _unique_username(email: str, taken: set[str]) -> str:
    limit = User._meta.get_field("username").max_length - 6
    base = re.sub(r"[^\w.+-]", "", email.split("@")[0].lower())[:limit] or "medarbejder"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    taken.add(candidate)
    return candidate


def _plan_person(
    row: _PersonRow,
    *,
    person: Person | None,
    claimed: bool,
    link: User | None,
    report: FileReport,
    state: _State,
):
    result = RowResult(
        row=row.row, external_id=row.external_id, name=row.name, action=Action.UNCHANGED
    )
    unit = state.units_by_ext.get(row.unit_id) if row.unit_id else None
    if person is None:
        person = Person(
            kind=Person.Kind.EMPLOYEE,
            external_id=row.external_id,
            name=row.name,
            email=row.email or "",
            title=row.title or "",
            org_unit_id=unit.pk if unit else None,
        )
        result.action = Action.CREATE
        for name, value in (("email", row.email), ("title", row.title)):
            if value:
                result.changes.append(FieldChange(_label(Person, name), "", value))
        if row.unit_id:
            shown = unit.name if unit else _planned_unit_name(row.unit_id, state)
            result.changes.append(FieldChange(_label(Person, "org_unit"), "", shown))
        state.new_people.append(person)
    else:
        changes = result.changes
        if claimed:
            changes.append(
                FieldChange(_label(Person, "external_id"), person.external_id, row.external_id)
            )
            person.external_id = row.external_id
        for name, value in (("name", row.name), ("email", row.email), ("title", row.title)):
            if value is not None and getattr(person, name) != value:
                changes.append(FieldChange(_label(Person, name), getattr(person, name), value))
                setattr(person, name, value)
        if row.unit_id is not None:
            new_pk = unit.pk if unit else None
            if (row.unit_id and unit is None) or person.org_unit_id != new_pk:
                old = state.units[person.org_unit_id].name if person.org_unit_id else ""
                new = ""
                if row.unit_id:
                    new = unit.name if unit else _planned_unit_name(row.unit_id, state)
                changes.append(FieldChange(_label(Person, "org_unit"), old, new))
                person.org_unit_id = new_pk
        if link is not None:
            changes.append(FieldChange(_label(Person, "user"), "", _user_shown(link)))
        if changes:
            result.action = Action.UPDATE
            state.changed_people.append(person)
    if row.unit_id and unit is None:
        state.person_unit[id(person)] = row.unit_id  # a unit the units file creates
    if link is not None:
        if link.pk is None:
            state.new_users[id(person)] = link
        else:
            person.user = link
        if result.action == Action.CREATE:
            result.changes.append(FieldChange(_label(Person, "user"), "", _user_shown(link)))
    exclude = ["user", "org_unit", "organisation", "created_at", "updated_at"]
    _model_errors(row.row, person, exclude, report)
    report.rows.append(result)


def _planned_unit_name(ext: str, state: _State) -> str:
    return next((u.name for u in state.new_units if u.external_id == ext), ext)


def _user_shown(user: User) -> str:
    if user.pk is None:
        return _("%(username)s (new account)") % {"username": user.get_username()}
    return user.get_username()


# Writing ---------------------------------------------------------------------


def _apply(state: _State) -> int:
    """Write the plan with bulk operations; returns the number of user accounts created."""
    now = timezone.now()
    OrgUnit.objects.bulk_create(state.new_units, batch_size=_CHUNK)
    by_ext = dict(state.units_by_ext) | {unit.external_id: unit for unit in state.new_units}
    relinked = []
    for unit in state.new_units:
        if unit.external_id in state.new_unit_parent:
            unit.parent_id = by_ext[state.new_unit_parent[unit.external_id]].pk
            relinked.append(unit)
    for unit in state.changed_units:
        if unit.external_id in state.new_unit_parent:
            unit.parent_id = by_ext[state.new_unit_parent[unit.external_id]].pk
        unit.updated_at = now
    OrgUnit.objects.bulk_update(relinked, ["parent"], batch_size=_CHUNK)
    OrgUnit.objects.bulk_update(
        state.changed_units, ["name", "kind", "parent", "updated_at"], batch_size=_CHUNK
    )

    new_users = list(state.new_users.values())
    if new_users:
        User.objects.bulk_create(new_users, batch_size=_CHUNK)
        group = Group.objects.get(name=roles.MEDARBEJDER)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=user.pk, group_id=group.pk) for user in new_users],
            batch_size=_CHUNK,
        )
    for person in [*state.new_people, *state.changed_people]:
        if id(person) in state.new_users:
            person.user = state.new_users[id(person)]
        if id(person) in state.person_unit:
            person.org_unit_id = by_ext[state.person_unit[id(person)]].pk
    for person in state.changed_people:
        person.updated_at = now
    Person.objects.bulk_create(state.new_people, batch_size=_CHUNK)
    Person.objects.bulk_update(
        state.changed_people,
        ["external_id", "name", "email", "title", "org_unit", "user", "updated_at"],
        batch_size=_CHUNK,
    )
    return len(new_users)


def import_organisation(*, sources: Sequence[ImportSource], dry_run: bool = False) -> ImportReport:
    """Check every row of the files, then write them all or nothing.

    A units file is planned before an employees file, so employees may belong to
    units the same import creates. With ``dry_run`` nothing is written; the
    report says what would happen.
    """
    report = ImportReport(dry_run=dry_run)
    tables: list[tuple[_Table, dict[str, int], FileReport]] = []
    for source in sources:
        file_report = FileReport(name=source.name)
        report.files.append(file_report)
        try:
            table = _read_table(source)
            columns = _map_columns(table.headers, expected=source.kind, report=file_report)
        except ImportFileError as error:
            file_report.error(None, error.messages[0])
            continue
        tables.append((table, columns, file_report))
    kinds = [file_report.kind for _table, _columns, file_report in tables]
    if len(kinds) != len(set(kinds)):
        report.errors.append(RowError(None, _("Import at most one file of each kind at a time.")))
    if report.has_errors:
        return report
    tables.sort(key=lambda item: item[2].kind != ImportKind.UNITS)

    try:
        with nullcontext() if dry_run else transaction.atomic():
            state = _State.load()
            for table, columns, file_report in tables:
                if file_report.kind == ImportKind.UNITS:
                    _plan_units(table, columns, file_report, state)
                else:
                    _plan_employees(table, columns, file_report, state)
                file_report.errors.sort(key=lambda error: error.row or 0)
            if dry_run or report.has_errors:
                return report
            report.users_created = _apply(state)
            report.applied = True
    except IntegrityError:
        report.applied = False
        report.errors.append(
            RowError(
                None,
                _(
                    "Someone changed the organisation while the import ran, so nothing "
                    "was imported. Try again."
                ),
            )
        )
    return report


# Uploads kept between the preview and the confirmation ---------------------------


def stage_upload(source: ImportSource) -> str:
    """Keep an uploaded file until the user confirms the import; returns its token."""
    extension = PurePath(source.name).suffix.lower()
    token = f"{uuid.uuid4().hex}{extension}"
    saved = default_storage.save(f"{STAGING_DIR}/{token}", ContentFile(source.data))
    if saved != f"{STAGING_DIR}/{token}":  # a storage that renamed it: never expected
        default_storage.delete(saved)
        raise ImportFileError(_("The file could not be kept for the import."))
    return token


def staged_source(*, token: str, name: str, kind: str = "") -> ImportSource:
    """The file kept under ``token``; ImportFileError for a token that is not ours."""
    path = f"{STAGING_DIR}/{token}"
    if not _TOKEN.match(token) or not default_storage.exists(path):
        raise ImportFileError(_("The uploaded file is no longer available. Upload it again."))
    with default_storage.open(path, "rb") as file:
        data = file.read(settings.SAMSKAB_IMPORT_MAX_BYTES + 1)
    extension = PurePath(token).suffix
    name = PurePath(name).name if name.lower().endswith(extension) else f"import{extension}"
    return ImportSource(name=name, data=data, kind=kind)


def discard_staged(token: str) -> None:
    if _TOKEN.match(token):
        default_storage.delete(f"{STAGING_DIR}/{token}")


def discard_stale_staged() -> None:
    """Remove uploads that were previewed but never confirmed."""
    try:
        _dirs, files = default_storage.listdir(STAGING_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - STAGING_MAX_AGE
    for name in files:
        if (
            _TOKEN.match(name)
            and default_storage.get_modified_time(f"{STAGING_DIR}/{name}") < cutoff
        ):
            default_storage.delete(f"{STAGING_DIR}/{name}")
