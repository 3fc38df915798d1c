"""Meetings and the decision log, for those the pages show them to."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from samskab.governance import queries
from samskab.governance.models import Decision, Meeting

from .common import PAGE, Cursor, require

router = Router(tags=["governance"])


class MeetingOut(Schema):
    id: int
    forum: str
    title: str
    starts_at: datetime
    location: str
    url: str

    @staticmethod
    def resolve_forum(meeting: Meeting) -> str:
        return meeting.forum.name

    @staticmethod
    def resolve_url(meeting: Meeting) -> str:
        return reverse("governance:meeting-detail", kwargs={"pk": meeting.pk})


class DecisionOut(Schema):
    id: int
    kind: str
    forum: str
    decided_on: date
    meeting_id: int | None
    task_id: int | None
    proposal_id: int | None
    from_phase: int | None
    to_phase: int | None
    rationale: str
    corrects_id: int | None
    url: str

    @staticmethod
    def resolve_forum(decision: Decision) -> str:
        return decision.forum.name

    @staticmethod
    def resolve_url(decision: Decision) -> str:
        return reverse("governance:decision-detail", kwargs={"pk": decision.pk})


@router.get("/meetings", response=list[MeetingOut], summary="Meetings of the forums")
@paginate(Cursor, **PAGE)
def meeting_list(request):
    require(request, "governance.view_meetings")
    return Meeting.objects.select_related("forum")


@router.get("/meetings/{int:pk}", response=MeetingOut, summary="A meeting")
def meeting_detail(request, pk: int):
    require(request, "governance.view_meetings")
    return queries.meeting(pk)


@router.get("/decisions", response=list[DecisionOut], summary="The decision log")
@paginate(Cursor, **PAGE)
def decision_list(request, kind: str = "", task: int | None = None):
    require(request, "governance.view_decisions")
    rows = queries.decision_log(kind=kind)
    return rows.filter(task_id=task) if task else rows


@router.get("/decisions/{int:pk}", response=DecisionOut, summary="A decision")
def decision_detail(request, pk: int):
    require(request, "governance.view_decisions")
    return get_object_or_404(queries.decision_log(), pk=pk)
