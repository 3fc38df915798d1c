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

The modules, in the order an import uses them: ``reading`` (the file and its
columns, with ``excel`` walking a workbook's sheet cell by cell within limits), ``planning`` with ``units`` and ``employees`` (check every row, work out
what would change), ``writing`` (``import_organisation``: all or nothing),
``staging`` (an upload kept between the admin page's preview and its
confirmation) and ``report`` (what happened, for the command and the admin page).
"""

from .reading import (
    ALLOWED_EXTENSIONS,
    EMPLOYEE_COLUMNS,
    MAX_COLUMNS,
    MAX_ROWS,
    UNIT_COLUMNS,
    ImportSource,
    check_file,
    source_from_file,
)
from .report import (
    Action,
    FieldChange,
    FileReport,
    ImportFileError,
    ImportKind,
    ImportReport,
    RowError,
    RowResult,
)
from .staging import (
    STAGING_DIR,
    STAGING_MAX_AGE,
    discard_staged,
    discard_stale_staged,
    stage_upload,
    staged_source,
)
from .writing import import_organisation

__all__ = [
    "ALLOWED_EXTENSIONS",
    "EMPLOYEE_COLUMNS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "STAGING_DIR",
    "STAGING_MAX_AGE",
    "UNIT_COLUMNS",
    "Action",
    "FieldChange",
    "FileReport",
    "ImportFileError",
    "ImportKind",
    "ImportReport",
    "ImportSource",
    "RowError",
    "RowResult",
    "check_file",
    "discard_staged",
    "discard_stale_staged",
    "import_organisation",
    "source_from_file",
    "stage_upload",
    "staged_source",
]
