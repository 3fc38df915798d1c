"""The unit's budget (one version), the funding sources and the applications as an XLSX workbook.

Written with samskab.core.spreadsheets: amounts are kroner cells, dates date cells, and text
people typed is never run as a formula.
"""

from django.utils.translation import gettext as _

from samskab.core import spreadsheets
from samskab.core.spreadsheets import Kroner

from . import queries_budget
from .models import BudgetVersion


def workbook(*, version: BudgetVersion | None, applications: bool = True) -> bytes:
    book = spreadsheets.new_workbook()
    lines = queries_budget.budget_lines(version) if version else []
    summary = queries_budget.summarise(lines)
    title = (
        _("Budget %(year)d v%(version)d") % {"year": version.year, "version": version.version}
        if version
        else _("Budget")
    )
    money = [_("Granted"), _("Committed"), _("Spent"), _("Remaining")]

    def amounts(row):
        return [
            Kroner(row.granted),
            Kroner(row.committed),
            Kroner(row.spent),
            Kroner(row.remaining),
        ]

    spreadsheets.add_sheet(
        book,
        title,
        [_("Category"), _("Description"), _("Source"), *money],
        [
            *(
                [
                    line.get_category_display(),
                    line.description,
                    line.source.name,
                    *amounts(line),
                ]
                for line in lines
            ),
            [_("Total"), "", "", *amounts(summary.total)],
        ],
    )
    spreadsheets.add_sheet(
        book,
        _("By category"),
        [_("Category"), *money],
        [[row.label, *amounts(row)] for row in summary.by_category],
    )
    spreadsheets.add_sheet(
        book,
        _("By source"),
        [_("Source"), *money],
        [[row.label, *amounts(row)] for row in summary.by_source],
    )
    spreadsheets.add_sheet(
        book,
        _("Funding sources"),
        [_("Name"), _("Kind"), _("Organisation"), _("Conditions"), _("Reporting"), _("Active")],
        (
            [
                source.name,
                source.get_kind_display(),
                source.organisation.name if source.organisation else "",
                source.conditions,
                source.reporting,
                _("Yes") if source.active else _("No"),
            ]
            for source in queries_budget.sources()
        ),
    )
    if applications:
        spreadsheets.add_sheet(
            book,
            _("Applications"),
            [
                _("Title"),
                _("Status"),
                _("Source"),
                _("Task"),
                _("Responsible"),
                _("Deadline"),
                _("Amount sought"),
                _("Submitted on"),
                _("Decided on"),
                _("Granted amount"),
            ],
            (
                [
                    application.title,
                    application.get_status_display(),
                    application.source.name,
                    application.task.title if application.task else "",
                    application.responsible.name,
                    application.deadline,
                    Kroner(application.amount_sought),
                    application.submitted_on,
                    application.decided_on,
                    Kroner(application.granted_amount),
                ]
                for application in queries_budget.applications()
            ),
        )
    return spreadsheets.to_bytes(book)
