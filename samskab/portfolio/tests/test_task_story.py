"""The task page tells the task's story: a timeline from the sources the apps register,
oldest first, each event dated and linked, at a cost that does not grow with the story."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.benefits import services as benefit_services
from samskab.benefits.models import BenefitKind, BenefitLine, BenefitRealisation, ChainLevel
from samskab.evidence import services as evidence_services
from samskab.evidence.models import Design, Experiment, LearningCard, Measurement
from samskab.governance.models import Decision, Forum
from samskab.governance.services import decision_record
from samskab.organisation.models import Person
from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask, TaskProposal
from samskab.teams import services as team_services
from samskab.teams.models import Role


@pytest.fixture(autouse=True)
def _room(settings):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 100


@pytest.fixture
def sources():
    """The registry as the apps left it, restored after a test that adds to it."""
    saved = dict(timeline._REGISTRY)
    yield timeline
    timeline._REGISTRY.clear()
    timeline._REGISTRY.update(saved)


@pytest.fixture
def executive(db):
    return Forum.objects.get(kind=Forum.Kind.EXECUTIVE)


@pytest.fixture
def started(make_proposal, personas, executive):
    """A task started by a decision of the executive board, from a proposal of the chief."""

    def start(title="Træn dig fri", *, decided_on=None):
        proposal = make_proposal(title=title)
        return decision_record(
            kind=Decision.Kind.START,
            forum=executive,
            proposal=proposal,
            rationale="Prioriteret i budgetaftalen.",
            political_reference="KB 12/2026 pkt. 4",
            decided_on=decided_on,
            by=personas[roles.DIREKTION],
        ).task

    return start


# The registry -------------------------------------------------------------------------


def test_the_story_is_oldest_first_and_what_a_day_rests_on_comes_before_it(
    sources, make_proposal, start, personas
):
    task = start(make_proposal())
    day = date(2026, 3, 2)
    sources.register(
        timeline.EventSource(
            key="test",
            events=lambda task, viewer: [
                timeline.Event(on=day, title="Gaten", url="/g/", rank=timeline.RANK_DECISION),
                timeline.Event(on=day - timedelta(days=40), title="Først", url="/f/"),
                timeline.Event(
                    on=day, title="Prøvehandlingen", url="/p/", rank=timeline.RANK_TRIAL_CONCLUDED
                ),
            ],
        )
    )

    story = timeline.story(task, viewer=personas[roles.DIREKTION], today=day)
    ours = [event for event in story if event.source == "test"]

    assert [event.title for event in ours] == ["Først", "Prøvehandlingen", "Gaten"]
    assert [event.on for event in story] == sorted(event.on for event in story)


def test_an_event_dated_after_today_is_not_told_until_its_day(
    sources, make_proposal, start, personas
):
    task = start(make_proposal())
    day = date(2026, 6, 1)
    sources.register(
        timeline.EventSource(
            key="test",
            events=lambda task, viewer: [timeline.Event(on=day, title="Planlagt", url="/x/")],
        )
    )
    reader = personas[roles.DIREKTION]

    before = timeline.story(task, viewer=reader, today=day - timedelta(days=1))
    on_the_day = timeline.story(task, viewer=reader, today=day)

    assert "Planlagt" not in [event.title for event in before]
    assert "Planlagt" in [event.title for event in on_the_day]


def test_the_proposal_opens_the_story_on_the_day_it_was_made(make_proposal, start, personas):
    proposal = make_proposal(title="Træn dig fri")
    made = timezone.now() - timedelta(days=60)
    TaskProposal.objects.filter(pk=proposal.pk).update(created_at=made)
    proposal.refresh_from_db()
    task = start(proposal)

    story = timeline.story(task, viewer=personas[roles.DIREKTION])

    assert story[0].source == "proposal"
    assert story[0].on == timezone.localdate(made)
    assert story[0].url == reverse("portfolio:proposal-detail", args=[proposal.pk])


def test_a_task_without_a_proposal_has_no_proposal_in_its_story(personas, owner):
    task = InnovationTask.objects.create(
        title="Uden forslag",
        problem="P",
        ambition="A",
        novelty="radical",
        category="service",
        owning_area=owner.org_unit,
        owner=owner,
        political_reference="KB",
    )
    story = timeline.story(task, viewer=personas[roles.DIREKTION])
    assert [event for event in story if event.source == "proposal"] == []


# The page -----------------------------------------------------------------------------


def test_the_task_page_tells_the_story_with_links_and_keeps_the_decision_log_link(
    client, started, personas
):
    task = started()
    client.force_login(personas[roles.MEDARBEJDER])

    response = client.get(reverse("portfolio:task-detail", args=[task.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    start = Decision.objects.get(task=task, kind=Decision.Kind.START)
    assert "Opgavens historie" in body
    assert [event.source for event in response.context["story"]()] == ["proposal", "decisions"]
    assert f'href="{reverse("governance:decision-detail", args=[start.pk])}"' in body
    assert "Prioriteret og igangsat" in body
    assert f"{reverse('governance:decision-list')}?opgave={task.pk}" in body


def test_the_story_is_in_english_for_an_english_reader(client, started, personas):
    task = started()
    client.force_login(personas[roles.DIREKTION])
    body = client.get(f"/en/opgaver/{task.pk}/").content.decode()
    assert "The task's story" in body
    assert "Prioritised and started" in body


def _story_of_size(task, n, *, personas, unit, executive, offset=0):
    """Give the task n more of every kind of event: decisions, trials concluded with
    measurements, realisations, people joining and leaving."""
    staff = personas[roles.INNOVATIONSENHED]
    director = personas[roles.DIREKTION]
    for i in range(n):
        decision_record(
            kind=Decision.Kind.RECALIBRATE,
            forum=executive,
            task=task,
            rationale=f"Justering {offset + i}",
            ambition=f"Ny ambition {offset + i}",
            by=director,
        )
        experiment = evidence_services.experiment_save(
            experiment=Experiment(
                task=task,
                title=f"Forsøg {offset + i}",
                hypothesis="Vi tror …",
                intervention="Vi prøver …",
                metric="Selvhjulpne",
                unit="%",
                baseline=Decimal("20"),
                target_change=Decimal("5"),
                success_criterion="5 point bedre.",
                design=Design.COMPARISON,
                starts_on=date(2026, 1, 1),
                ends_on=date(2026, 3, 1),
                owner=task.owner,
                value_served="quality",
            ),
            by=staff,
        )
        for week, (trial, comparison) in enumerate([(30, 21), (32, 20), (31, 22)]):
            for group, value in (
                (Measurement.Group.TRIAL, trial),
                (Measurement.Group.COMPARISON, comparison),
            ):
                evidence_services.measurement_add(
                    experiment=experiment,
                    measurement=Measurement(
                        measured_on=date(2026, 1, 5) + timedelta(weeks=week),
                        group=group,
                        value=Decimal(value),
                    ),
                    by=staff,
                )
        evidence_services.learning_card_save(
            experiment=experiment,
            card=LearningCard(saw="Flere.", learned="Det virker.", decide="Videre."),
            by=staff,
        )
        line = BenefitLine.objects.filter(agreement__task=task).order_by("pk").first()
        BenefitRealisation.objects.create(
            line=line,
            period_start=date(2025, 1, 1) + timedelta(days=7 * (offset + i)),
            period_end=date(2025, 1, 6) + timedelta(days=7 * (offset + i)),
            value=Decimal("1000"),
            evidence="Udtræk",
        )
        person = Person.objects.create(
            name=f"Medlem {offset + i}", kind=Person.Kind.EMPLOYEE, org_unit=unit
        )
        membership = team_services.membership_add(
            task=task,
            person=person,
            role=Role.SPECIALIST,
            allocation=10,
            starts_on=timezone.localdate() - timedelta(days=30 + i),
            by=staff,
        )
        if i % 2:
            team_services.membership_end(membership=membership, by=staff)


def test_the_task_page_costs_the_same_with_a_short_and_a_long_story(
    client, started, personas, unit, executive, owner
):
    task = started(decided_on=date(2025, 1, 2))
    staff = personas[roles.INNOVATIONSENHED]
    agreement = benefit_services.agreement_create(
        task=task, parties="Ældre og Pleje", review_cadence="quarterly", by=staff
    )
    for kind, unit_name in ((BenefitKind.ECONOMIC, "kr."), (BenefitKind.HOURS, "timer")):
        benefit_services.line_save(
            line=BenefitLine(
                agreement=agreement,
                kind=kind,
                level=ChainLevel.BENEFIT,
                description="Færre timer hjemmehjælp",
                kpi=f"Sparet ({unit_name})",
                unit=unit_name,
                baseline=Decimal("0"),
                measurement_method="Udtræk.",
                responsible=owner,
            ),
            targets=[(2025, Decimal("100000")), (2026, Decimal("200000"))],
            by=staff,
        )
    benefit_services.agreement_sign(
        agreement=agreement, by=personas[roles.OMRAADELEDER], signed_on=date(2025, 1, 10)
    )
    client.force_login(staff)
    url = reverse("portfolio:task-detail", args=[task.pk])

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), len(response.context["story"]())

    _story_of_size(task, 1, personas=personas, unit=unit, executive=executive)
    few, few_events = count()
    _story_of_size(task, 12, personas=personas, unit=unit, executive=executive, offset=1)
    many, many_events = count()

    assert many_events > few_events + 40
    assert few == many
