"""An idea keeps when it was first responded to and first answered, for the funnel's times."""

import importlib
from datetime import timedelta

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from samskab.accounts import roles
from samskab.ideas import services
from samskab.ideas.models import Idea, StatusChange

FILL = importlib.import_module("samskab.ideas.migrations.0010_fill_response_and_answer_times")


def test_first_response_and_first_answer_are_kept_when_the_status_moves(personas, make_idea):
    staff = personas[roles.INNOVATIONSENHED]
    idea = make_idea()
    assert (idea.responded_at, idea.answered_at) == (None, None)

    services.idea_change_status(
        idea=idea, status=Idea.Status.UNDER_ASSESSMENT, message="Vi kigger på den", by=staff
    )
    idea.refresh_from_db()
    responded = idea.responded_at
    assert responded == idea.status_changed_at
    assert idea.answered_at is None

    services.idea_change_status(
        idea=idea,
        status=Idea.Status.ANSWERED,
        answer=Idea.Answer.PARKED,
        message="Ikke i år",
        by=staff,
    )
    idea.refresh_from_db()
    answered = idea.answered_at
    assert answered == idea.status_changed_at
    assert idea.responded_at == responded

    # Taken up again and answered anew: the first response and the first answer stay.
    services.idea_change_status(
        idea=idea, status=Idea.Status.UNDER_ASSESSMENT, message="Vi ser på den igen", by=staff
    )
    services.idea_change_status(
        idea=idea, status=Idea.Status.ANSWERED, answer=Idea.Answer.DECLINED, message="Nej", by=staff
    )
    idea.refresh_from_db()
    assert (idea.responded_at, idea.answered_at) == (responded, answered)


def test_an_idea_answered_at_once_is_responded_to_and_answered_at_the_same_moment(
    personas, make_idea
):
    idea = make_idea()
    services.idea_change_status(
        idea=idea,
        status=Idea.Status.ANSWERED,
        answer=Idea.Answer.DECLINED,
        message="Nej tak",
        by=personas[roles.INNOVATIONSENHED],
    )
    idea.refresh_from_db()
    assert idea.responded_at == idea.answered_at == idea.status_changed_at


def test_a_merged_idea_is_answered_when_it_is_merged(personas, make_idea):
    duplicate, survivor = make_idea(title="Kopi"), make_idea(title="Originalen")
    services.idea_merge(
        duplicate=duplicate,
        survivor=survivor,
        message="Samme idé",
        by=personas[roles.INNOVATIONSENHED],
    )
    duplicate.refresh_from_db()
    survivor.refresh_from_db()
    assert duplicate.responded_at == duplicate.answered_at == duplicate.status_changed_at
    assert (survivor.responded_at, survivor.answered_at) == (None, None)


def test_the_migration_fills_the_times_from_the_status_trail(make_idea):
    now = timezone.now()
    waiting, assessed, answered = make_idea(), make_idea(), make_idea()
    for idea, steps in (
        (waiting, []),
        (assessed, [("assessment", "", 3)]),
        (answered, [("assessment", "", 2), ("answered", "parked", 5), ("answered", "declined", 9)]),
    ):
        StatusChange.objects.create(idea=idea, status="received", message="Tak", created_at=now)
        for status, answer, days in steps:
            StatusChange.objects.create(
                idea=idea,
                status=status,
                answer=answer,
                message="Svar",
                created_at=now + timedelta(days=days),
            )

    FILL.fill(apps, None)

    waiting.refresh_from_db()
    assessed.refresh_from_db()
    answered.refresh_from_db()
    assert (waiting.responded_at, waiting.answered_at) == (None, None)
    assert (assessed.responded_at, assessed.answered_at) == (now + timedelta(days=3), None)
    assert (answered.responded_at, answered.answered_at) == (
        now + timedelta(days=2),
        now + timedelta(days=5),
    )


def test_demo_ideas_have_the_times_of_their_trails(db):
    call_command("seed_demo")
    first: dict[int, dict] = {}
    for idea_id, status, created_at in StatusChange.objects.order_by(
        "idea_id", "created_at", "pk"
    ).values_list("idea_id", "status", "created_at"):
        times = first.setdefault(idea_id, {"count": 0, "responded": None, "answered": None})
        times["count"] += 1
        if times["count"] == 2:
            times["responded"] = created_at
        if status == Idea.Status.ANSWERED and times["answered"] is None:
            times["answered"] = created_at
    ideas = Idea.objects.values_list("pk", "responded_at", "answered_at")
    assert ideas
    for pk, responded_at, answered_at in ideas:
        times = first.get(pk, {"responded": None, "answered": None})
        assert (responded_at, answered_at) == (times["responded"], times["answered"]), pk
