"""Reads of ideas and challenges shared by views, the demo data and (later) the API.

Lists run a fixed number of queries whatever the number of ideas: counts of
supports and comments are columns the services keep, the list is paginated by
keyset, and the total is counted only up to a bound.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from samskab.accounts.permissions import is_employee, is_unit_staff
from samskab.core.pagination import KeysetPage, cursor_at, keyset_page

from .models import Audience, Challenge, ChallengeAnswer, Comment, Follow, Idea
from .search import parse_query, search_ideas

COUNT_BOUND = 10_000
SORTS = {
    "nyeste": ("-created_at", "-id"),
    "mest-stoettede": ("-support_count", "-id"),
    "mest-debatterede": ("-comment_count", "-id"),
}


def audiences_for(user) -> list[str]:
    return [Audience.PUBLIC, Audience.INTERNAL] if is_employee(user) else [Audience.PUBLIC]


def published_ideas(user) -> QuerySet[Idea]:
    """Ideas anyone may list: approved by the unit (which needs consent), for the user's audience."""
    return Idea.objects.filter(
        moderation=Idea.Moderation.APPROVED, audience__in=audiences_for(user)
    )


def filtered_ideas(
    user,
    *,
    kind: str = "",
    area=None,
    challenge: Challenge | None = None,
    status: str = "",
) -> QuerySet[Idea]:
    ideas = published_ideas(user)
    if kind:
        ideas = ideas.filter(kind=kind)
    if area is not None:
        ideas = ideas.filter(areas=area)
    if challenge is not None:
        ideas = ideas.filter(challenge=challenge)
    if status:
        ideas = ideas.filter(status=status)
    return ideas.only(
        "id",
        "title",
        "kind",
        "status",
        "answer",
        "support_count",
        "merged_support_count",
        "comment_count",
        "created_at",
    )


def ideas_page(ideas: QuerySet[Idea], *, sort: str, cursor: str | None, size: int) -> KeysetPage:
    """One page of ``ideas`` in the order ``sort`` names (a key of SORTS), after ``cursor``."""
    return keyset_page(ideas, order=SORTS[sort], cursor=cursor, size=size)


def bounded_count(queryset: QuerySet, bound: int = COUNT_BOUND) -> tuple[int, bool]:
    """How many rows, counted up to ``bound``; True when there are more."""
    count = queryset.order_by().values("pk")[: bound + 1].count()
    return min(count, bound), count > bound


def visible_challenges(user) -> QuerySet[Challenge]:
    challenges = Challenge.objects.select_related("owner")
    if not is_employee(user):
        challenges = challenges.filter(audience=Audience.PUBLIC)
    return challenges


def open_challenges(user) -> QuerySet[Challenge]:
    today = timezone.localdate()
    return visible_challenges(user).filter(
        Q(closes_on__isnull=True) | Q(closes_on__gte=today), opens_on__lte=today
    )


# What ideas/includes/comment.html shows of a comment and its author (display_name()).
# Building the authors with every column of the user and the person was a third of
# the time of the comments on a busy idea.
COMMENT_FIELDS = (
    "id",
    "idea_id",
    "parent_id",
    "author_id",
    "body",
    "hidden",
    "hidden_reason",
    "created_at",
    "author__username",
    "author__first_name",
    "author__last_name",
    "author__person__name",
)


COMMENTS_PAGE_SIZE = 50


@dataclass
class CommentPage:
    """A page of an idea's conversation: top-level comments with their replies, oldest first."""

    comments: list[Comment]
    older: str | None  # the cursor of the page of older comments, if there are any
    is_latest: bool


def comments_page(
    idea: Idea,
    *,
    show_hidden: bool,
    before: str | None = None,
    showing: int | None = None,
    size: int = COMMENTS_PAGE_SIZE,
) -> CommentPage:
    """The newest ``size`` top-level comments with their replies, or an older page.

    ``before`` is a cursor from an earlier page (its ``older``); ``showing`` a comment
    (or reply) that a link points at: the page that has it. Paged by keyset on
    (created_at, id), so the queries are the same for a busy idea's 1st and 10th page.
    """
    top_level = idea.comments.filter(parent__isnull=True)
    if not show_hidden:
        top_level = top_level.filter(hidden=False)
    if showing is not None:
        before = _cursor_showing(idea, top_level, showing, show_hidden=show_hidden, size=size)
    replies = Comment.objects.select_related("author__person").only(*COMMENT_FIELDS)
    if not show_hidden:
        replies = replies.filter(hidden=False)
    page = keyset_page(
        top_level.select_related("author__person")
        .only(*COMMENT_FIELDS)
        .prefetch_related(Prefetch("replies", queryset=replies)),
        order=("-created_at", "-id"),
        cursor=before,
        size=size,
    )
    return CommentPage(
        comments=page.object_list[::-1], older=page.next_cursor, is_latest=page.is_first
    )


def _cursor_showing(
    idea: Idea, top_level: QuerySet[Comment], pk: int, *, show_hidden: bool, size: int
) -> str | None:
    """The cursor of the page that shows comment ``pk``; None for the newest page."""
    comment = (
        idea.comments.filter(pk=pk)
        .select_related("parent")
        .only("id", "created_at", "hidden", "parent", "parent__created_at", "parent__hidden")
        .first()
    )
    if comment is None or (
        not show_hidden and (comment.hidden or getattr(comment.parent, "hidden", False))
    ):
        return None
    thread = comment.parent or comment
    newer = top_level.filter(
        Q(created_at__gt=thread.created_at) | Q(created_at=thread.created_at, id__gt=thread.pk)
    )
    if newer.values("pk")[:size].count() < size:
        return None
    return cursor_at(thread.created_at, thread.pk)


def answers_for(idea: Idea, *, show_internal: bool) -> list[ChallengeAnswer]:
    answers = idea.challenge_answers.select_related("question").order_by("question__position")
    if not show_internal:
        answers = answers.filter(question__public=True)
    return list(answers)


def ideas_of(user) -> QuerySet[Idea]:
    """A person's own ideas with their status trails: "Mine idéer"."""
    return (
        Idea.objects.filter(author=user)
        .select_related("merged_into")
        .prefetch_related("status_changes")
        .order_by("-created_at", "-id")
    )


def followed_by(user) -> QuerySet[Follow]:
    """The ideas others brought that ``user`` follows and may open, the latest followed first."""
    return (
        Follow.objects.filter(user=user, idea__in=ideas_visible_to(user).values("pk"))
        .exclude(idea__author=user)
        .select_related("idea")
        .order_by("-created_at", "-pk")
    )


# The innovation unit's inbox ---------------------------------------------------

INBOX_SIZE = 50


def awaiting_moderation() -> QuerySet[Idea]:
    return Idea.objects.filter(
        moderation=Idea.Moderation.PENDING, confirmed_at__isnull=False, consent_to_publish=True
    ).order_by("created_at", "id")


def reported_comments() -> QuerySet[Comment]:
    return (
        Comment.objects.filter(reports__resolved=False)
        .distinct()
        .select_related("idea", "author__person")
        .prefetch_related("reports")
        .order_by("-report_count", "created_at")
    )


def help_requests() -> QuerySet[Idea]:
    return (
        Idea.objects.filter(wants_help=True, confirmed_at__isnull=False)
        .exclude(status=Idea.Status.ANSWERED)
        .order_by("created_at", "id")
    )


def overdue_ideas() -> QuerySet[Idea]:
    """Ideas with no status change for SAMSKAB_IDEA_ANSWER_DAYS: nobody's idea may wait forever."""
    limit = timezone.now() - timedelta(days=settings.SAMSKAB_IDEA_ANSWER_DAYS)
    return (
        Idea.objects.filter(confirmed_at__isnull=False, status_changed_at__lt=limit)
        .exclude(status=Idea.Status.ANSWERED)
        .order_by("status_changed_at", "id")
    )


# Picking ideas in a form ------------------------------------------------------

PICKER_SIZE = 10
PICKER_MAX_CHOSEN = 100
_NUMBERS_ONLY = re.compile(r"[\s,;#0-9]*[0-9][\s,;#0-9]*")
_NUMBER = re.compile(r"[0-9]{1,9}")


def ideas_visible_to(user) -> QuerySet[Idea]:
    """Every idea ``user`` may see (ideas.view_idea): the unit sees all, others the
    published ones and their own."""
    if is_unit_staff(user):
        return Idea.objects.all()
    published = Q(moderation=Idea.Moderation.APPROVED, audience__in=audiences_for(user))
    if user.is_authenticated:
        return Idea.objects.filter(published | Q(author=user))
    return Idea.objects.filter(published)


def typed_numbers(text: str) -> list[int] | None:
    """The idea numbers in ``text`` when it holds nothing else ("12, #47"), else None."""
    if not _NUMBERS_ONLY.fullmatch(text):
        return None
    return [int(number) for number in re.findall(r"[0-9]+", text) if len(number) < 10]


@dataclass(frozen=True)
class PickedIdeas:
    """What an idea picker shows: the ideas already chosen, then those matching the text."""

    chosen: list[Idea]
    matches: list[Idea]
    searched: bool  # there was something to look for


def picker_matches(
    ideas: QuerySet[Idea], *, text: str, chosen: list[str], size: int = PICKER_SIZE
) -> PickedIdeas:
    """The chosen ideas and up to ``size`` others matching ``text`` (numbers or words).

    ``ideas`` is what the user may see; ids outside it are dropped without a word. Two
    queries at most: the search, then the ideas.
    """
    chosen_ids = list(dict.fromkeys(int(pk) for pk in chosen if _NUMBER.fullmatch(pk)))
    chosen_ids = chosen_ids[:PICKER_MAX_CHOSEN]
    numbers = typed_numbers(text)
    if numbers is not None:
        found = numbers[:size]
    else:
        found = search_ideas(ideas, text, limit=size + len(chosen_ids)) if text.strip() else []
    searched = bool(numbers) or bool(parse_query(text))
    if not chosen_ids and not found:
        return PickedIdeas(chosen=[], matches=[], searched=searched)
    by_id = ideas.only("id", "title", "status", "answer").in_bulk([*chosen_ids, *found])
    picked = set(chosen_ids)
    return PickedIdeas(
        chosen=[by_id[pk] for pk in chosen_ids if pk in by_id],
        matches=[by_id[pk] for pk in dict.fromkeys(found) if pk in by_id and pk not in picked][
            :size
        ],
        searched=searched,
    )
