"""Writes of the innovation barometer's answers."""

from django.db import transaction

from samskab.accounts.models import User
from samskab.portfolio.models import InnovationTask

from .models import SurveyAnswers


@transaction.atomic
def answers_save(*, task: InnovationTask, values: dict, by: User) -> SurveyAnswers:
    """Record a task's answers; the first save makes its row.

    ``values`` maps the model's answer fields to what was answered (``survey.field_values``).
    The task's row is locked, so two first saves at once make one row, not an error.
    """
    InnovationTask.objects.select_for_update().filter(pk=task.pk).exists()
    answers = SurveyAnswers.objects.filter(task=task).first() or SurveyAnswers(task=task)
    for field, value in values.items():
        setattr(answers, field, value)
    answers.updated_by = by
    answers.full_clean()
    answers.save()
    return answers
