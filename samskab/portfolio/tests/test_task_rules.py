import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from samskab.accounts import roles
from samskab.ideas.models import Idea
from samskab.organisation.models import OrgUnit, Person
from samskab.portfolio import gates
from samskab.portfolio.models import ExitCriterion, InnovationTask, TaskProposal
from samskab.portfolio.services import tasks as task_services


def test_a_started_task_begins_in_phase_one_and_tells_its_ideas(
    personas, make_proposal, start, make_idea
):
    idea = make_idea()
    proposal = make_proposal()
    proposal.ideas.set([idea])
    task = start(proposal)
    assert (task.status, task.phase) == (InnovationTask.Status.ACTIVE, 1)
    assert task.political_reference == "KB 12.03.2026, pkt. 4"
    assert list(task.ideas.all()) == [idea]
    proposal.refresh_from_db()
    assert proposal.status == TaskProposal.Status.STARTED
    idea.refresh_from_db()
    assert idea.answer == Idea.Answer.PART_OF_TASK
    assert "Træn dig fri" in idea.status_changes.last().text


def test_a_start_must_cite_the_political_prioritisation(personas, make_proposal):
    with pytest.raises(ValidationError):
        task_services.task_start(
            proposal=make_proposal(),
            political_reference=" ",
            wip_overridden=False,
            by=personas[roles.DIREKTION],
        )


def test_a_proposal_is_started_only_once(make_proposal, start):
    proposal = make_proposal()
    start(proposal)
    with pytest.raises(ValidationError):
        start(proposal)


def test_the_owner_must_come_from_the_owning_area(personas, owner, unit):
    other_area = OrgUnit.objects.create(
        name="Kultur", kind=OrgUnit.Kind.AREA, parent=unit.parent.parent
    )
    proposal = TaskProposal(
        title="Forkert ejer",
        problem="x",
        ambition="x",
        novelty="radical",
        category="service",
        owning_area=other_area,
        owner=owner,
    )
    with pytest.raises(ValidationError) as error:
        task_services.proposal_save(proposal=proposal, by=personas[roles.INNOVATIONSCHEF])
    assert "owner" in error.value.message_dict
    assert not TaskProposal.objects.exists()


def test_the_sixth_active_task_is_refused_unless_overridden(settings, make_proposal, start):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 5
    for i in range(5):
        start(make_proposal(title=f"Opgave {i}"))
    sixth = make_proposal(title="Nummer seks")
    with pytest.raises(ValidationError) as error:
        start(sixth)
    assert "5" in error.value.messages[0]
    assert InnovationTask.objects.filter(status="active").count() == 5
    start(sixth, overridden=True)
    assert InnovationTask.objects.filter(status="active").count() == 6


def test_paused_tasks_free_a_place_and_resuming_respects_the_limit(
    settings, personas, make_proposal, start
):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 2
    first, second = start(make_proposal(title="A")), start(make_proposal(title="B"))
    task_services.task_pause(task=first, by=personas[roles.DIREKTION])
    third = start(make_proposal(title="C"))
    with pytest.raises(ValidationError):
        task_services.task_resume(task=first, wip_overridden=False, by=personas[roles.DIREKTION])
    task_services.task_stop(task=third, worked="Godt samarbejde", by=personas[roles.DIREKTION])
    task_services.task_resume(task=first, wip_overridden=False, by=personas[roles.DIREKTION])
    assert {t.title for t in InnovationTask.objects.filter(status="active")} == {"A", "B"}
    assert second.status == "active"


def tick_all(task, by):
    for criterion in ExitCriterion.objects.filter(phase=task.phase, active=True):
        task_services.exit_check_set(task=task, criterion=criterion, done=True, by=by)


@gates.set_aside(keep=gates.OWN)  # the team, trials and agreement are the other apps' tests
def test_a_gate_needs_its_checklist_done_or_an_explicit_override(personas, make_proposal, start):
    task = start(make_proposal())
    staff = personas[roles.INNOVATIONSENHED]
    with pytest.raises(ValidationError) as error:
        task_services.task_pass_gate(task=task, by=personas[roles.DIREKTION])
    assert "tjekliste" in " ".join(error.value.messages)
    task = task_services.task_pass_gate(
        task=task, despite=["exit-checklist"], by=personas[roles.DIREKTION]
    )
    assert task.phase == 2
    tick_all(task, staff)
    task = task_services.task_pass_gate(task=task, by=personas[roles.DIREKTION])
    assert task.phase == 3


def test_ownership_cannot_be_overridden_at_a_gate(personas, make_proposal, start, unit):
    task = start(make_proposal())
    stranger = Person.objects.create(name="Udefra", kind=Person.Kind.EMPLOYEE, org_unit=None)
    InnovationTask.objects.filter(pk=task.pk).update(owner=stranger)
    task.refresh_from_db()
    unmet = {item.requirement.key for item in gates.unmet(task)}
    assert "ownership" in unmet
    with pytest.raises(ValidationError):
        task_services.task_pass_gate(
            task=task, despite=["ownership", "exit-checklist"], by=personas[roles.DIREKTION]
        )


def test_other_apps_register_gate_requirements(personas, make_proposal, start):
    requirement = gates.register(
        gates.Requirement(
            key="test-needs-a-trial",
            label="A trial",
            check=lambda task: "no trial" if task.phase == 3 else None,
            leaving=frozenset({3}),
        )
    )
    try:
        task = start(make_proposal())
        assert requirement not in [u.requirement for u in gates.unmet(task)]
        InnovationTask.objects.filter(pk=task.pk).update(phase=3)
        task.refresh_from_db()
        assert requirement in [u.requirement for u in gates.unmet(task)]
    finally:
        gates._REGISTRY.pop("test-needs-a-trial")


def test_closing_keeps_the_learnings_and_ends_the_task(personas, make_proposal, start):
    task = start(make_proposal())
    with pytest.raises(ValidationError):
        task_services.task_stop(task=task, by=personas[roles.DIREKTION])
    task = task_services.task_stop(
        task=task,
        worked="Borgerne tog godt imod det",
        not_worked="For få deltagere",
        by=personas[roles.DIREKTION],
    )
    assert task.status == InnovationTask.Status.STOPPED
    assert task.ended_on is not None
    with pytest.raises(ValidationError):
        task_services.task_pause(task=task, by=personas[roles.DIREKTION])


def test_complete_only_from_the_last_phase(personas, make_proposal, start):
    task = start(make_proposal())
    with pytest.raises(ValidationError):
        task_services.task_complete(task=task, worked="x", by=personas[roles.DIREKTION])
    InnovationTask.objects.filter(pk=task.pk).update(phase=7)
    task.refresh_from_db()
    assert (
        task_services.task_complete(
            task=task, worked="Udbredt til 4K", by=personas[roles.DIREKTION]
        ).status
        == "completed"
    )


def test_editing_a_task_cannot_change_phase_or_status(client, personas, make_proposal, start):
    task = start(make_proposal())
    task.phase = 5
    with pytest.raises(ValidationError):
        task_services.task_update(task=task, by=personas[roles.INNOVATIONSENHED])


def test_the_owner_edits_details_but_not_phase(client, personas, make_proposal, start, owner):
    task = start(make_proposal())
    client.force_login(personas[roles.OMRAADELEDER])
    response = client.post(
        reverse("portfolio:task-edit", args=[task.pk]),
        {
            "title": "Træn dig fri 2.0",
            "problem": task.problem,
            "owner": owner.pk,
            "owning_area": owner.org_unit_id,
            "phase": 4,
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.phase) == ("Træn dig fri 2.0", 1)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; SQLite serialises writers itself",
)
def test_two_simultaneous_starts_never_exceed_the_limit(settings, make_proposal, start):
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 5
    for i in range(4):
        start(make_proposal(title=f"Opgave {i}"))
    contenders = [make_proposal(title="Femte A"), make_proposal(title="Femte B")]
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(proposal):
        try:
            barrier.wait()
            start(proposal)
            outcomes.append("started")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "started"]
    assert InnovationTask.objects.filter(status="active").count() == 5
