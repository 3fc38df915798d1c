"""Events: the list, an event's page with sign-up, the unit's forms and the participant list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.pagination import paginate
from samskab.core.ratelimit import allow, too_many_requests

from . import queries, services
from .forms import CancelForm, EventForm, SignUpForm
from .models import Event, SignUp
from .permissions import get_event_for


def _back(event: Event):
    return redirect("events:event-detail", pk=event.pk)


def event_list(request):
    past = request.GET.get("tidligere") == "1"
    page = paginate(request, queries.events_for(request.user, past=past))
    page.object_list = list(page.object_list)
    mine = queries.signups_of(request.user, page.object_list)
    for event in page.object_list:
        event.own = mine.get(event.pk)
    return render(
        request,
        "events/event_list.html",
        {
            "page_obj": page,
            "past": past,
            "can_manage": request.user.has_perm("events.manage_events"),
        },
    )


def _detail(request, event: Event, *, form: SignUpForm | None = None, status: int = 200):
    user = request.user
    own = queries.signups_of(user, [event]).get(event.pk)
    manage = user.has_perm("events.manage_events")
    started = event.starts_at <= timezone.now()
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "own": own if own is not None and own.status != SignUp.Status.CANCELLED else None,
            "waiting_number": services.waiting_number(own) if own is not None else None,
            "open": event.is_open_for_signup(),
            "may_sign_up": user.has_perm("events.sign_up", event),
            "form": form or (SignUpForm() if user.is_anonymous else None),
            "can_manage": manage,
            "attended": event.signups.filter(attended=True).count() if started else None,
        },
        status=status,
    )


def event_detail(request, pk: int):
    return _detail(request, get_event_for(request.user, pk))


@require_perm("events.manage_events")
def event_create(request):
    initial = {}
    if (task := request.GET.get("opgave", "")).isdigit():
        initial["task"] = int(task)
    form = EventForm(request.POST or None, initial=initial)
    made: list[Event] = []
    if request.method == "POST" and run_service(
        form, lambda: made.append(services.event_save(event=form.instance, by=request.user))
    ):
        messages.success(request, _("The event was saved as a draft. Publish it when it is ready."))
        return _back(made[0])
    return render(request, "events/event_form.html", {"form": form, "event": None})


@require_perm("events.manage_events")
def event_edit(request, pk: int):
    event = get_event_for(request.user, pk, perm="events.manage_events")
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and run_service(
        form, lambda: services.event_save(event=form.instance, by=request.user)
    ):
        messages.success(request, _("The event was saved."))
        return _back(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@require_POST
@require_perm("events.manage_events")
def event_publish(request, pk: int):
    event = get_event_for(request.user, pk, perm="events.manage_events")
    try:
        services.event_publish(event=event, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event is published."))
    return _back(event)


@require_perm("events.manage_events")
def event_cancel(request, pk: int):
    event = get_event_for(request.user, pk, perm="events.manage_events")
    form = CancelForm(request.POST or None)
    if request.method == "POST" and run_service(
        form,
        lambda: services.event_cancel(
            event=event, reason=form.cleaned_data["reason"], by=request.user
        ),
    ):
        messages.success(request, _("The event is cancelled, and everyone signed up is told."))
        return _back(event)
    return render(request, "events/cancel_form.html", {"form": form, "event": event})


# Signing up ------------------------------------------------------------------------------


@require_POST
def signup_create(request, pk: int):
    """One click for a logged-in person; a name and an e-mail address for anyone else."""
    event = get_event_for(request.user, pk)
    if not allow(
        request, action="event-signup", rate="5/h" if request.user.is_anonymous else "60/h"
    ):
        return too_many_requests(request)
    if request.user.is_authenticated:
        try:
            signup = services.signup_join(event=event, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _back(event)
        if signup.status == SignUp.Status.CONFIRMED:
            messages.success(request, _("You are signed up. See you!"))
        else:
            messages.success(
                request,
                _("The event is full. You are number %(number)d on the waiting list.")
                % {"number": services.waiting_number(signup)},
            )
        return _back(event)
    form = SignUpForm(request.POST)
    if form.is_spam:
        return redirect("events:signup-check-email")  # say nothing to a robot
    if run_service(
        form,
        lambda: services.signup_request(
            event=event, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
        ),
    ):
        return redirect("events:signup-check-email")
    return _detail(request, event, form=form, status=400)


@require_POST
@login_required
def signup_cancel(request, pk: int):
    """A logged-in person cancels their own sign-up."""
    event = get_event_for(request.user, pk)
    signup = SignUp.objects.filter(event=event, user=request.user).first()
    if signup is None or signup.status == SignUp.Status.CANCELLED:
        messages.error(request, _("You are not signed up."))
        return _back(event)
    try:
        services.signup_cancel(signup=signup)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return _back(event)


def signup_check_email(request):
    return render(request, "events/check_email.html")


def signup_manage(request, token: str):
    """The e-mailed link of someone without an account.

    GET shows a confirm button (link scanners in mail systems must not confirm), or the
    sign-up as it stands with a cancel button; POST confirms or cancels.
    """
    try:
        signup = services.signup_from_token(token)
        if request.method == "POST":
            if request.POST.get("action") == "cancel":
                signup = services.signup_cancel(signup=signup)
                messages.success(request, _("Your sign-up is cancelled."))
            else:
                signup = services.signup_confirm(token=token)
                if signup.status == SignUp.Status.CONFIRMED:
                    messages.success(request, _("Your sign-up is confirmed. See you!"))
    except ValidationError as error:
        return render(request, "events/manage.html", {"error": error.messages[0]}, status=400)
    return render(
        request,
        "events/manage.html",
        {
            "signup": signup,
            "event": signup.event,
            "token": token,
            "waiting_number": services.waiting_number(signup),
        },
    )


# The participant list ----------------------------------------------------------------------


@require_perm("events.view_participants")
def participant_list(request, pk: int):
    event = get_event_for(request.user, pk, perm="events.view_participants")
    if request.method == "POST":
        chosen = [int(pk) for pk in request.POST.getlist("attended") if pk.isdigit()]
        try:
            count = services.attendance_record(event=event, attended=chosen, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Attendance is recorded: %(count)d attended.") % {"count": count}
            )
        return redirect("events:participant-list", pk=event.pk)
    signups = queries.participants(event)
    return render(
        request,
        "events/participant_list.html",
        {
            "event": event,
            "confirmed": [s for s in signups if s.status == SignUp.Status.CONFIRMED],
            "waiting": [s for s in signups if s.status == SignUp.Status.WAITING],
        },
    )
