"""What an import did, or would do: rendered by the command and by the admin page."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy


class ImportKind(models.TextChoices):
    UNITS = "units", gettext_lazy("Units")
    EMPLOYEES = "employees", gettext_lazy("Employees")


class Action(models.TextChoices):
    CREATE = "create", gettext_lazy("New")
    UPDATE = "update", gettext_lazy("Changed")
    UNCHANGED = "unchanged", gettext_lazy("Unchanged")
    ENDED = "ended", gettext_lazy("Ended")


class ImportFileError(ValidationError):
    """The file as a whole cannot be imported: wrong type, too large, unreadable, wrong columns."""


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
    def ended(self) -> int:
        return self._count(Action.ENDED)

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

    @property
    def ended(self) -> int:
        return sum(f.ended for f in self.files)
