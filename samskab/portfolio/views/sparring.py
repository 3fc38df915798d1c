"""The sparring queue (DESIGN §4 rule 3): ask, see the queue, order it, log hours, close.

Thin views: parse, call one service of services.sparring, render. Moving a
request is a plain form post (it works without JavaScript); with htmx the
queue is swapped in place and the moved request's button keeps the focus.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.redirects import safe_next
from samskab.ideas.permissions import get_idea_for

from ..forms.sparring import (
    AssignForm,
    DeclineForm,
    FinishForm,
    LogForm,
    SparringRequestForm,
    TimeBoxForm,
)
from ..models import SparringRequest
from ..permissions import get_sparring_for
from ..queries import sparring as queries
from ..services import sparring as services

TEMPLATES = "portfolio/sparring/"


def _run(form, service):
    """run_service, keeping what the service returns (None when it refused)."""
    result = []
    if run_service(form, lambda: result.append(service())):
        return result[0]
    return None


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# The queue -------------------------------------------------------------------------


def _queue_context(request, **extra) -> dict:
    return {
        "queue": queries.sparring_queue(),
        "can_order": request.user.has_perm("portfolio.order_sparring"),
        "can_request": request.user.has_perm("portfolio.request_sparring"),
        **extra,
    }


@require_perm("portfolio.view_sparring_queue")
def sparring_list(request):
    template = TEMPLATES + "list.html"
    if request.htmx:
        template += "#queue"
    return render(request, template, _queue_context(request))


@login_required
@require_POST
def sparring_move(request, pk: int):
    sparring = get_sparring_for(request.user, pk, perm="portfolio.order_sparring")
    direction = request.POST.get("direction", "")
    position = request.POST.get("position", "")
    try:
        moved = services.sparring_move(
            request=sparring,
            direction=direction,
            position=int(position) if position.strip().isdecimal() else None,
            by=request.user,
        )
    except ValidationError as error:
        status, level = _errors(error), messages.ERROR
    else:
        status = _("“%(title)s” is now number %(place)d in the queue.") % {
            "title": moved.title,
            "place": moved.position,
        }
        level = messages.SUCCESS
    if request.htmx:
        context = _queue_context(
            request,
            moved_pk=sparring.pk,
            direction=direction,
            move_status=status,
            move_error=level == messages.ERROR,
        )
        return render(request, TEMPLATES + "list.html#queue", context)
    messages.add_message(request, level, status)
    return redirect(f"{reverse('portfolio:sparring-list')}#sparring-{sparring.pk}")


# Asking ----------------------------------------------------------------------------


@require_perm("portfolio.request_sparring")
def sparring_create(request):
    form = SparringRequestForm(request.POST or None)
    if request.method == "POST":
        created = _run(
            form,
            lambda: services.sparring_request_create(
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                area=form.cleaned_data["area"],
                by=request.user,
            ),
        )
        if created is not None:
            messages.success(
                request,
                _("Thank you. Your request is number %(place)d in the sparring queue.")
                % {"place": queries.queue_places().get(created.pk, created.position)},
            )
            return redirect("portfolio:sparring-detail", pk=created.pk)
    mine = queries.sparring_requests_of(request.user)
    places = queries.queue_places() if any(item.status in services.OPEN for item in mine) else {}
    for item in mine:
        item.place = places.get(item.pk)
    return render(
        request,
        TEMPLATES + "form.html",
        {
            "form": form,
            "mine": mine,
            "default_hours": settings.SAMSKAB_SPARRING_HOURS,
        },
    )


@require_POST
@require_perm("portfolio.work_on_sparring")
def sparring_from_idea(request, pk: int):
    """The unit turns an idea whose submitter wants help into a sparring request."""
    idea = get_idea_for(request.user, pk, perm="ideas.moderate_idea")
    try:
        created = services.sparring_from_idea(idea=idea, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(safe_next(request, "ideas:idea-detail", pk=idea.pk))
    messages.success(
        request,
        _("“%(title)s” is number %(place)d in the sparring queue, and the submitter is told.")
        % {
            "title": created.title,
            "place": queries.queue_places().get(created.pk, created.position),
        },
    )
    return redirect(safe_next(request, "portfolio:sparring-detail", pk=created.pk))


# One request -----------------------------------------------------------------------


def _render_detail(request, sparring: SparringRequest, *, status: int = 200, **forms):
    user = request.user
    can_work = user.has_perm("portfolio.work_on_sparring")
    can_order = user.has_perm("portfolio.order_sparring")
    is_open = sparring.status in services.OPEN
    places = queries.queue_places() if is_open else {}
    context = {
        "sparring": sparring,
        "is_open": is_open,
        "place": places.get(sparring.pk),
        "can_work": can_work and is_open,
        "can_order": can_order and is_open,
        "queue_length": len(places),
        "show_logs": can_work,
        "logs": queries.sparring_logs(sparring) if can_work else [],
    }
    if can_work and is_open:
        context.update(
            log_form=forms.get("log_form") or LogForm(),
            finish_form=forms.get("finish_form") or FinishForm(),
        )
    if can_order and is_open:
        context.update(
            decline_form=forms.get("decline_form") or DeclineForm(),
            time_box_form=forms.get("time_box_form")
            or TimeBoxForm(initial={"time_box_hours": sparring.time_box_hours}),
            assign_form=forms.get("assign_form")
            or AssignForm(initial={"assigned_to": sparring.assigned_to_id}),
        )
    return render(request, TEMPLATES + "detail.html", context, status=status)


@login_required
def sparring_detail(request, pk: int):
    return _render_detail(request, get_sparring_for(request.user, pk))


@login_required
@require_POST
def sparring_log(request, pk: int):
    sparring = get_sparring_for(request.user, pk, perm="portfolio.work_on_sparring")
    form = LogForm(request.POST)
    logged = _run(
        form,
        lambda: services.sparring_log_hours(
            request=sparring,
            hours=form.cleaned_data["hours"],
            worked_on=form.cleaned_data["worked_on"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
    )
    if logged is None:
        return _render_detail(request, sparring, log_form=form)
    messages.success(request, _("The hours are logged."))
    return redirect("portfolio:sparring-detail", pk=sparring.pk)


# action -> (form, the permission it needs, the service, what to say when done)
UPDATES = {
    "finish": (
        FinishForm,
        "portfolio.work_on_sparring",
        lambda sparring, data, by: services.sparring_finish(
            request=sparring, outcome=data["outcome"], by=by
        ),
        gettext_lazy("The sparring is done, and the requester is told."),
    ),
    "decline": (
        DeclineForm,
        "portfolio.order_sparring",
        lambda sparring, data, by: services.sparring_decline(
            request=sparring, reason=data["reason"], by=by
        ),
        gettext_lazy("The request is declined, and the requester is told."),
    ),
    "time_box": (
        TimeBoxForm,
        "portfolio.order_sparring",
        lambda sparring, data, by: services.sparring_set_time_box(
            request=sparring, hours=data["time_box_hours"], by=by
        ),
        gettext_lazy("The time box is changed."),
    ),
    "assign": (
        AssignForm,
        "portfolio.order_sparring",
        lambda sparring, data, by: services.sparring_assign(
            request=sparring, assignee=data["assigned_to"], by=by
        ),
        gettext_lazy("The assignment is saved."),
    ),
}


@login_required
@require_POST
def sparring_update(request, pk: int):
    """Start, finish or decline a request; the chief also sets its time box and assignee."""
    sparring = get_sparring_for(request.user, pk, perm="portfolio.work_on_sparring")
    action = request.POST.get("action", "")
    if action == "start":
        try:
            services.sparring_start(request=sparring, by=request.user)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("The sparring is started."))
        return redirect("portfolio:sparring-detail", pk=sparring.pk)
    if action not in UPDATES:
        messages.error(request, _("Choose what to change."))
        return redirect("portfolio:sparring-detail", pk=sparring.pk)
    form_class, perm, service, done = UPDATES[action]
    if not request.user.has_perm(perm):
        raise PermissionDenied
    form = form_class(request.POST)
    if run_service(form, lambda: service(sparring, form.cleaned_data, request.user)):
        messages.success(request, done)
        return redirect("portfolio:sparring-detail", pk=sparring.pk)
    return _render_detail(request, sparring, **{f"{action}_form": form})


urlpatterns = [
    path("sparring/", sparring_list, name="sparring-list"),
    path("sparring/ny/", sparring_create, name="sparring-create"),
    path("sparring/fra-ide/<int:pk>/", sparring_from_idea, name="sparring-from-idea"),
    path("sparring/<int:pk>/", sparring_detail, name="sparring-detail"),
    path("sparring/<int:pk>/flyt/", sparring_move, name="sparring-move"),
    path("sparring/<int:pk>/timer/", sparring_log, name="sparring-log"),
    path("sparring/<int:pk>/opdater/", sparring_update, name="sparring-update"),
]
