"""Meetings, their agenda and pack, and decisions: the log, one decision, recording one."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samskab.core.decorators import require_perm
from samskab.core.forms import run_service
from samskab.core.ids import as_id
from samskab.core.pagination import paginate
from samskab.portfolio.queries.tasks import wip_status

from . import packs, queries, services
from .forms import REFRESH, DecisionFilterForm, DecisionForm, MeetingForm
from .models import Decision, Forum, Meeting, MeetingPack

# Meetings --------------------------------------------------------------------------


@require_perm("governance.view_meetings")
def meeting_list(request):
    return render(
        request,
        "governance/meeting_list.html",
        {
            "page_obj": paginate(request, queries.meetings()),
            "can_add": request.user.has_perm("governance.add_meeting"),
        },
    )


@require_perm("governance.add_meeting")
def meeting_create(request):
    initial = {}
    if forum := Forum.objects.filter(kind=request.GET.get("forum", "")).first():
        initial["forum"] = forum
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and run_service(
        form, lambda: services.meeting_save(meeting=form.instance, by=request.user)
    ):
        messages.success(request, _("The meeting is created, with a proposed agenda."))
        return redirect("governance:meeting-detail", pk=form.instance.pk)
    return render(request, "governance/meeting_form.html", {"form": form})


def _held(meeting) -> None:
    """A meeting that has begun keeps its pack as it was (if no job has frozen it yet)."""
    if services.meeting_has_begun(meeting):
        services.meeting_pack_freeze(meeting=meeting)


@require_safe
@require_perm("governance.view_meetings")
def meeting_detail(request, pk: int):
    meeting = queries.meeting(pk)
    _held(meeting)
    user = request.user
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": queries.agenda(meeting),
            "wip": wip_status(),
            "can_edit": user.has_perm("governance.add_meeting"),
            "can_decide": user.has_perm("governance.record_decision", meeting.forum),
        },
    )


@require_perm("governance.add_meeting")
def meeting_edit(request, pk: int):
    meeting = queries.meeting(pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and run_service(
        form, lambda: services.meeting_save(meeting=form.instance, by=request.user)
    ):
        messages.success(request, _("The changes were saved."))
        return redirect("governance:meeting-detail", pk=meeting.pk)
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting})


@require_safe
@require_perm("governance.view_meetings")
def meeting_pack(request, pk: int):
    """The agenda and a one-page brief per item, to print on A4 from the browser: as it
    stands until the meeting begins, as it was from then on."""
    meeting = queries.meeting(pk)
    _held(meeting)
    frozen = MeetingPack.objects.filter(meeting=meeting).first()
    if frozen is not None:
        context = {"meeting": meeting, "frozen": frozen, "body": packs.frozen_body(frozen)}
    else:
        context = packs.pack_context(meeting)
    return render(request, "governance/meeting_pack.html", context)


# Decisions -------------------------------------------------------------------------


@require_safe
@require_perm("governance.view_decisions")
def decision_list(request):
    form = DecisionFilterForm(request.GET or None)
    page = paginate(request, queries.decision_log(**form.filters()))
    template = "governance/decision_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"form": form, "page_obj": page})


@require_safe  # a decision is never changed or deleted: PUT, PATCH and DELETE get 405
@require_perm("governance.view_decisions")
def decision_detail(request, pk: int):
    decision = queries.decision(pk)
    return render(
        request,
        "governance/decision_detail.html",
        {
            "decision": decision,
            "corrections": decision.corrections.all(),
            "can_correct": request.user.has_perm("governance.record_decision", decision.forum),
        },
    )


# The query parameters a link may prefill the form with: ?opgave=, ?forslag=, ?moede=, ?retter=.
PREFILL = {"opgave": "task", "forslag": "proposal", "moede": "meeting", "retter": "corrects"}


def _prefill(request) -> dict:
    initial = {
        field: request.GET[param]
        for param, field in PREFILL.items()
        if as_id(request.GET.get(param)) is not None
    }
    if kind := request.GET.get("art"):
        initial["kind"] = kind
    if "meeting" in initial and (meeting := Meeting.objects.filter(pk=initial["meeting"]).first()):
        initial["forum"] = meeting.forum_id
    if "corrects" in initial and (
        corrected := Decision.objects.filter(pk=initial["corrects"]).first()
    ):
        initial.setdefault("forum", corrected.forum_id)
        for field in ("task", "proposal"):
            if getattr(corrected, f"{field}_id") and field not in initial:
                initial[field] = getattr(corrected, f"{field}_id")
    return initial


@require_perm("governance.record_decision")
def decision_create(request):
    user = request.user
    if request.method == "POST" and REFRESH in request.POST:
        form = DecisionForm.redisplay(request.POST, user=user)
        template = "governance/decision_form.html"
        if request.htmx:
            template += "#fields"
        return render(request, template, {"form": form, "wip": wip_status()})
    if request.method == "POST":
        form = DecisionForm(request.POST, user=user)
        recorded = []

        def record() -> None:
            recorded.append(services.decision_record(**form.decision_kwargs(), by=user))

        if run_service(form, record):
            messages.success(request, _("The decision is recorded."))
            return redirect("governance:decision-detail", pk=recorded[0].pk)
    else:
        form = DecisionForm(user=user, initial=_prefill(request))
    return render(request, "governance/decision_form.html", {"form": form, "wip": wip_status()})


urlpatterns = [
    path("moeder/", meeting_list, name="meeting-list"),
    path("moeder/ny/", meeting_create, name="meeting-create"),
    path("moeder/<int:pk>/", meeting_detail, name="meeting-detail"),
    path("moeder/<int:pk>/rediger/", meeting_edit, name="meeting-edit"),
    path("moeder/<int:pk>/pakke/", meeting_pack, name="meeting-pack"),
    path("beslutninger/", decision_list, name="decision-list"),
    path("beslutninger/ny/", decision_create, name="decision-create"),
    path("beslutninger/<int:pk>/", decision_detail, name="decision-detail"),
]
