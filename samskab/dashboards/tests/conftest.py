"""Constructed data for the funnel: ideas at given moments, assessments, proposals, tasks and gates."""

import datetime as dt
from datetime import date, timedelta

import pytest
from django.utils import timezone

from samskab.accounts import roles
from samskab.dashboards.funnel import Period
from samskab.governance.models import Decision, Forum
from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import (
    Assessment,
    Category,
    InnovationTask,
    Novelty,
    TaskProposal,
)

# A whole calendar year two years back: every date in it lies before today.
YEAR = timezone.localdate().year - 2


def at(month: int, day: int, hour: int = 12, *, year: int = YEAR) -> dt.datetime:
    """A moment in Copenhagen time."""
    return dt.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def period() -> Period:
    return Period(date(YEAR, 1, 1), date(YEAR, 12, 31))


@pytest.fixture
def areas(unit) -> dict[str, OrgUnit]:
    root = unit.parent.parent
    return {
        "skole": unit.parent,
        "social": OrgUnit.objects.create(
            name="Social og Sundhed", kind=OrgUnit.Kind.AREA, parent=root
        ),
    }


@pytest.fixture
def received(make_idea):
    """An idea received at ``when`` (published unless told), responded to and answered when given."""

    def make(when: dt.datetime, *, responded=None, answered=None, areas=(), **fields):
        idea = make_idea(confirmed_at=when, responded_at=responded, answered_at=answered, **fields)
        if areas:
            idea.areas.set(areas)
        return idea

    return make


@pytest.fixture
def assess(personas):
    def make(ideas, when: dt.datetime, *, category="", novelty="") -> Assessment:
        assessment = Assessment.objects.create(
            title="Vurdering", category=category, novelty=novelty
        )
        Assessment.objects.filter(pk=assessment.pk).update(created_at=when)
        assessment.ideas.set(ideas)
        return assessment

    return make


@pytest.fixture
def owner(personas, unit):
    return personas[roles.OMRAADELEDER].person


@pytest.fixture
def propose(owner, areas):
    def make(ideas, when: dt.datetime, *, category=Category.SERVICE, novelty=Novelty.RADICAL):
        proposal = TaskProposal.objects.create(
            title="Forslag",
            problem="x",
            ambition="x",
            novelty=novelty,
            category=category,
            owning_area=areas["skole"],
            owner=owner,
        )
        TaskProposal.objects.filter(pk=proposal.pk).update(created_at=when)
        proposal.ideas.set(ideas)
        return proposal

    return make


@pytest.fixture
def task_with_gates(owner, areas, personas):
    """A task started on ``started`` whose gates took it into the phases on the dates of ``gates``.

    ``gates`` lists the days of the "gate: go" decisions in order (into phase 2, 3, …);
    ``phase`` is its phase now, by default the one the gates lead to.
    """
    executive = Forum.objects.get(kind=Forum.Kind.EXECUTIVE)
    director = personas[roles.DIREKTION]

    def make(
        ideas=(),
        *,
        started: date,
        gates=(),
        phase=None,
        status=InnovationTask.Status.ACTIVE,
        ended=None,
        category=Category.SERVICE,
        novelty=Novelty.RADICAL,
        title="Opgave",
    ) -> InnovationTask:
        task = InnovationTask.objects.create(
            title=title,
            problem="x",
            ambition="x",
            novelty=novelty,
            category=category,
            owning_area=areas["skole"],
            owner=owner,
            political_reference="KB",
            phase=phase or 1 + len(gates),
            status=status,
            started_on=started,
            ended_on=ended,
        )
        task.ideas.set(ideas)
        for into, decided_on in enumerate(gates, start=2):
            Decision.objects.create(
                kind=Decision.Kind.GATE_GO,
                forum=executive,
                task=task,
                decided_on=decided_on,
                from_phase=into - 1,
                to_phase=into,
                rationale="Gaten er passeret.",
                recorded_by=director,
            )
        return task

    return make


def days_after(day: date, days: int) -> date:
    return day + timedelta(days=days)
