"""Rule 6: entering phase 5 (scale) or 6 (implement) needs a signed benefit agreement."""

import pytest
from django.core.exceptions import ValidationError

from samskab.accounts import roles
from samskab.governance.models import Forum
from samskab.governance.services import decision_record
from samskab.portfolio import gates
from samskab.portfolio.models import ExitCheck, ExitCriterion


def keys(task, to_phase):
    """The keys of this app's unmet requirements (other apps' are theirs to test)."""
    return {
        requirement.key
        for requirement in gates.requirements()
        if requirement.key == "benefit-agreement"
        and requirement.applies(from_phase=task.phase, to_phase=to_phase)
        and requirement.check(task)
    }


@pytest.mark.parametrize("phase", [4, 5])
def test_scale_and_implement_need_a_signed_agreement(make_task, draft_with_line, signed, phase):
    task = make_task(phase=phase)
    assert "benefit-agreement" in keys(task, phase + 1)
    draft_with_line(task)
    assert "benefit-agreement" in keys(task, phase + 1)
    signed(task)
    assert "benefit-agreement" not in keys(task, phase + 1)


@pytest.mark.parametrize("phase", [1, 2, 3, 6])
def test_other_gates_do_not_ask_for_an_agreement(make_task, phase):
    assert "benefit-agreement" not in keys(make_task(phase=phase), phase + 1)


def test_the_forum_cannot_go_to_scale_despite_a_missing_agreement(make_task, personas, signed):
    task = make_task(phase=4)
    for criterion in ExitCriterion.objects.filter(phase=4, active=True):
        ExitCheck.objects.create(task=task, criterion=criterion)
    executive = Forum.objects.get(kind="executive")
    with pytest.raises(ValidationError, match="ingen gevinstrealiseringsaftale"):
        decision_record(
            kind="gate_go",
            forum=executive,
            task=task,
            rationale="Klar til skalering",
            by=personas[roles.DIREKTION],
            despite_keys=["benefit-agreement"],
            despite="Alligevel",
        )
    task.refresh_from_db()
    assert task.phase == 4
    signed(task)
    decision_record(
        kind="gate_go",
        forum=executive,
        task=task,
        rationale="Klar til skalering",
        by=personas[roles.DIREKTION],
    )
    task.refresh_from_db()
    assert task.phase == 5
