"""Who updates an adoption, approves a plan and writes the plans: each rule on both sides."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.spread import services
from samskab.spread.models import Milestone

from .conftest import units_named


@pytest.fixture
def adoptions(task, staff, other_area):
    return {
        adoption.unit.name: adoption
        for adoption in services.targets_add(
            task=task, units=units_named("Vangeboskolen", "Plejecenter Bakkehuset"), by=staff
        )
    }


def _post_state(client, adoption, state="preparing"):
    return client.post(
        reverse("spread:adoption-edit", args=[adoption.pk]),
        {"state": state, "on": timezone.localdate().isoformat(), "note": ""},
    )


def test_an_area_manager_updates_the_state_of_their_own_units(client, manager, adoptions):
    client.force_login(manager)
    response = _post_state(client, adoptions["Vangeboskolen"])
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "spread:task-spread", args=[adoptions["Vangeboskolen"].task_id]
    )
    adoptions["Vangeboskolen"].refresh_from_db()
    assert adoptions["Vangeboskolen"].state == "preparing"


def test_an_area_manager_cannot_update_a_unit_of_another_area(client, manager, adoptions):
    client.force_login(manager)
    assert _post_state(client, adoptions["Plejecenter Bakkehuset"]).status_code == 403
    adoptions["Plejecenter Bakkehuset"].refresh_from_db()
    assert adoptions["Plejecenter Bakkehuset"].state == "planned"


def test_the_unit_staff_update_any_unit(client, staff, adoptions):
    client.force_login(staff)
    assert _post_state(client, adoptions["Plejecenter Bakkehuset"]).status_code == 302
    adoptions["Plejecenter Bakkehuset"].refresh_from_db()
    assert adoptions["Plejecenter Bakkehuset"].state == "preparing"


def test_an_employee_outside_the_team_cannot_update_a_state(client, personas, adoptions):
    client.force_login(personas[roles.MEDARBEJDER])
    assert _post_state(client, adoptions["Vangeboskolen"]).status_code == 403


def test_a_citizen_learns_nothing_of_an_adoption(client, personas, adoptions):
    client.force_login(personas[roles.BORGER])
    assert _post_state(client, adoptions["Vangeboskolen"]).status_code == 403  # not internal


@pytest.fixture
def ready_plan(task, staff, manager):
    plan = services.plan_save(task=task, approach="I bølger.", by=staff)
    services.targets_add(task=task, units=units_named("Vangeboskolen"), by=staff)
    services.milestone_save(
        milestone=Milestone(
            task=task,
            plan="scaling",
            title="Start",
            due_on=timezone.localdate(),
            owner=manager.person,
        ),
        by=staff,
    )
    return plan


@pytest.mark.parametrize(
    ("persona", "approves"),
    [
        (roles.OMRAADELEDER, True),  # the manager of the owning area
        (roles.INNOVATIONSCHEF, True),
        (roles.INNOVATIONSENHED, False),
        (roles.MEDARBEJDER, False),
        (roles.DIREKTION, False),
    ],
)
def test_the_owning_areas_manager_or_the_chief_approves_the_plan(
    client, personas, manager, ready_plan, persona, approves
):
    client.force_login(personas[persona])
    response = client.post(reverse("spread:plan-approve", args=[ready_plan.task_id]))
    ready_plan.refresh_from_db()
    if approves:
        assert response.status_code == 302
        assert ready_plan.status == "approved"
    else:
        assert response.status_code == 403
        assert ready_plan.status == "draft"


def test_the_manager_of_another_area_cannot_approve(client, manager, ready_plan, other_area):
    manager.person.org_unit = other_area
    manager.person.save()
    client.force_login(manager)
    assert client.post(reverse("spread:plan-approve", args=[ready_plan.task_id])).status_code == 403


def test_a_current_team_member_writes_the_plan_and_a_former_one_does_not(client, personas, task):
    from datetime import timedelta

    from samskab.teams.models import TeamMembership

    employee = personas[roles.MEDARBEJDER]
    client.force_login(employee)
    url = reverse("spread:plan-edit", args=[task.pk])
    assert client.get(url).status_code == 403
    today = timezone.localdate()
    membership = TeamMembership.objects.create(
        task=task, person=employee.person, role="specialist", starts_on=today - timedelta(days=30)
    )
    response = client.post(url, {"approach": "Vi starter på to skoler."})
    assert response.status_code == 302
    assert task.scaling_plan.approach == "Vi starter på to skoler."
    membership.ends_on = today
    membership.save()
    assert client.get(url).status_code == 403
