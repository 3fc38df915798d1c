"""Ideas and challenges: read what the pages show the caller; submit, support, comment."""

import uuid
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.forms import ModelMultipleChoiceField
from django.http import Http404
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from samskab.ideas import queries, services
from samskab.ideas.forms import area_choices
from samskab.ideas.models import Audience, ChallengeQuestion, Idea
from samskab.ideas.permissions import get_challenge_for, get_idea_for

from ..auth import writer
from .common import PAGE, Cursor

router = Router(tags=["ideas"])


class IdeaOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    answer: str
    support_count: int = Field(description="Supports, with those of ideas merged into it")
    comment_count: int
    created_at: datetime
    url: str

    @staticmethod
    def resolve_support_count(idea: Idea) -> int:
        return idea.support_count + idea.merged_support_count

    @staticmethod
    def resolve_url(idea: Idea) -> str:
        return reverse("ideas:idea-detail", kwargs={"pk": idea.pk})


class IdeaDetailOut(IdeaOut):
    description: str
    beneficiaries: str
    audience: str
    challenge_id: int | None
    merged_into_id: int | None = Field(description="Only when the caller may open it")

    @staticmethod
    def resolve_merged_into_id(idea: Idea, context) -> int | None:
        survivor = idea.merged_into
        user = context["request"].auth.user
        return survivor.pk if survivor and user.has_perm("ideas.view_idea", survivor) else None


class IdeaIn(Schema):
    title: str = Field(max_length=200)
    description: str = Field(max_length=10_000)
    kind: str = Idea.Kind.IDEA
    beneficiaries: str = Field("", max_length=2_000)
    audience: str = Audience.PUBLIC
    challenge_id: int | None = None
    area_ids: list[int] = Field(default_factory=list, max_length=20)
    answers: dict[int, str] = Field(
        default_factory=dict, description="The challenge's questions by id, with the answers"
    )
    consent_to_publish: bool = False
    wants_help: bool = False
    on_behalf_of: str = Field("", max_length=200)
    token: uuid.UUID | None = Field(
        None, description="Send the same token again and get the same idea back, once"
    )


class ChallengeOut(Schema):
    id: int
    title: str
    question: str
    background: str
    audience: str
    opens_on: date
    closes_on: date | None
    url: str

    @staticmethod
    def resolve_url(challenge) -> str:
        return reverse("ideas:challenge-detail", kwargs={"pk": challenge.pk})


class SupportOut(Schema):
    supported: bool
    support_count: int


class CommentIn(Schema):
    body: str = Field(min_length=1, max_length=5_000)
    parent_id: int | None = None


class CommentOut(Schema):
    id: int
    idea_id: int
    parent_id: int | None
    body: str
    created_at: datetime


@router.get("/ideas", response=list[IdeaOut], summary="Published ideas the caller may see")
@paginate(Cursor, **PAGE)
def idea_list(request, kind: str = "", status: str = "", challenge: int | None = None):
    chosen = get_challenge_for(request.auth.user, challenge) if challenge else None
    return queries.filtered_ideas(request.auth.user, kind=kind, status=status, challenge=chosen)


@router.get("/ideas/{int:pk}", response=IdeaDetailOut, summary="An idea")
def idea_detail(request, pk: int):
    return get_idea_for(request.auth.user, pk)


@router.post("/ideas", response={201: IdeaDetailOut}, summary="Submit an idea")
def idea_submit(request, payload: IdeaIn):
    user = writer(request, action="idea-submit", rate="30/h")
    challenge = get_challenge_for(user, payload.challenge_id) if payload.challenge_id else None
    answers = {}
    if challenge is not None and payload.answers:
        questions = ChallengeQuestion.objects.filter(challenge=challenge).in_bulk()
        answers = {questions[pk]: value for pk, value in payload.answers.items() if pk in questions}
    idea = Idea(
        kind=payload.kind,
        title=payload.title.strip(),
        description=payload.description.strip(),
        beneficiaries=payload.beneficiaries.strip(),
        audience=payload.audience,
        challenge=challenge,
        consent_to_publish=payload.consent_to_publish,
        wants_help=payload.wants_help,
        on_behalf_of=payload.on_behalf_of.strip(),
    )
    areas = list(area_choices().filter(pk__in=payload.area_ids))
    unknown = set(payload.area_ids) - {area.pk for area in areas}
    if unknown:
        message = ModelMultipleChoiceField.default_error_messages["invalid_choice"]
        raise ValidationError({"area_ids": message % {"value": min(unknown)}})
    idea = services.idea_submit(
        idea=idea,
        author=user,
        areas=areas,
        answers=answers,
        token=payload.token,
    )
    return Status(201, idea)


@router.post("/ideas/{int:pk}/support", response=SupportOut, summary="Support an idea")
def idea_support(request, pk: int):
    user = writer(request, action="support", rate="60/h")
    idea = get_idea_for(user, pk, perm="ideas.support_idea")
    services.idea_support(idea=idea, user=user)
    return {"supported": True, "support_count": idea.support_count + idea.merged_support_count}


@router.delete("/ideas/{int:pk}/support", response=SupportOut, summary="Withdraw a support")
def idea_unsupport(request, pk: int):
    user = writer(request, action="support", rate="60/h")
    idea = get_idea_for(user, pk, perm="ideas.support_idea")
    services.idea_unsupport(idea=idea, user=user)
    return {"supported": False, "support_count": idea.support_count + idea.merged_support_count}


@router.post("/ideas/{int:pk}/comments", response={201: CommentOut}, summary="Comment on an idea")
def comment_create(request, pk: int, payload: CommentIn):
    user = writer(request, action="comment", rate="20/h")
    idea = get_idea_for(user, pk, perm="ideas.comment_idea")
    parent = None
    if payload.parent_id is not None:
        parent = idea.comments.filter(pk=payload.parent_id, hidden=False).first()
        if parent is None:
            raise Http404
    return Status(
        201, services.comment_add(idea=idea, author=user, body=payload.body, parent=parent)
    )


@router.get("/challenges", response=list[ChallengeOut], summary="Challenges the caller may see")
@paginate(Cursor, **PAGE)
def challenge_list(request):
    return queries.visible_challenges(request.auth.user)


@router.get("/challenges/{int:pk}", response=ChallengeOut, summary="A challenge")
def challenge_detail(request, pk: int):
    return get_challenge_for(request.auth.user, pk)
