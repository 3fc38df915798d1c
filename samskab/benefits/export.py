"""The roll-up as an XLSX workbook (openpyxl, as the organisation import uses)."""

import io

import openpyxl
from django.utils.translation import gettext as _

from . import queries
from .models import BenefitKind


def rollup_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    kinds = dict(BenefitKind.choices)

    sheet = workbook.active
    sheet.title = _("By kind")[:31]
    sheet.append([_("Kind"), _("Expected"), _("Realised"), _("Taken home")])
    for row in queries.rollup_by_kind():
        sheet.append([str(row.label), row.expected, row.realised, row.taken_home])

    sheet = workbook.create_sheet(_("By year")[:31])
    sheet.append([_("Kind"), _("Year"), _("Expected"), _("Realised")])
    for kind, label in kinds.items():
        for row in queries.rollup_by_year(kind):
            sheet.append([str(label), row.key, row.expected, row.realised])

    sheet = workbook.create_sheet(_("By area")[:31])
    sheet.append([_("Kind"), _("Area"), _("Expected"), _("Realised")])
    for kind, label in kinds.items():
        for row in queries.rollup_by_area(kind):
            sheet.append([str(label), row.label, row.expected, row.realised])

    sheet = workbook.create_sheet(_("By task")[:31])
    sheet.append([_("Kind"), _("Task"), _("Area"), _("Phase"), _("Expected"), _("Realised")])
    for kind, label in kinds.items():
        for task in queries.rollup_by_task(kind).iterator(chunk_size=2000):
            sheet.append(
                [
                    str(label),
                    task.title,
                    task.owning_area.name,
                    task.phase,
                    task.expected,
                    task.realised,
                ]
            )

    sheet = workbook.create_sheet(_("Without agreement")[:31])
    sheet.append([_("Task"), _("Area"), _("Phase")])
    for task in queries.tasks_without_agreement():
        sheet.append([task.title, task.owning_area.name, task.phase])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
