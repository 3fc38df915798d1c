"""Entering phase 6 (implement) needs an approved scaling plan; the forum may go despite it, with a reason."""

import pytest
from django.core.exceptions import ValidationError

from samskab.accounts import roles
from samskab.governance.models import Forum
from samskab.governance.services import decision_record
from samskab.portfolio import gates
from samskab.portfolio.models import ExitCheck, ExitCriterion
from samskab.spread import services
from samskab.spread.models import ScalingPlan

from .conftest import units_named


def unmet_keys(task, to_phase):
    return {unmet.requirement.key for unmet in gates.unmet(task, to_phase=to_phase)}


def test_implementation_needs_an_approved_scaling_plan(task, staff, manager):
    assert "scaling-plan" in unmet_keys(task, 6)
    plan = services.plan_save(task=task, approach="I bølger.", by=staff)
    (reason,) = [
        a.reason for a in gates.review(task, to_phase=6) if a.requirement.key == "scaling-plan"
    ]
    assert reason == "Skaleringsplanen er udkastet, men ikke godkendt."
    services.targets_add(task=task, units=units_named("Vangeboskolen"), by=staff)
    ScalingPlan.objects.filter(pk=plan.pk).update(status="approved", approved_on="2026-01-05")
    assert "scaling-plan" not in unmet_keys(task, 6)


@pytest.mark.parametrize("phase", [1, 2, 3, 4, 6])
def test_no_other_gate_asks_for_a_scaling_plan(make_task, phase):
    assert "scaling-plan" not in unmet_keys(make_task(phase=phase), phase + 1)


def test_the_phase_5_checklist_no_longer_ticks_the_plan_by_hand(db):
    assert not ExitCriterion.objects.filter(code="scaling-plan", active=True).exists()
    assert ExitCriterion.objects.filter(code="scaling-plan", active=False).exists()


def _tick_checklist(task):
    for criterion in ExitCriterion.objects.filter(phase=task.phase, active=True):
        ExitCheck.objects.create(task=task, criterion=criterion)


def test_the_forum_may_go_to_implementation_despite_the_plan_only_with_a_reason(
    task,
    personas,
    signed,
):
    signed(task)
    _tick_checklist(task)
    executive = Forum.objects.get(kind="executive")
    with pytest.raises(ValidationError, match="skaleringsplan"):
        decision_record(
            kind="gate_go",
            forum=executive,
            task=task,
            rationale="Klar til implementering",
            by=personas[roles.DIREKTION],
        )
    task.refresh_from_db()
    assert task.phase == 5
    decision = decision_record(
        kind="gate_go",
        forum=executive,
        task=task,
        rationale="Klar til implementering",
        by=personas[roles.DIREKTION],
        despite_keys=["scaling-plan"],
        despite="Planen godkendes på næste møde i chefforum; driften kan ikke vente.",
    )
    task.refresh_from_db()
    assert task.phase == 6
    assert decision.despite_keys == ["scaling-plan"]
