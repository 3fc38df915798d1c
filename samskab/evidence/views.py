"""Trials: the experiment card, its measurements (by hand or from a file) and its learning card."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.organisation.importing.reading import source_from_file
from samskab.portfolio.permissions import get_task_for

from . import queries, services
from .chart import chart_of
from .effects import effect_of
from .forms import ExperimentForm, ImportForm, LearningCardForm, MeasurementForm
from .importing import ImportRowsError, read_measurements
from .models import LearningCard
from .permissions import get_experiment_for, get_measurement_for


def _closed(request, experiment, reason: str):
    """Back to the trial, saying why, when its task is closed or it is concluded; else None.

    The services refuse such changes; this spares filling in a form that cannot be saved.
    """
    if experiment.task.is_closed:
        reason = _("The task is closed; its trials can no longer change.")
    elif not experiment.is_concluded:
        return None
    messages.info(request, reason)
    return redirect("evidence:experiment-detail", pk=experiment.pk)


def _takes_no_measurements(request, experiment):
    return _closed(
        request,
        experiment,
        _("The trial is concluded with a learning card and takes no more measurements."),
    )


def _measurements_kept(request, experiment):
    return _closed(
        request,
        experiment,
        _(
            "The trial is concluded with a learning card; its measurements are kept as "
            "they were and can no longer be corrected or deleted."
        ),
    )


@require_perm("evidence.view_experiment")
def experiment_create(request, pk: int):
    task = get_task_for(request.user, pk, perm="evidence.add_experiment")
    form = ExperimentForm(request.POST or None, task=task)
    if request.method == "POST" and run_service(
        form, lambda: services.experiment_save(experiment=form.instance, by=request.user)
    ):
        messages.success(request, _("The trial is recorded. Add its measurements as they come."))
        return redirect("evidence:experiment-detail", pk=form.instance.pk)
    return render(request, "evidence/experiment_form.html", {"form": form, "task": task})


@require_perm("evidence.view_experiment")
def experiment_detail(request, pk: int):
    experiment = get_experiment_for(request.user, pk)
    measurements = queries.measurements_of(experiment)
    user = request.user
    concluded = experiment.is_concluded
    return render(
        request,
        "evidence/experiment_detail.html",
        {
            "experiment": experiment,
            "task": experiment.task,
            "measurements": measurements,
            "effect": effect_of(experiment, measurements),
            "chart": chart_of(experiment, measurements),
            "card": experiment.learning_card if concluded else None,
            "can_change": not concluded
            and not experiment.task.is_closed
            and user.has_perm("evidence.change_experiment", experiment),
            "can_measure": not concluded
            and not experiment.task.is_closed
            and user.has_perm("evidence.record_measurement", experiment),
            "can_conclude": not experiment.task.is_closed
            and user.has_perm("evidence.conclude_experiment", experiment),
        },
    )


@require_perm("evidence.view_experiment")
def experiment_edit(request, pk: int):
    experiment = get_experiment_for(request.user, pk, perm="evidence.change_experiment")
    if closed := _closed(
        request,
        experiment,
        _("The trial is concluded with a learning card; it can no longer change."),
    ):
        return closed
    form = ExperimentForm(request.POST or None, instance=experiment, task=experiment.task)
    if request.method == "POST" and run_service(
        form, lambda: services.experiment_save(experiment=form.instance, by=request.user)
    ):
        messages.success(request, _("The changes were saved."))
        return redirect("evidence:experiment-detail", pk=experiment.pk)
    return render(
        request,
        "evidence/experiment_form.html",
        {"form": form, "task": experiment.task, "experiment": experiment},
    )


@require_perm("evidence.view_experiment")
def experiment_measure(request, pk: int):
    experiment = get_experiment_for(request.user, pk, perm="evidence.record_measurement")
    if closed := _takes_no_measurements(request, experiment):
        return closed
    form = MeasurementForm(request.POST or None, experiment=experiment)
    if request.method == "POST" and run_service(
        form,
        lambda: services.measurement_add(
            experiment=experiment, measurement=form.instance, by=request.user
        ),
    ):
        messages.success(request, _("The measurement is recorded."))
        if "again" in request.POST:
            return redirect("evidence:experiment-measure", pk=experiment.pk)
        return redirect("evidence:experiment-detail", pk=experiment.pk)
    return render(
        request,
        "evidence/measurement_form.html",
        {"form": form, "experiment": experiment, "task": experiment.task},
    )


@require_perm("evidence.view_experiment")
def measurement_edit(request, pk: int):
    measurement = get_measurement_for(request.user, pk)
    experiment = measurement.experiment
    if closed := _measurements_kept(request, experiment):
        return closed
    form = MeasurementForm(request.POST or None, instance=measurement, experiment=experiment)
    if request.method == "POST" and run_service(
        form, lambda: services.measurement_change(measurement=form.instance, by=request.user)
    ):
        messages.success(request, _("The measurement is corrected."))
        return redirect("evidence:experiment-detail", pk=experiment.pk)
    return render(
        request,
        "evidence/measurement_form.html",
        {
            "form": form,
            "experiment": experiment,
            "task": experiment.task,
            "measurement": measurement,
        },
    )


@require_perm("evidence.view_experiment")
def measurement_delete(request, pk: int):
    measurement = get_measurement_for(request.user, pk)
    experiment = measurement.experiment
    if closed := _measurements_kept(request, experiment):
        return closed
    error = None
    if request.method == "POST":
        try:
            services.measurement_delete(measurement=measurement, by=request.user)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("The measurement is deleted."))
            return redirect("evidence:experiment-detail", pk=experiment.pk)
    return render(
        request,
        "evidence/measurement_delete.html",
        {
            "measurement": measurement,
            "experiment": experiment,
            "task": experiment.task,
            "error": error,
        },
    )


@require_perm("evidence.view_experiment")
def experiment_import(request, pk: int):
    experiment = get_experiment_for(request.user, pk, perm="evidence.record_measurement")
    if closed := _takes_no_measurements(request, experiment):
        return closed
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_measurements(
                source_from_file(name=upload.name, file=upload),
                comparison_allowed=experiment.has_comparison,
            )
            count = services.measurements_import(
                experiment=experiment, measurements=rows, by=request.user
            )
        except ImportRowsError as error:
            row_errors = error.messages
            hidden = len(error.rows) - len(row_errors)
            form.add_error(
                "file",
                _("Nothing was imported: correct the rows below and try again."),
            )
            if hidden > 0:
                row_errors.append(_("… and %(count)d more problems.") % {"count": hidden})
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            messages.success(request, _("%(count)d measurements were imported.") % {"count": count})
            return redirect("evidence:experiment-detail", pk=experiment.pk)
    return render(
        request,
        "evidence/measurement_import.html",
        {
            "form": form,
            "experiment": experiment,
            "task": experiment.task,
            "row_errors": row_errors,
        },
    )


@require_perm("evidence.view_experiment")
def experiment_conclude(request, pk: int):
    experiment = get_experiment_for(request.user, pk, perm="evidence.conclude_experiment")
    card = experiment.learning_card if experiment.is_concluded else LearningCard()
    form = LearningCardForm(request.POST or None, instance=card)
    if request.method == "POST" and run_service(
        form,
        lambda: services.learning_card_save(
            experiment=experiment, card=form.instance, by=request.user
        ),
    ):
        messages.success(request, _("The trial is concluded with its learning card."))
        return redirect("portfolio:task-detail", pk=experiment.task_id)
    measurements = queries.measurements_of(experiment)
    return render(
        request,
        "evidence/learning_card_form.html",
        {
            "form": form,
            "experiment": experiment,
            "task": experiment.task,
            "effect": effect_of(experiment, measurements),
            "card": card if card.pk else None,
        },
    )


urlpatterns = [
    path("opgaver/<int:pk>/forsoeg/ny/", experiment_create, name="experiment-create"),
    path("forsoeg/<int:pk>/", experiment_detail, name="experiment-detail"),
    path("forsoeg/<int:pk>/rediger/", experiment_edit, name="experiment-edit"),
    path("forsoeg/<int:pk>/maalinger/ny/", experiment_measure, name="experiment-measure"),
    path("forsoeg/<int:pk>/maalinger/import/", experiment_import, name="experiment-import"),
    path("maalinger/<int:pk>/rediger/", measurement_edit, name="measurement-edit"),
    path("maalinger/<int:pk>/slet/", measurement_delete, name="measurement-delete"),
    path("forsoeg/<int:pk>/laeringskort/", experiment_conclude, name="experiment-conclude"),
]
