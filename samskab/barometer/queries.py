"""Reads of the innovation barometer: a task's answers, and the counts of a period.

A task counts in a period when it had started by the period's end and was not
closed before its beginning: ``started_on <= to`` and ``ended_on`` empty (active
or paused) or on or after ``from``. The counts are one grouped aggregate over
those tasks, by type of innovation, whatever their number.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import formats

from samskab.portfolio.models import InnovationTask

from . import survey
from .models import SurveyAnswers


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def file_name(self, extension: str) -> str:
        return f"innovationsbarometer-{self.start:%Y-%m-%d}-{self.end:%Y-%m-%d}.{extension}"

    def __str__(self) -> str:
        return f"{formats.date_format(self.start)}–{formats.date_format(self.end)}"


def previous_year(today: date) -> Period:
    return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))


def answers_of(task: InnovationTask) -> SurveyAnswers | None:
    return SurveyAnswers.objects.select_related("updated_by__person").filter(task=task).first()


def active_in(period: Period) -> Q:
    """The tasks that were under way at some time in the period."""
    return Q(started_on__lte=period.end) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=period.start)
    )


def tasks_in(period: Period) -> QuerySet[InnovationTask]:
    return InnovationTask.objects.filter(active_in(period))


@dataclass
class Row:
    """One answer (or "not answered") with its count for each type of innovation and in all."""

    label: object
    counts: list[int]
    unanswered: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class Section:
    question: object  # a survey.Question, or the type of innovation's label
    label: object
    rows: list[Row] = field(default_factory=list)


@dataclass
class Tally:
    period: Period
    tasks: Row  # the number of tasks, by type
    sections: list[Section]


def _alias(i: int, j: int | str) -> str:
    return f"q{i}_{j}"


def _answered(question: survey.Question) -> Q:
    prefix = "survey_answers__"
    if question.multiple:
        condition = Q()
        for option in question.options:
            condition |= Q(**{f"{prefix}{option.key}": True})
        return condition
    return Q(**{f"{prefix}{question.key}__in": [option.key for option in question.options]})


def _chose(question: survey.Question, option: survey.Option) -> Q:
    if question.multiple:
        return Q(**{f"survey_answers__{option.key}": True})
    return Q(**{f"survey_answers__{question.key}": option.key})


def tally(period: Period) -> Tally:
    """How many of the period's tasks gave each answer, by type of innovation (one query)."""
    counts = {}
    for i, question in enumerate(survey.QUESTIONS):
        for j, option in enumerate(question.options):
            counts[_alias(i, j)] = Count("pk", filter=_chose(question, option))
        counts[_alias(i, "answered")] = Count("pk", filter=_answered(question))
    by_category = {
        row["category"]: row
        for row in tasks_in(period)
        .order_by()
        .values("category")
        .annotate(tasks=Count("pk"), **counts)
    }
    categories = [option.key for option in survey.CATEGORIES]

    def per_category(alias: str) -> list[int]:
        return [by_category.get(category, {}).get(alias, 0) for category in categories]

    tasks = per_category("tasks")
    type_section = Section(None, InnovationTask._meta.get_field("category").verbose_name)
    for k, option in enumerate(survey.CATEGORIES):
        type_section.rows.append(
            Row(option.label, [n if k == m else 0 for m, n in enumerate(tasks)])
        )
    sections = [type_section]
    for i, question in enumerate(survey.QUESTIONS):
        section = Section(question, question.label)
        for j, option in enumerate(question.options):
            section.rows.append(Row(option.label, per_category(_alias(i, j))))
        answered = per_category(_alias(i, "answered"))
        section.rows.append(
            Row(
                survey.NOT_ANSWERED,
                [n - a for n, a in zip(tasks, answered, strict=True)],
                unanswered=True,
            )
        )
        sections.append(section)
    return Tally(period=period, tasks=Row(survey.TASKS, tasks), sections=sections)


def tasks_with_answers(period: Period) -> QuerySet[InnovationTask]:
    """The period's tasks with their answers and area, for the list of answers."""
    return tasks_in(period).select_related("survey_answers", "owning_area").order_by("title", "pk")


def incomplete_in(period: Period) -> QuerySet[InnovationTask]:
    """The period's tasks that have not answered every question (or nothing yet)."""
    complete = Q()
    for question in survey.QUESTIONS:
        complete &= _answered(question)
    return (
        tasks_in(period)
        .filter(Q(survey_answers__isnull=True) | ~complete)
        .select_related("owning_area")
        .order_by("title", "pk")
    )


def answers_or_none(task: InnovationTask) -> SurveyAnswers | None:
    """A task's answers read with it (``select_related``), None before the first save."""
    try:
        return task.survey_answers
    except SurveyAnswers.DoesNotExist:
        return None
