"""The roll-up as an XLSX workbook, written with samskab.core.spreadsheets.

Amounts of the economic kind are kroner; the other kinds are plain numbers.
Titles and names are text that is never run as a formula.
"""

from django.utils.translation import gettext as _

from samskab.core import spreadsheets
from samskab.core.spreadsheets import Kroner, Share

from . import queries
from .models import BenefitKind


def _amount(kind: str, value):
    return Kroner(value) if kind == BenefitKind.ECONOMIC else value


def _share(row) -> Share:
    return Share(None if row.share is None else row.share / 100)


def rollup_workbook() -> bytes:
    workbook = spreadsheets.new_workbook()
    kinds = dict(BenefitKind.choices)
    expected, realised, share = _("Expected"), _("Realised"), _("Realised of expected")

    spreadsheets.add_sheet(
        workbook,
        _("By kind"),
        [_("Kind"), expected, realised, share, _("Taken home")],
        (
            [
                str(row.label),
                _amount(row.key, row.expected),
                _amount(row.key, row.realised),
                _share(row),
                _amount(row.key, row.taken_home),
            ]
            for row in queries.rollup_by_kind()
        ),
    )
    spreadsheets.add_sheet(
        workbook,
        _("By year"),
        [_("Kind"), _("Year"), expected, realised, share],
        (
            [
                str(label),
                row.key,
                _amount(kind, row.expected),
                _amount(kind, row.realised),
                _share(row),
            ]
            for kind, label in kinds.items()
            for row in queries.rollup_by_year(kind)
        ),
    )
    spreadsheets.add_sheet(
        workbook,
        _("By area"),
        [_("Kind"), _("Area"), expected, realised, share],
        (
            [
                str(label),
                row.label,
                _amount(kind, row.expected),
                _amount(kind, row.realised),
                _share(row),
            ]
            for kind, label in kinds.items()
            for row in queries.rollup_by_area(kind)
        ),
    )
    spreadsheets.add_sheet(
        workbook,
        _("By task"),
        [_("Kind"), _("Task"), _("Area"), _("Phase"), expected, realised, share],
        (
            [
                str(label),
                task.title,
                task.owning_area.name,
                task.phase,
                _amount(kind, task.expected),
                _amount(kind, task.realised),
                Share(task.realised / task.expected if task.expected else None),
            ]
            for kind, label in kinds.items()
            for task in queries.rollup_by_task(kind).iterator(chunk_size=2000)
        ),
    )
    spreadsheets.add_sheet(
        workbook,
        _("Without agreement"),
        [_("Task"), _("Area"), _("Phase")],
        (
            [task.title, task.owning_area.name, task.phase]
            for task in queries.tasks_without_agreement()
        ),
    )
    return spreadsheets.to_bytes(workbook)
