"""Who may see and do what with ideas, challenges and comments.

A published idea (approved by the innovation unit, which only approves ideas
whose author consented to publication) is visible to everyone, or to employees
only when it is internal. Its author and the innovation unit always see it.
"""

from collections.abc import Iterable

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from samskab.accounts.permissions import is_area_manager, is_employee, is_unit_staff

from .models import Audience, Challenge, Comment, Idea


@rules.predicate
def is_author(user, idea: Idea | None) -> bool:
    return idea is not None and user.is_authenticated and idea.author_id == user.pk


@rules.predicate
def is_published(user, idea: Idea | None) -> bool:
    if idea is None or idea.moderation != Idea.Moderation.APPROVED:
        return False
    return idea.audience == Audience.PUBLIC or is_employee(user)


@rules.predicate
def is_open_for_support(user, idea: Idea | None) -> bool:
    return idea is not None and idea.is_open_for_support


@rules.predicate
def is_logged_in(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def challenge_is_visible(user, challenge: Challenge | None) -> bool:
    return challenge is not None and (challenge.audience == Audience.PUBLIC or is_employee(user))


can_view_idea = is_author | is_published | is_unit_staff
rules.add_perm("ideas.view_idea", can_view_idea)
rules.add_perm("ideas.support_idea", is_logged_in & can_view_idea & is_open_for_support)
rules.add_perm("ideas.follow_idea", is_logged_in & can_view_idea)
rules.add_perm("ideas.comment_idea", is_logged_in & can_view_idea & is_open_for_support)
rules.add_perm("ideas.moderate_idea", is_unit_staff)
rules.add_perm("ideas.view_unit_inbox", is_unit_staff)
# The forms that pick ideas by words or number (merging, task proposals) are the unit's.
rules.add_perm("ideas.pick_idea", is_unit_staff)
rules.add_perm("ideas.view_challenge", challenge_is_visible | is_unit_staff)
rules.add_perm("ideas.add_challenge", is_unit_staff | is_area_manager)
rules.add_perm("ideas.change_challenge", is_unit_staff | is_area_manager)
rules.add_perm("ideas.view_my_ideas", is_logged_in)
rules.add_perm("ideas.report_comment", is_logged_in)


def get_idea_for(user, pk: int, *, perm: str = "ideas.view_idea") -> Idea:
    """The only way views fetch an idea: an outsider learns nothing, not even that it exists."""
    idea = get_object_or_404(
        Idea.objects.select_related("challenge", "author", "merged_into"), pk=pk
    )
    if not user.has_perm("ideas.view_idea", idea):
        raise Http404
    if perm != "ideas.view_idea" and not user.has_perm(perm, idea):
        raise PermissionDenied
    return idea


# The fields the view predicates read: load at least these when many ideas are checked.
VIEW_FIELDS = ("id", "title", "author_id", "moderation", "audience")


def openable(user, idea: Idea | None) -> Idea | None:
    """``idea`` if ``user`` may open it, otherwise None.

    A page names and links another idea (the one a merged idea lives on in, the ideas
    behind a proposal) only for readers who may open it; the others get a sentence
    without its title, never a link that answers 404.
    """
    return idea if idea is not None and user.has_perm("ideas.view_idea", idea) else None


def split_openable(user, ideas: Iterable[Idea]) -> tuple[list[Idea], int]:
    """The ideas ``user`` may open, and how many others there are (shown as a number only)."""
    shown, others = [], 0
    for idea in ideas:
        if user.has_perm("ideas.view_idea", idea):
            shown.append(idea)
        else:
            others += 1
    return shown, others


def get_challenge_for(user, pk: int, *, perm: str = "ideas.view_challenge") -> Challenge:
    challenge = get_object_or_404(Challenge.objects.select_related("owner"), pk=pk)
    if not user.has_perm("ideas.view_challenge", challenge):
        raise Http404
    if perm != "ideas.view_challenge" and not user.has_perm(perm, challenge):
        raise PermissionDenied
    return challenge


def get_comment_for(user, pk: int, *, perm: str) -> Comment:
    comment = get_object_or_404(Comment.objects.select_related("idea"), pk=pk)
    if not user.has_perm("ideas.view_idea", comment.idea) or (
        comment.hidden and not user.has_perm("ideas.moderate_idea")
    ):
        raise Http404
    if not user.has_perm(perm, comment.idea if perm.endswith("_idea") else comment):
        raise PermissionDenied
    return comment
