"""The portfolio's panels on the front page: triage, sparring, the portfolio's health, an area's tasks."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.dashboards.testing import front_page, item, labels
from samskab.organisation.models import OrgUnit
from samskab.portfolio.models import (
    Assessment,
    AssessorAssignment,
    InnovationTask,
    SparringRequest,
)


@pytest.fixture
def make_task(owner):
    def make(title, *, area=None, **fields) -> InnovationTask:
        fields.setdefault("status", InnovationTask.Status.ACTIVE)
        if fields["status"] in (InnovationTask.Status.STOPPED, InnovationTask.Status.COMPLETED):
            fields.setdefault("ended_on", timezone.localdate())
        return InnovationTask.objects.create(
            title=title,
            problem="x",
            ambition="x",
            novelty="radical",
            category="service",
            owning_area=area or owner.org_unit,
            owner=owner,
            political_reference="KB",
            **fields,
        )

    return make


def assess(title, *assessors, submitted=()):
    assessment = Assessment.objects.create(title=title)
    for user in assessors:
        AssessorAssignment.objects.create(
            assessment=assessment,
            assessor=user,
            submitted_at=timezone.now() if user in submitted else None,
        )
    return assessment


# Triage and sparring ------------------------------------------------------------------


def test_an_assessor_sees_the_assessments_waiting_for_their_own_scores(client, personas):
    staff, chief = personas[roles.INNOVATIONSENHED], personas[roles.INNOVATIONSCHEF]
    mine = assess("Mangler min score", staff)
    assess("Scoret af mig", staff, submitted=[staff])
    assess("Chefens", chief)
    closed = assess("Afgjort", staff)
    Assessment.objects.filter(pk=closed.pk).update(status="closed", outcome="declined")

    panel = front_page(client, staff)["assessments-to-score"]

    assert labels(panel) == ["Mangler min score"]
    assert panel.items[0].url == reverse("portfolio:assessment-detail", args=[mine.pk])
    assert panel.items[0].flag == "Afventer dine scorer"
    assert panel.see_all == reverse("portfolio:assessment-list")


def test_the_chief_sees_every_open_assessment_still_missing_an_assessor_or_a_score(
    client, personas
):
    staff, chief = personas[roles.INNOVATIONSENHED], personas[roles.INNOVATIONSCHEF]
    assess("Uden bedømmere")
    assess("Mangler en score", staff, chief, submitted=[chief])
    assess("Færdigscoret", staff, submitted=[staff])

    panel = front_page(client, chief)["assessments-to-score"]

    assert labels(panel) == ["Uden bedømmere", "Mangler en score"]
    assert item(panel, "Mangler en score").detail == "1 ud af 2 bedømmere har scoret"
    assert item(panel, "Mangler en score").flag == ""  # the chief has scored


def test_unit_sees_sparring_over_its_time_box_while_it_is_open(client, personas):
    for title, used, status in [
        ("Over boksen", "24", SparringRequest.Status.ACTIVE),
        ("Inden for boksen", "12", SparringRequest.Status.ACTIVE),
        ("Afsluttet over boksen", "30", SparringRequest.Status.DONE),
    ]:
        SparringRequest.objects.create(
            title=title,
            description="x",
            status=status,
            time_box_hours=Decimal("20"),
            hours_used=Decimal(used),
        )

    panel = front_page(client, personas[roles.INNOVATIONSCHEF])["sparring-over-time-box"]

    assert labels(panel) == ["Over boksen"]
    assert panel.items[0].detail == "24 af 20 timer brugt"
    assert panel.see_all == reverse("portfolio:sparring-list")


# The tasks -----------------------------------------------------------------------------


def test_the_board_sees_each_open_task_in_one_line_with_its_warnings(client, personas, make_task):
    today = timezone.localdate()
    make_task("Til tiden", phase=3, next_gate_on=today + timedelta(days=30))
    make_task("Gate overskredet", phase=2, next_gate_on=today - timedelta(days=3))
    make_task("På pause", phase=4, status=InnovationTask.Status.PAUSED, closure_flag="For dyr")
    make_task("Afsluttet", phase=7, status=InnovationTask.Status.COMPLETED)

    panel = front_page(client, personas[roles.DIREKTION])["portfolio-health"]

    assert labels(panel) == ["Gate overskredet", "Til tiden", "På pause"]  # by phase
    assert item(panel, "Til tiden").flag == ""
    assert item(panel, "Gate overskredet").flag == "Gate overskredet"
    assert item(panel, "På pause").flag == "På pause · Markeret til lukning"
    assert "3. Udvikling og afprøvning" in item(panel, "Til tiden").detail
    assert panel.see_all == reverse("portfolio:board")


def test_area_manager_sees_the_open_tasks_of_their_area(client, personas, make_task, unit):
    area = unit.parent
    other = OrgUnit.objects.create(
        name="Social og Sundhed", kind=OrgUnit.Kind.AREA, parent=area.parent
    )
    task = make_task("Områdets opgave")
    make_task("Et andet områdes opgave", area=other)
    make_task("Områdets afsluttede opgave", status=InnovationTask.Status.STOPPED)

    panel = front_page(client, personas[roles.OMRAADELEDER])["area-tasks"]

    assert labels(panel) == ["Områdets opgave"]
    assert panel.items[0].url == reverse("portfolio:task-detail", args=[task.pk])
    assert panel.see_all == reverse("portfolio:board") + f"?visning=liste&omraade={area.pk}"


@pytest.mark.parametrize(
    ("role", "absent"),
    [
        (roles.MEDARBEJDER, {"assessments-to-score", "portfolio-health", "area-tasks"}),
        (roles.BORGER, {"assessments-to-score", "portfolio-health", "area-tasks"}),
        (
            roles.OMRAADELEDER,
            {"assessments-to-score", "sparring-over-time-box", "portfolio-health"},
        ),
        (roles.DIREKTION, {"assessments-to-score", "sparring-over-time-box", "area-tasks"}),
        (roles.INNOVATIONSENHED, {"portfolio-health", "area-tasks"}),
    ],
)
def test_each_panel_is_only_for_its_people(client, personas, make_task, role, absent):
    make_task("En opgave")
    assess("En vurdering", personas[roles.INNOVATIONSENHED])

    assert not absent & set(front_page(client, personas[role]))
