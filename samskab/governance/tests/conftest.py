import pytest
from django.utils import timezone, translation

from samskab.accounts import roles
from samskab.governance import services
from samskab.governance.models import Decision, Forum, Meeting
from samskab.ideas.models import Idea
from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import InnovationTask, TaskProposal


@pytest.fixture(autouse=True)
def _room_for_many_tasks_and_danish_afterwards(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100
    yield
    # A request to /en/ leaves English active in the thread; the next test's reverse()
    # would give /en/ addresses.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def area(unit) -> OrgUnit:
    return unit.parent


@pytest.fixture
def owner(personas, area):
    person = personas[roles.OMRAADELEDER].person
    person.org_unit = area
    person.save()
    return person


@pytest.fixture
def executive(db) -> Forum:
    return Forum.objects.get(kind=Forum.Kind.EXECUTIVE)


@pytest.fixture
def committee(db) -> Forum:
    return Forum.objects.get(kind=Forum.Kind.COMMITTEE)


@pytest.fixture
def director(personas):
    return personas[roles.DIREKTION]


@pytest.fixture
def make_idea(db):
    def make(title="Udeskole hver fredag") -> Idea:
        return Idea.objects.create(
            title=title,
            description="Undervisning i skoven.",
            confirmed_at=timezone.now(),
            consent_to_publish=True,
            moderation=Idea.Moderation.APPROVED,
        )

    return make


@pytest.fixture
def make_proposal(area, owner):
    def make(title="Færre ensomme ældre", ideas=(), **fields) -> TaskProposal:
        proposal = TaskProposal.objects.create(
            title=title,
            problem=fields.pop("problem", "Mange ældre er ensomme."),
            ambition=fields.pop("ambition", "Halvt så mange ensomme ældre om tre år."),
            novelty="incremental",
            category="process",
            owning_area=area,
            owner=owner,
            **fields,
        )
        proposal.ideas.set(ideas)
        return proposal

    return make


@pytest.fixture
def start_task(make_proposal, executive, director):
    """A task started from a new proposal by a decision of the executive board."""

    def start(title="Færre ensomme ældre", ideas=(), **task_fields) -> InnovationTask:
        proposal = make_proposal(title, ideas=ideas)
        decision = services.decision_record(
            kind=Decision.Kind.START,
            forum=executive,
            proposal=proposal,
            rationale="Prioriteret i budgetaftalen.",
            political_reference="KB 12/2026 pkt. 4",
            by=director,
        )
        task = decision.task
        if task_fields:
            InnovationTask.objects.filter(pk=task.pk).update(**task_fields)
            task.refresh_from_db()
        return task

    return start


@pytest.fixture
def make_meeting(executive):
    def make(forum=None, starts_at=None, **fields) -> Meeting:
        return Meeting.objects.create(
            forum=forum or executive,
            starts_at=starts_at or timezone.now() + timezone.timedelta(days=7),
            **fields,
        )

    return make
