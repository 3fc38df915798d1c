"""The innovation barometer of a period as a workbook: the counts, and each task's answers."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from samskab.core import spreadsheets
from samskab.portfolio.models import InnovationTask

from . import queries, survey


def _count_rows(tally: queries.Tally):
    yield [_("Period"), str(tally.period), *[""] * (len(tally.tasks.counts) + 1)]
    yield [_("Number of tasks"), "", *tally.tasks.counts, tally.tasks.total]
    for section in tally.sections:
        for row in section.rows:
            yield [section.label, row.label, *row.counts, row.total]


def _task_rows(tasks):
    for task in tasks:
        answers = queries.answers_or_none(task)
        yield [
            task.pk,
            task.title,
            task.owning_area.name,
            task.phase,
            task.get_status_display(),
            task.started_on,
            task.ended_on,
            task.get_category_display(),
            *[
                "; ".join(str(option.label) for option in question.chosen(answers))
                or str(survey.NOT_ANSWERED)
                for question in survey.QUESTIONS
            ],
        ]


def survey_workbook(period: queries.Period) -> bytes:
    tally = queries.tally(period)
    workbook = spreadsheets.new_workbook()
    categories = [option.label for option in survey.CATEGORIES]
    spreadsheets.add_sheet(
        workbook,
        _("Counts"),
        [_("Question"), _("Answer"), *categories, _("All tasks")],
        _count_rows(tally),
    )
    field = InnovationTask._meta.get_field
    spreadsheets.add_sheet(
        workbook,
        _("Tasks"),
        [
            _("Number"),
            capfirst(field("title").verbose_name),
            capfirst(field("owning_area").verbose_name),
            capfirst(field("phase").verbose_name),
            capfirst(field("status").verbose_name),
            capfirst(field("started_on").verbose_name),
            capfirst(field("ended_on").verbose_name),
            capfirst(field("category").verbose_name),
            *[question.label for question in survey.QUESTIONS],
        ],
        _task_rows(queries.tasks_with_answers(period).iterator(chunk_size=500)),
    )
    return spreadsheets.to_bytes(workbook)
