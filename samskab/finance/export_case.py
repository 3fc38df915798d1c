"""A business case as an XLSX workbook, written with samskab.core.spreadsheets (kroner formats)."""

from django.utils.translation import gettext as _

from samskab.core import spreadsheets
from samskab.core.spreadsheets import Kroner

from .models import BusinessCase, BusinessCaseLine
from .queries_case import KINDS, case_figures


def case_workbook(case: BusinessCase) -> bytes:
    figures = case_figures(case)
    labels = dict(BusinessCaseLine.Kind.choices) | {"net": _("Net")}
    estimates = [_("Low"), _("Expected"), _("High")]
    workbook = spreadsheets.new_workbook()
    spreadsheets.add_sheet(
        workbook,
        _("Business case"),
        [_("Year"), _("Kind"), *estimates],
        (
            [
                row.year,
                str(labels[key]),
                *(Kroner(getattr(figure, column)) for column in ("low", "expected", "high")),
            ]
            for row in figures.rows
            for key, figure in zip([*KINDS, "net"], row.cells(), strict=True)
        ),
    )
    spreadsheets.add_sheet(
        workbook,
        _("Key figures"),
        [_("Figure"), *estimates],
        [
            [
                _("Net present value"),
                *(Kroner(figures.npv[column]) for column in ("low", "expected", "high")),
            ],
            [_("Payback (years)"), None, figures.payback, None],
            [_("Discount rate (%)"), None, case.discount_rate, None],
            [_("Version"), None, case.version, None],
            [_("Task"), None, case.task.title, None],
            [_("Assumptions"), None, case.note, None],
        ],
    )
    return spreadsheets.to_bytes(workbook)
