"""The rules of scaling and spreading, each on both sides."""

import threading
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from samskab.network.models import Organisation
from samskab.portfolio.models import TaskProposal
from samskab.spread import queries, services
from samskab.spread.models import Adoption, AdoptionEvent, Milestone, ScalingPlan, Uptake

from .conftest import units_named

TODAY = timezone.localdate


def test_adding_targets_twice_keeps_one_adoption_per_unit(task, area, staff):
    schools = units_named("Dyssegårdsskolen", "Vangeboskolen")
    assert len(services.targets_add(task=task, units=schools, by=staff)) == 2
    again = services.targets_add(
        task=task, units=[*schools, *units_named("Børnehuset Kilden")], by=staff
    )
    assert [adoption.unit.name for adoption in again] == ["Børnehuset Kilden"]
    assert task.adoptions.count() == 3
    assert all(adoption.state == Adoption.State.PLANNED for adoption in task.adoptions.all())


def test_a_state_change_is_kept_with_its_date(task, staff):
    (adoption,) = services.targets_add(
        task=task, units=units_named("Vangeboskolen"), by=staff, on=TODAY() - timedelta(days=60)
    )
    services.adoption_set_state(
        adoption=adoption, state="operating", on=TODAY() - timedelta(days=10), by=staff
    )
    adoption.refresh_from_db()
    assert adoption.state == "operating"
    assert adoption.since == TODAY() - timedelta(days=10)
    assert list(adoption.events.values_list("state", flat=True)) == ["planned", "operating"]


def test_adapted_and_abandoned_need_a_note(task, staff):
    (adoption,) = services.targets_add(task=task, units=units_named("Vangeboskolen"), by=staff)
    for state, message in (("adapted", "ændret"), ("abandoned", "hvorfor")):
        with pytest.raises(ValidationError, match=message):
            services.adoption_set_state(adoption=adoption, state=state, on=TODAY(), by=staff)
    services.adoption_set_state(
        adoption=adoption, state="abandoned", on=TODAY(), note="Skolen lukker.", by=staff
    )
    adoption.refresh_from_db()
    assert (adoption.state, adoption.note) == ("abandoned", "Skolen lukker.")


def test_a_state_cannot_be_dated_before_the_last_change_nor_in_the_future(task, staff):
    (adoption,) = services.targets_add(
        task=task, units=units_named("Vangeboskolen"), by=staff, on=TODAY() - timedelta(days=5)
    )
    with pytest.raises(ValidationError, match="før den seneste"):
        services.adoption_set_state(
            adoption=adoption, state="preparing", on=TODAY() - timedelta(days=6), by=staff
        )
    with pytest.raises(ValidationError, match="fremtiden"):
        services.adoption_set_state(
            adoption=adoption, state="preparing", on=TODAY() + timedelta(days=1), by=staff
        )
    services.adoption_set_state(
        adoption=adoption, state="preparing", on=TODAY() - timedelta(days=5), by=staff
    )
    assert adoption.events.count() == 2


def test_a_target_is_removed_only_while_nothing_has_happened_there(task, staff):
    first, second = services.targets_add(
        task=task, units=units_named("Dyssegårdsskolen", "Vangeboskolen"), by=staff
    )
    services.target_remove(adoption=first, by=staff)
    services.adoption_set_state(adoption=second, state="preparing", on=TODAY(), by=staff)
    with pytest.raises(ValidationError, match="opgivet"):
        services.target_remove(adoption=second, by=staff)
    assert list(task.adoptions.values_list("unit__name", flat=True)) == ["Vangeboskolen"]


def _milestone(task, owner):
    return services.milestone_save(
        milestone=Milestone(
            task=task,
            plan=Milestone.Plan.SCALING,
            title="Første bølge i drift",
            due_on=TODAY() + timedelta(days=30),
            owner=owner,
        ),
        by=None,
    )


def test_a_plan_is_approved_only_with_targets_and_a_milestone(task, staff, manager):
    plan = services.plan_save(task=task, approach="I bølger.", by=staff)
    with pytest.raises(ValidationError, match="målenhederne og mindst én milepæl"):
        services.plan_approve(plan=plan, by=manager)
    services.targets_add(task=task, units=units_named("Vangeboskolen"), by=staff)
    with pytest.raises(ValidationError, match="mindst én milepæl"):
        services.plan_approve(plan=plan, by=manager)
    _milestone(task, manager.person)
    services.plan_approve(plan=plan, by=manager)
    plan.refresh_from_db()
    assert plan.status == ScalingPlan.Status.APPROVED
    assert (plan.approved_by, plan.approved_on) == (manager, TODAY())


def test_changing_an_approved_plan_needs_a_new_approval(task, staff, manager):
    plan = services.plan_save(task=task, approach="I bølger.", by=staff)
    services.targets_add(task=task, units=units_named("Vangeboskolen"), by=staff)
    _milestone(task, manager.person)
    services.plan_approve(plan=plan, by=manager)
    services.plan_save(task=task, approach="I bølger.", by=staff)  # unchanged: still approved
    assert ScalingPlan.objects.get(task=task).status == "approved"
    services.plan_save(task=task, approach="Alle på én gang.", by=staff)
    plan.refresh_from_db()
    assert (plan.status, plan.approved_on) == ("draft", None)


def test_a_closed_tasks_plans_cannot_change(make_task, staff):
    task = make_task(status="completed", ended_on=date(2026, 6, 1))
    with pytest.raises(ValidationError, match="lukket"):
        services.plan_save(task=task, approach="For sent.", by=staff)


def test_an_uptake_is_by_an_area_or_an_organisation_not_both(task, other_area, staff):
    gladsaxe = Organisation.objects.create(name="Gladsaxe Kommune", kind="municipality")
    for area, organisation in ((None, None), (other_area, gladsaxe)):
        with pytest.raises(ValidationError, match="enten et område"):
            services.uptake_save(
                uptake=Uptake(task=task, area=area, organisation=organisation, since=TODAY()),
                by=staff,
            )
    services.uptake_save(uptake=Uptake(task=task, organisation=gladsaxe, since=TODAY()), by=staff)
    assert task.uptakes.get().taker == gladsaxe


def test_developing_further_makes_a_proposal_that_keeps_its_origin(task, staff):
    proposal = services.task_develop_further(task=task, by=staff)
    assert proposal.developed_from == task
    assert proposal.status == TaskProposal.Status.AWAITING
    assert proposal.title == "Synlig læring – videreudviklet"
    assert list(task.developments.all()) == [proposal]


def test_a_solution_is_developed_further_only_once_it_is_scaled(make_task, staff):
    with pytest.raises(ValidationError, match="fase 5"):
        services.task_develop_further(task=make_task(phase=4), by=staff)


def test_the_degree_of_scaling_counts_adapted_as_in_operation(task, staff):
    adoptions = services.targets_add(
        task=task,
        units=units_named("Dyssegårdsskolen", "Vangeboskolen", "Børnehuset Kilden"),
        by=staff,
    )
    assert queries.degree_of(task) == queries.Degree(0, 3)
    services.adoption_set_state(adoption=adoptions[0], state="operating", on=TODAY(), by=staff)
    services.adoption_set_state(
        adoption=adoptions[1], state="adapted", on=TODAY(), note="Kortere forløb.", by=staff
    )
    services.adoption_set_state(
        adoption=adoptions[2], state="abandoned", on=TODAY(), note="Lukker.", by=staff
    )
    degree = queries.degree_of(task)
    assert degree == queries.Degree(2, 3)
    assert degree.percent == 67


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are PostgreSQL's; SQLite serialises writers itself",
)
def test_the_same_targets_sent_twice_at_once_are_added_once(task, staff):
    units = units_named("Dyssegårdsskolen", "Vangeboskolen")
    barrier = threading.Barrier(2)
    errors = []

    def send():
        try:
            barrier.wait()
            services.targets_add(task=task, units=units, by=staff)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert task.adoptions.count() == 2
    assert AdoptionEvent.objects.filter(adoption__task=task).count() == 2
