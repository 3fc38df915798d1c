import pytest

from samskab.accounts import roles
from samskab.organisation.models import Person
from samskab.portfolio.models import Category, Novelty, TaskProposal
from samskab.portfolio.services import tasks as task_services


@pytest.fixture
def owner(personas, unit) -> Person:
    """The area manager of Børn og Skole, an employee of the owning area."""
    person = personas[roles.OMRAADELEDER].person
    person.org_unit = unit.parent
    person.save()
    return person


@pytest.fixture
def make_proposal(owner, personas):
    def make(title: str = "Træn dig fri", **fields) -> TaskProposal:
        proposal = TaskProposal(
            title=title,
            problem=fields.pop("problem", "Ældre mister funktionsevne."),
            ambition=fields.pop("ambition", "Halvt så mange får hjemmehjælp."),
            novelty=fields.pop("novelty", Novelty.RADICAL),
            category=fields.pop("category", Category.SERVICE),
            owning_area=owner.org_unit,
            owner=owner,
            **fields,
        )
        return task_services.proposal_save(proposal=proposal, by=personas[roles.INNOVATIONSCHEF])

    return make


@pytest.fixture
def start(personas):
    def start(proposal, *, overridden: bool = False):
        return task_services.task_start(
            proposal=proposal,
            political_reference="KB 12.03.2026, pkt. 4",
            wip_overridden=overridden,
            by=personas[roles.DIREKTION],
        )

    return start
