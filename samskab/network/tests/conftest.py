from datetime import date

import pytest

from samskab.accounts import roles
from samskab.network import services
from samskab.network.models import Organisation, Partnership
from samskab.organisation.models import Person
from samskab.portfolio.models import Category, Novelty, TaskProposal
from samskab.portfolio.services import tasks as task_services


@pytest.fixture(autouse=True)
def _room_for_many_tasks(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def responsible(personas) -> Person:
    return personas[roles.INNOVATIONSENHED].person


@pytest.fixture
def make_task(personas, unit):
    owner = personas[roles.OMRAADELEDER].person
    owner.org_unit = unit.parent
    owner.save()

    def make(title: str = "Synlig læring"):
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
        return task_services.task_start(
            proposal=proposal,
            political_reference="KB 12.03.2026, pkt. 4",
            wip_overridden=False,
            by=personas[roles.DIREKTION],
        )

    return make


@pytest.fixture
def make_organisation(db):
    def make(name: str = "Gladsaxe Kommune", kind: str = Organisation.Kind.MUNICIPALITY):
        return services.organisation_save(organisation=Organisation(name=name, kind=kind))

    return make


@pytest.fixture
def make_partnership(staff, responsible, make_organisation):
    def make(
        title: str = "4K: Synlig læring",
        *,
        organisations=None,
        tasks=(),
        status: str = Partnership.Status.ACTIVE,
        starts_on: date = date(2025, 1, 1),
        ends_on: date | None = None,
    ) -> Partnership:
        return services.partnership_save(
            partnership=Partnership(
                title=title,
                purpose="Sammen om synlig læring.",
                starts_on=starts_on,
                ends_on=ends_on,
                responsible=responsible,
                status=status,
            ),
            organisations=organisations or [make_organisation()],
            tasks=tasks,
            by=staff,
        )

    return make
