"""The innovation barometer's questions, in the survey's order, as Samskab records them.

Each question names the model fields that hold its answer: a question with
several answers is a group of BooleanFields (an option is a field), one with a
single answer is a choice field (an option is a value). Forms, pages, the
export and its tests are all built from ``QUESTIONS``, so they cannot drift
apart. The type of innovation is the task's ``category`` and is not asked here.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from samskab.portfolio.models import Category

from .models import PARTNER_FIELDS, Evaluation, Initiator, Origin, Spread, SurveyAnswers


@dataclass(frozen=True)
class Option:
    key: str  # a BooleanField's name (several answers) or a choice's value (one answer)
    label: Promise


@dataclass(frozen=True)
class Question:
    key: str  # the form field's name; for a single answer also the model field's
    label: Promise
    help_text: Promise
    multiple: bool
    options: tuple[Option, ...]

    def answered(self, answers: SurveyAnswers | None) -> bool:
        if answers is None:
            return False
        if self.multiple:
            return any(getattr(answers, option.key) for option in self.options)
        return bool(getattr(answers, self.key))

    def chosen(self, answers: SurveyAnswers | None) -> list[Option]:
        """The options the answers chose, in the survey's order."""
        if answers is None:
            return []
        if self.multiple:
            return [option for option in self.options if getattr(answers, option.key)]
        value = getattr(answers, self.key)
        return [option for option in self.options if option.key == value]

    def value(self, answers: SurveyAnswers | None):
        """The answer as a form takes it: a list of fields, or a value ("" when none)."""
        chosen = [option.key for option in self.chosen(answers)]
        if self.multiple:
            return chosen
        return chosen[0] if chosen else ""


def _fields(*names: str) -> tuple[Option, ...]:
    return tuple(
        Option(name, capfirst(SurveyAnswers._meta.get_field(name).verbose_name)) for name in names
    )


def _choices(choices) -> tuple[Option, ...]:
    return tuple(Option(value, label) for value, label in choices.choices if value)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "value",
        _("What value does the innovation serve?"),
        _("Tick every value that applies."),
        True,
        _fields(
            "value_quality",
            "value_efficiency",
            "value_involvement",
            "value_employees",
            "value_political",
        ),
    ),
    Question(
        "origin",
        _("Is the innovation new, or adapted from others?"),
        _(
            "Newly developed is an original innovation; adapted is one copied from or inspired by other workplaces."
        ),
        False,
        _choices(Origin),
    ),
    Question(
        "initiator",
        _("Who took the initiative?"),
        _("The one who mainly started the innovation."),
        False,
        _choices(Initiator),
    ),
    Question(
        "partners",
        _("Whom did the workplace work with?"),
        _("Tick every type of partner, or “no partners”."),
        True,
        _fields(*PARTNER_FIELDS),
    ),
    Question(
        "funding",
        _("How is the innovation financed?"),
        _("Tick every source that applies."),
        True,
        _fields("funding_operating", "funding_pool", "funding_external", "funding_partners"),
    ),
    Question(
        "spread",
        _("Has the innovation been actively spread to others?"),
        _("For example presented to, or taken up by, other workplaces or municipalities."),
        False,
        _choices(Spread),
    ),
    Question(
        "evaluation",
        _("Has the innovation been evaluated?"),
        _("Internally by the workplace itself, externally by others, or both."),
        False,
        _choices(Evaluation),
    ),
)

CATEGORIES: tuple[Option, ...] = _choices(Category)


def unanswered(answers: SurveyAnswers | None) -> list[Question]:
    return [question for question in QUESTIONS if not question.answered(answers)]


def field_values(data: dict) -> dict:
    """Model field values from a form's cleaned data (``Question.value`` the other way)."""
    values: dict = {}
    for question in QUESTIONS:
        if question.multiple:
            ticked = set(data.get(question.key) or ())
            values.update({option.key: option.key in ticked for option in question.options})
        else:
            values[question.key] = data.get(question.key) or ""
    return values


NOT_ANSWERED = _("Not answered")
TASKS = _("Tasks")


def by_question(error: ValidationError) -> ValidationError:
    """The error of a model's answer fields, keyed by the questions they belong to (for a form)."""
    if not hasattr(error, "error_dict"):
        return error
    question_of = {
        option.key: question.key
        for question in QUESTIONS
        if question.multiple
        for option in question.options
    }
    errors: dict[str, list] = {}
    for field, messages in error.error_dict.items():
        errors.setdefault(question_of.get(field, field), []).extend(messages)
    return ValidationError(errors)
