"""A task's answers to the innovation barometer, and the counts of a period with their workbook."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service

from . import export, queries, services, survey
from .forms import AnswersForm, PeriodForm
from .permissions import get_task_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INCOMPLETE_SHOWN = 100


@require_http_methods(["GET", "HEAD", "POST"])
@require_perm("barometer.view_answers")
def task_survey(request, pk: int):
    task = get_task_for(request.user, pk)
    can_change = request.user.has_perm("barometer.change_answers", task)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    answers = queries.answers_of(task)
    data = request.POST if request.method == "POST" else None
    form = AnswersForm(data, answers=answers) if can_change else None

    def save() -> None:
        try:
            services.answers_save(task=task, values=form.values(), by=request.user)
        except ValidationError as error:
            raise survey.by_question(error) from error

    if request.method == "POST" and run_service(form, save):
        messages.success(request, _("The answers were saved."))
        return redirect("barometer:task-survey", pk=task.pk)
    return render(
        request,
        "barometer/task_survey.html",
        {
            "task": task,
            "answers": answers,
            "form": form,
            "questions": [(question, question.chosen(answers)) for question in survey.QUESTIONS],
            "unanswered": survey.unanswered(answers),
        },
    )


def _context(request) -> dict:
    form = PeriodForm(request.GET or None, today=timezone.localdate())
    period = form.period()
    context = {
        "form": form,
        "period": period,
        "tally": None,
        "categories": [option.label for option in survey.CATEGORIES],
        "columns": len(survey.CATEGORIES) + 2,
        "shown": INCOMPLETE_SHOWN,
    }
    if period is not None:
        context["tally"] = queries.tally(period)
        found = list(queries.incomplete_in(period)[: INCOMPLETE_SHOWN + 1])
        context["incomplete"] = found[:INCOMPLETE_SHOWN]
        context["more_incomplete"] = len(found) > INCOMPLETE_SHOWN
    return context


@require_safe
@require_perm("barometer.export_survey")
def survey_export(request):
    return render(request, "barometer/export.html", _context(request))


@require_safe
@require_perm("barometer.export_survey")
def survey_export_xlsx(request):
    form = PeriodForm(request.GET or None, today=timezone.localdate())
    period = form.period()
    if period is None:  # the page shows why
        return redirect(f"{reverse('barometer:export')}?{request.GET.urlencode()}")
    response = HttpResponse(export.survey_workbook(period), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{period.file_name("xlsx")}"'
    return response
