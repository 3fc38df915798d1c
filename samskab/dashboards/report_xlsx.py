"""The council report as an XLSX workbook: a sheet about the report, then one per section.

Written with samskab.core.spreadsheets: titles and names are text that is never
run as a formula, kroner carry a kroner format, other amounts two decimals,
shares a percentage and dates a date format.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.benefits.models import BenefitKind
from samskab.core import spreadsheets
from samskab.core.spreadsheets import Kroner, Share

from .report import CouncilReport


def _amount(kind: str, value):
    return Kroner(value) if kind == BenefitKind.ECONOMIC else value


def _share(row) -> Share:
    return Share(None if row.share is None else row.share / 100)


def _yes_no(value: bool | None) -> str:
    if value is None:
        return _("Not yet known")
    return _("Yes") if value else _("No")


def report_workbook(report: CouncilReport) -> bytes:
    period = report.period
    workbook = spreadsheets.new_workbook()

    spreadsheets.add_sheet(
        workbook,
        _("About the report"),
        [_("What"), _("Value")],
        [
            [_("Municipality"), settings.SAMSKAB_MUNICIPALITY_NAME],
            [_("From"), period.start],
            [_("To"), period.end],
            [_("Made"), timezone.localtime(report.made_at)],
            [
                _("Note"),
                _("The figures are as recorded in Samskab when the report was made."),
            ],
        ],
    )

    portfolio = report.portfolio
    spreadsheets.add_sheet(
        workbook,
        _("Portfolio"),
        [
            _("Task"),
            _("Area"),
            _("Radical or incremental"),
            _("Started"),
            _("Phase at the start"),
            _("Phase at the end"),
            _("Status at the end"),
            _("Ended"),
        ],
        (
            [
                item.task.title,
                item.task.owning_area.name,
                item.task.get_novelty_display(),
                item.task.started_on,
                item.phase_at_start,
                item.phase_at_end,
                item.status_at_end_label,
                item.task.ended_on if item.task.ended_on in period else None,
            ]
            for item in portfolio.tasks
        ),
    )
    spreadsheets.add_sheet(
        workbook,
        _("Changes"),
        [_("Date"), _("Change"), _("Task"), _("From phase"), _("To phase")],
        (
            [change.on, change.label, change.task.title, change.from_phase, change.to_phase]
            for change in portfolio.changes
        ),
    )

    spreadsheets.add_sheet(
        workbook,
        _("Decisions"),
        [_("Date"), _("Forum"), _("Decision"), _("Concerns"), _("From phase"), _("To phase")],
        (
            [
                decision.decided_on,
                decision.forum.name,
                decision.get_kind_display(),
                decision.task.title
                if decision.task
                else (decision.proposal.title if decision.proposal else None),
                decision.from_phase,
                decision.to_phase,
            ]
            for decision in report.decisions.decisions
        ),
    )

    spreadsheets.add_sheet(
        workbook,
        _("Trials"),
        [
            _("Task"),
            _("Trial"),
            _("Metric"),
            _("Unit"),
            _("Design"),
            _("Starts"),
            _("Ends"),
            _("State"),
            _("Effect"),
            _("Measured against"),
            _("Interval, low (95 percent)"),
            _("Interval, high (95 percent)"),
            _("Evidence level"),
            _("Criterion met"),
            _("Stop/go advice"),
        ],
        (
            [
                row.experiment.task.title,
                row.experiment.title,
                row.experiment.metric,
                row.experiment.unit,
                row.experiment.get_design_display(),
                row.experiment.starts_on,
                row.experiment.ends_on,
                row.state,
                row.estimate,
                _("The comparison group") if row.against_comparison else _("The baseline"),
                row.interval.low if row.interval else None,
                row.interval.high if row.interval else None,
                row.level,
                _yes_no(row.criterion_met),
                row.advice_label or None,
            ]
            for row in report.trials.trials
        ),
    )

    spreadsheets.add_sheet(
        workbook,
        _("Benefits"),
        [
            _("Kind"),
            _("Task"),
            _("Area"),
            _("Expected in the period"),
            _("Realised in the period"),
            _("Realised of expected"),
            _("Taken home"),
        ],
        [
            *(
                [
                    str(row.label),
                    _("All tasks"),
                    None,
                    _amount(row.key, row.expected),
                    _amount(row.key, row.realised),
                    _share(row),
                    _amount(row.key, row.taken_home),
                ]
                for row in report.benefits.by_kind
            ),
            *(
                [
                    item.kind_label,
                    item.title,
                    item.area,
                    _amount(item.kind, item.expected),
                    _amount(item.kind, item.realised),
                    _share(item),
                    _amount(item.kind, item.taken_home),
                ]
                for item in report.benefits.by_task
            ),
        ],
    )

    ideas = report.ideas
    answer_headers = [str(row.label) for row in ideas.answers]
    spreadsheets.add_sheet(
        workbook,
        _("Ideas"),
        [
            _("Kind"),
            _("Received"),
            _("Awaiting assessment"),
            _("Under assessment"),
            _("Answered"),
            _("Answers given in the period"),
            *answer_headers,
        ],
        (
            [
                str(row.label),
                row.received,
                row.waiting,
                row.assessing,
                row.answered,
                sum(answer.by_kind[index] for answer in ideas.answers),
                *(answer.by_kind[index] for answer in ideas.answers),
            ]
            for index, row in enumerate(ideas.kinds)
        ),
    )

    spread = report.spread
    spreadsheets.add_sheet(
        workbook,
        _("Spread"),
        [_("Task"), _("Area"), _("What"), _("Date")],
        [
            *(
                [c.task.title, c.task.owning_area.name, _("Completed"), c.on]
                for c in spread.completed
            ),
            *(
                [item.task.title, item.task.owning_area.name, _("In phase 7 (spread)"), None]
                for item in spread.spreading
            ),
        ],
    )
    return spreadsheets.to_bytes(workbook)
