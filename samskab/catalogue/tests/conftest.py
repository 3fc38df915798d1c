import pytest

from samskab.accounts import roles
from samskab.catalogue import services
from samskab.catalogue.models import CatalogueEntry
from samskab.portfolio.models import Category, InnovationTask, Novelty


@pytest.fixture
def area(unit):
    return unit.parent


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def chief(personas):
    return personas[roles.INNOVATIONSCHEF]


@pytest.fixture
def make_task(personas, area):
    def make(title: str = "Træn dig fri", *, phase: int = 5, **fields):
        fields.setdefault("category", Category.SERVICE)
        return InnovationTask.objects.create(
            title=title,
            problem="Ældre mister funktionsevne.",
            ambition="Halvt så mange får hjemmehjælp.",
            novelty=Novelty.RADICAL,
            owning_area=fields.pop("owning_area", area),
            owner=personas[roles.OMRAADELEDER].person,
            political_reference="KB 12.03.2026, pkt. 4",
            phase=phase,
            **fields,
        )

    return make


@pytest.fixture
def make_entry(make_task, staff, chief):
    """An entry of a new task (phase 5 unless told), published unless told otherwise."""

    def make(title: str = "Træn dig fri", *, publish: bool = True, phase: int = 5, **fields):
        task = fields.pop("task", None) or make_task(title, phase=phase)
        values = {
            "problem": "Ældre mister funktionsevne, når hjælpen gør tingene for dem.",
            "solution": "Et hverdagsrehabiliteringsforløb på tolv uger med en terapeut.",
            "contact_name": "Henrik Vestergaard",
            "contact_email": "henrik@example.dk",
            "contact_unit": "Social og Sundhed",
        }
        values.update(fields)
        entry = services.entry_save(
            entry=CatalogueEntry(task=task, title=title, **values), by=staff
        )
        if publish:
            entry = services.entry_publish(entry=entry, by=chief)
        return entry

    return make
