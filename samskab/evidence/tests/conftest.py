from datetime import date, timedelta
from decimal import Decimal

import pytest

from samskab.accounts import roles
from samskab.evidence import services
from samskab.evidence.models import Design, Direction, Experiment, LearningCard, Measurement
from samskab.organisation.models import Person
from samskab.portfolio.models import InnovationTask, TaskProposal
from samskab.portfolio.services import tasks as task_services


@pytest.fixture(autouse=True)
def _room(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100


@pytest.fixture
def owner(personas, unit) -> Person:
    """The area manager persona, an employee of the owning area: the tasks' owner."""
    person = personas[roles.OMRAADELEDER].person
    person.org_unit = unit.parent
    person.save()
    return person


@pytest.fixture
def staff(personas):
    return personas[roles.INNOVATIONSENHED]


@pytest.fixture
def make_task(personas, owner):
    def make(title: str = "Træn dig fri", *, phase: int = 3) -> InnovationTask:
        proposal = TaskProposal.objects.create(
            title=title,
            problem="Ældre mister funktionsevne.",
            ambition="Halvt så mange får hjemmehjælp.",
            novelty="radical",
            category="service",
            owning_area=owner.org_unit,
            owner=owner,
        )
        task = task_services.task_start(
            proposal=proposal,
            political_reference="KB 12.03.2026, pkt. 4",
            wip_overridden=False,
            by=personas[roles.DIREKTION],
        )
        InnovationTask.objects.filter(pk=task.pk).update(phase=phase)
        task.refresh_from_db()
        return task

    return make


@pytest.fixture
def task(make_task):
    return make_task()


@pytest.fixture
def make_experiment(owner, staff):
    def make(task, title: str = "Træning før hjælp", **fields) -> Experiment:
        defaults = {
            "hypothesis": "Vi tror at træning først gør flere selvhjulpne.",
            "intervention": "Et træningsforløb på 12 uger, før der visiteres hjælp.",
            "metric": "Selvhjulpne efter forløbet",
            "unit": "%",
            "direction": Direction.HIGHER,
            "baseline": Decimal("20"),
            "target_change": Decimal("10"),
            "success_criterion": "Mindst 10 procentpoint flere er selvhjulpne.",
            "design": Design.BEFORE_AFTER,
            "starts_on": date(2026, 1, 1),
            "ends_on": date(2026, 6, 30),
            "owner": owner,
            "value_served": "quality",
        }
        defaults.update(fields)
        return services.experiment_save(
            experiment=Experiment(task=task, title=title, **defaults), by=staff
        )

    return make


@pytest.fixture
def measure(staff):
    def measure(experiment, values, *, group=Measurement.Group.TRIAL, n=10):
        for i, value in enumerate(values):
            services.measurement_add(
                experiment=experiment,
                measurement=Measurement(
                    measured_on=date(2026, 1, 5) + timedelta(weeks=i),
                    group=group,
                    value=Decimal(str(value)),
                    observations=n,
                ),
                by=staff,
            )
        experiment.refresh_from_db()
        return experiment

    return measure


@pytest.fixture
def conclude(staff):
    def conclude(experiment) -> LearningCard:
        return services.learning_card_save(
            experiment=experiment,
            card=LearningCard(
                saw="Flere klarede sig selv.",
                learned="Træning virker for de fleste.",
                decide="Vi udbreder forløbet.",
            ),
            by=staff,
        )

    return conclude
