"""The front page: the public one for visitors, each person's own once logged in.

The panels themselves are tested in the apps that register them
(``samskab/<app>/tests/test_frontpage.py``); here: the mechanism, which panels
each role gets, and that each role's page runs a fixed number of queries.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.benefits.models import (
    BenefitAgreement,
    BenefitLine,
    BenefitRealisation,
    BenefitTarget,
)
from samskab.core.testing import PERSONAS
from samskab.dashboards import frontpage
from samskab.dashboards.testing import front_page
from samskab.finance.models import Application, Expense, FundingSource, TaskBudget
from samskab.governance.models import Forum, Meeting
from samskab.ideas.models import Comment, CommentReport, Follow, Idea
from samskab.organisation.models import Competency, Person
from samskab.portfolio.models import (
    Assessment,
    AssessorAssignment,
    InnovationTask,
    SparringRequest,
    TaskProposal,
)
from samskab.teams.models import LearningRecord, Role, TeamMembership

UNIT = {
    "ideas-overdue",
    "ideas-to-publish",
    "reported-comments",
    "help-requests",
    "assessments-to-score",
    "sparring-over-time-box",
    "proposals-awaiting",
    "gates-due",
    "flagged-for-closure",
    "agreements-unsigned",
    "benefits-behind",
    "over-allocated",
    "tasks-over-budget",
}
BOARD = {"next-meeting", "decisions-waiting", "portfolio-health"}
AREA = {"area-tasks", "area-ideas", "agreements-to-sign", "realisations-due", "area-people"}
OWN = {"my-ideas", "my-tasks", "my-learning"}
FINANCE = {"finance-deadlines"}
PANELS = {
    roles.BORGER: {"my-ideas", "followed-ideas"},
    roles.MEDARBEJDER: OWN,
    roles.OMRAADELEDER: AREA,
    roles.INNOVATIONSENHED: UNIT,
    roles.INNOVATIONSCHEF: UNIT | FINANCE,
    roles.DIREKTION: BOARD,
    roles.CHEFFORUM: BOARD,
    roles.OPGAVEUDVALG: {"next-meeting"},
    roles.KOMMUNALBESTYRELSE: {"next-meeting"},
    roles.OEKONOMI: OWN | FINANCE | {"tasks-over-budget"},
    roles.ADMINISTRATOR: UNIT | BOARD | FINANCE,
}


# The public front page ------------------------------------------------------------------


def test_a_visitor_gets_the_public_front_page_with_bring_an_idea_and_no_queries(
    client, db, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(reverse("core:home"))

    assert response.status_code == 200
    assert "panels" not in response.context
    html = response.content.decode()
    assert f'href="{reverse("ideas:idea-create")}"' in html
    assert "Kom med en idé" in html


def test_logging_in_and_out_still_leads_to_the_front_page(client, personas):
    client.force_login(personas[roles.BORGER])
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home") == "/"


# Which panels each role gets ----------------------------------------------------------------


@pytest.mark.parametrize("role", sorted(PANELS))
def test_each_role_gets_the_panels_meant_for_it_and_no_others(client, personas, role):
    assert set(front_page(client, personas[role])) == PANELS[role]


def test_an_innovation_partner_is_an_employee_with_tasks(client, personas):
    """Innovation partner is a role per task, not a group: their page is an employee's."""
    assert set(front_page(client, personas[roles.MEDARBEJDER])) == OWN


def test_panels_come_in_their_order_and_show_their_empty_text(client, personas):
    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.get(reverse("core:home"))

    keys = [shown.panel.key for shown in response.context["panels"]]
    assert keys == [panel.key for panel in frontpage.panels() if panel.key in UNIT | FINANCE]
    assert "Ingen idéer har ventet for længe." in response.content.decode()


# The registry -----------------------------------------------------------------------------


@pytest.fixture
def registered():
    """Panels registered by a test, taken out again after it."""
    added = []

    def add(panel):
        added.append(panel.key)
        return frontpage.register(panel)

    yield add
    for key in added:
        frontpage._REGISTRY.pop(key, None)


def test_a_later_app_adds_a_panel_without_the_front_page_knowing_it(client, personas, registered):
    registered(
        frontpage.Panel(
            "test-house",
            "Bookinger i innovationshuset",
            105,
            frontpage.for_unit,
            lambda viewer, limit: frontpage.Listing(
                items=[frontpage.Item("Værkstedet", "/innovationshus/1/", "I morgen")],
                more=True,
                see_all="/innovationshus/",
            ),
        )
    )
    registered(frontpage.Panel("test-none", "Intet", 106, frontpage.for_unit, lambda v, n: None))
    registered(frontpage.Panel("test-other", "Andres", 107, lambda user: False, lambda v, n: 1 / 0))

    client.force_login(personas[roles.INNOVATIONSCHEF])
    response = client.get(reverse("core:home"))

    keys = [shown.panel.key for shown in response.context["panels"]]
    assert keys.index("test-house") == keys.index("ideas-overdue") + 1  # by position
    assert "test-none" not in keys  # nothing for this viewer
    assert "test-other" not in keys  # not for this user: never computed
    html = response.content.decode()
    assert 'href="/innovationshus/1/">Værkstedet</a>' in html
    assert 'href="/innovationshus/"' in html  # see all


def test_viewer_reads_what_panels_share_once():
    viewer = frontpage.Viewer.of(None)
    calls = []

    def read():
        calls.append(1)
        return 42

    assert viewer.once("x", read) == viewer.once("x", read) == 42
    assert calls == [1]


# A fixed number of queries per role, whatever the data -----------------------------------------


@pytest.fixture
def world(personas, unit, settings):
    """Something for every panel of every role, grown to ``n`` of each."""
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 1000
    area = unit.parent
    today = timezone.localdate()
    now = timezone.now()
    long_ago = now - timedelta(days=90)
    citizen, employee = personas[roles.BORGER], personas[roles.MEDARBEJDER]
    staff, chief = personas[roles.INNOVATIONSENHED], personas[roles.INNOVATIONSCHEF]
    manager = personas[roles.OMRAADELEDER].person
    forums = {forum.kind: forum for forum in Forum.objects.all()}
    for kind, days in [("executive", 14), ("executive", 42), ("committee", 7), ("council", 21)]:
        Meeting.objects.create(forum=forums[kind], starts_at=now + timedelta(days=days))
    design = Competency.objects.get(slug="design")
    made = {"n": 0}

    def idea(title, **fields):
        defaults = {
            "description": "x",
            "confirmed_at": now,
            "consent_to_publish": True,
            "moderation": Idea.Moderation.APPROVED,
        }
        return Idea.objects.create(title=title, **{**defaults, **fields})

    def one(i):
        idea(f"Overskredet {i}", status_changed_at=long_ago, wants_help=True)
        idea(f"Til udgivelse {i}", moderation=Idea.Moderation.PENDING)
        mine = idea(f"Borgerens {i}", author=citizen)
        idea(f"Medarbejderens {i}", author=employee)
        followed = idea(f"Fulgt {i}")
        Follow.objects.create(idea=followed, user=citizen)
        Follow.objects.create(idea=mine, user=citizen)
        idea(f"Områdets {i}").areas.set([area])
        comment = Comment.objects.create(idea=followed, author=citizen, body=f"Anmeldt {i}")
        CommentReport.objects.create(comment=comment, reporter=employee, reason="x")
        assessment = Assessment.objects.create(title=f"Vurdering {i}")
        for assessor in (staff, chief):
            AssessorAssignment.objects.create(assessment=assessment, assessor=assessor)
        SparringRequest.objects.create(
            title=f"Sparring {i}", description="x", hours_used=Decimal(30)
        )
        Application.objects.create(
            title=f"Ansøgning {i}",
            source=FundingSource.objects.get_or_create(name="Fonden", kind="foundation")[0],
            responsible=staff.person,
            amount_sought=1000,
            deadline=today + timedelta(days=i + 1),
        )
        TaskProposal.objects.create(
            title=f"Forslag {i}",
            problem="x",
            ambition="x",
            novelty="radical",
            category="service",
            owning_area=area,
            owner=manager,
        )
        for j, phase in enumerate((3, 5)):
            task = InnovationTask.objects.create(
                title=f"Opgave {i}.{j}",
                problem="x",
                ambition="x",
                novelty="radical",
                category="service",
                owning_area=area,
                owner=manager,
                political_reference="KB",
                phase=phase,
                next_gate_on=today + timedelta(days=(i * 7) % 60 - 3),
                planned_end_on=today - timedelta(days=1) if i % 2 else None,
                closure_flag="Lav værdi" if i % 3 == 0 else "",
            )
            busy = Person.objects.create(name=f"Travl {i}.{j}", org_unit=unit)
            for person, allocation in ((employee.person, 20), (busy, 60), (busy, 50)):
                TeamMembership.objects.create(
                    task=task, person=person, role=Role.SPECIALIST, allocation=allocation
                )
            LearningRecord.objects.create(
                person=employee.person, competency=design, level_after=2, activity="x", task=task
            )
            TaskBudget.objects.create(task=task, year=today.year, amount=100)
            Expense.objects.create(task=task, spent_on=today, description="x", amount=101)
            if phase == 5:  # past phase 3 with a draft only
                BenefitAgreement.objects.create(task=task, owner=manager, parties="x")
                continue
            signed = BenefitAgreement.objects.create(
                task=task,
                owner=manager,
                parties="x",
                status=BenefitAgreement.Status.SIGNED,
                signed_on=date(today.year - 2, 1, 1),
            )
            line = BenefitLine.objects.create(
                agreement=signed,
                kind="economic",
                description="x",
                kpi=f"Sparet {i}.{j}",
                unit="kr.",
                baseline=0,
                measurement_method="x",
                responsible=manager,
            )
            BenefitTarget.objects.create(line=line, year=today.year - 1, value=1000)
            end = date(today.year - 1, 3, 31)
            BenefitRealisation.objects.create(
                line=line, period_start=end.replace(day=1), period_end=end, value=1, evidence="x"
            )
            BenefitAgreement.objects.create(task=task, owner=manager, parties="x", version=2)

    def to(n):
        while made["n"] < n:
            one(made["n"])
            made["n"] += 1

    return to


def queries_of(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as run:
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    return len(run)


@pytest.mark.parametrize("role", PERSONAS[1:])
def test_each_roles_front_page_runs_a_fixed_number_of_queries(client, personas, world, role):
    world(1)
    few = queries_of(client, personas[role])
    world(7)  # more than a panel shows
    assert queries_of(client, personas[role]) == few


def test_every_panel_of_the_grown_world_shows_its_limit_and_more(client, personas, world):
    world(7)
    for role in (roles.INNOVATIONSCHEF, roles.OMRAADELEDER, roles.MEDARBEJDER, roles.BORGER):
        for key, listing in front_page(client, personas[role]).items():
            assert listing.items, f"{role}: {key} is empty"
