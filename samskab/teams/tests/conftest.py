import pytest

from samskab.accounts import roles
from samskab.organisation.models import Competency, OrgUnit, Person, PersonCompetency
from samskab.portfolio.models import (
    Category,
    ExitCheck,
    ExitCriterion,
    InnovationTask,
    Novelty,
    TaskProposal,
)
from samskab.portfolio.services import tasks as task_services
from samskab.teams import services
from samskab.teams.models import Role


@pytest.fixture(autouse=True)
def _room_for_many_tasks(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100


@pytest.fixture
def area(unit) -> OrgUnit:
    """Børn og Skole, the owning area; ``unit`` (a school) lies inside it."""
    return unit.parent


@pytest.fixture
def elsewhere(unit) -> OrgUnit:
    return OrgUnit.objects.create(
        name="Social og Sundhed", kind=OrgUnit.Kind.AREA, parent=unit.parent.parent
    )


@pytest.fixture
def owner(personas, area) -> Person:
    person = personas[roles.OMRAADELEDER].person
    person.org_unit = area
    person.save()
    return person


@pytest.fixture
def competency(db):
    def get(slug: str) -> Competency:
        return Competency.objects.get(slug=slug)

    return get


@pytest.fixture
def make_task(owner, personas):
    def make(title="Synlig læring", *, phase: int = 2) -> InnovationTask:
        proposal = task_services.proposal_save(
            proposal=TaskProposal(
                title=title,
                problem="Undervisningen følger læreren, ikke eleverne.",
                ambition="Alle elever ved, hvad de skal lære.",
                novelty=Novelty.RADICAL,
                category=Category.PROCESS,
                owning_area=owner.org_unit,
                owner=owner,
            ),
            by=personas[roles.INNOVATIONSCHEF],
        )
        task = task_services.task_start(
            proposal=proposal,
            political_reference="KB 12.03.2026",
            wip_overridden=False,
            by=personas[roles.DIREKTION],
        )
        InnovationTask.objects.filter(pk=task.pk).update(phase=phase)
        task.refresh_from_db()
        for criterion in ExitCriterion.objects.filter(phase=phase, active=True):
            ExitCheck.objects.get_or_create(task=task, criterion=criterion)
        return task

    return make


@pytest.fixture
def make_person(db):
    def make(name, *, unit=None, kind=Person.Kind.EMPLOYEE, levels=None, **fields) -> Person:
        person = Person.objects.create(name=name, kind=kind, org_unit=unit, **fields)
        for slug, level in (levels or {}).items():
            PersonCompetency.objects.create(
                person=person, competency=Competency.objects.get(slug=slug), level=level
            )
        return person

    return make


@pytest.fixture
def add_member(personas):
    def add(task, person, role=Role.SPECIALIST, allocation=20, **fields):
        return services.membership_add(
            task=task,
            person=person,
            role=role,
            allocation=allocation,
            by=personas[roles.INNOVATIONSENHED],
            **fields,
        )

    return add
