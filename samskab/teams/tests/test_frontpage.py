"""Teams on the front page: my tasks and learning, the area's people, everyone over 100 %."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.dashboards.testing import front_page, item, labels
from samskab.organisation.models import Competency, Person
from samskab.portfolio.models import InnovationTask
from samskab.teams.models import LearningRecord, Role, TeamMembership


@pytest.fixture
def today():
    return timezone.localdate()


def member(task, person, role=Role.SPECIALIST, allocation=20, **fields) -> TeamMembership:
    fields.setdefault("starts_on", timezone.localdate() - timedelta(days=30))
    return TeamMembership.objects.create(
        task=task, person=person, role=role, allocation=allocation, **fields
    )


def set_status(task, status):
    ended = None if status in ("active", "paused") else timezone.localdate()
    InnovationTask.objects.filter(pk=task.pk).update(status=status, ended_on=ended)


# My tasks and learning ---------------------------------------------------------------------


def test_employee_sees_their_open_tasks_with_their_role_and_next_step(
    client, personas, make_task, today
):
    employee = personas[roles.MEDARBEJDER]
    person = employee.person
    on = make_task("Mit hold", phase=3)
    InnovationTask.objects.filter(pk=on.pk).update(next_gate_on=today + timedelta(days=20))
    member(on, person, Role.PARTNER)
    left = make_task("Forladt hold")
    member(left, person, ends_on=today - timedelta(days=1))
    done = make_task("Afsluttet opgave")
    member(done, person)
    set_status(done, "completed")
    make_task("Andres hold")

    panel = front_page(client, employee)["my-tasks"]

    assert labels(panel) == ["Mit hold"]
    entry = panel.items[0]
    assert entry.url == reverse("portfolio:task-detail", args=[on.pk])
    assert entry.detail.startswith("Innovationspartner · 3. Udvikling og afprøvning")
    assert "4. Forretningsudvikling" in entry.detail
    assert panel.see_all == reverse("teams:journey", args=[person.pk])


def test_a_task_owner_sees_the_task_they_own(client, personas, make_task, owner):
    # The area manager persona owns the tasks; made an employee only, for this test.
    user = personas[roles.OMRAADELEDER]
    user.groups.set(user.groups.filter(name=roles.MEDARBEJDER))
    make_task("Min opgave")

    panel = front_page(client, user)["my-tasks"]

    assert labels(panel) == ["Min opgave"]
    assert panel.items[0].detail.startswith("Opgaveejer")


def test_a_paused_task_says_so_in_words(client, personas, make_task):
    employee = personas[roles.MEDARBEJDER]
    task = make_task("Sat på pause")
    member(task, employee.person)
    set_status(task, "paused")

    assert front_page(client, employee)["my-tasks"].items[0].flag == "På pause"


def test_employee_sees_their_own_learning_records_only(client, personas, make_task, make_person):
    employee = personas[roles.MEDARBEJDER]
    task = make_task("Synlig læring")
    design = Competency.objects.get(slug="design")
    LearningRecord.objects.create(
        person=employee.person,
        competency=design,
        level_before=1,
        level_after=2,
        activity="Byggede en prototype",
        task=task,
    )
    LearningRecord.objects.create(
        person=make_person("En kollega"), competency=design, level_after=3, activity="Andet"
    )

    panel = front_page(client, employee)["my-learning"]

    assert labels(panel) == ["Design: niveau 1 til 2"]
    assert "Byggede en prototype" in panel.items[0].detail
    assert panel.items[0].url == reverse("teams:journey", args=[employee.person.pk]) + "#learning"


def test_a_citizen_has_no_task_panels(client, personas):
    assert not {"my-tasks", "my-learning"} & set(front_page(client, personas[roles.BORGER]))


# An area's people -----------------------------------------------------------------------------


def test_area_manager_sees_the_areas_people_on_teams_and_who_is_over_100(
    client, personas, make_task, make_person, unit, elsewhere, today
):
    task, other_task = make_task("Opgave A"), make_task("Opgave B")
    busy = make_person("Travl Medarbejder", unit=unit)
    member(task, busy, allocation=70)
    member(other_task, busy, allocation=50)
    member(task, make_person("Fra et andet område", unit=elsewhere))
    member(task, make_person("Gået fra holdet", unit=unit), ends_on=today)
    member(task, make_person("Ekstern", kind=Person.Kind.COMPANY), consent_on=today, consent_to="x")

    panel = front_page(client, personas[roles.OMRAADELEDER])["area-people"]

    assert labels(panel) == ["Travl Medarbejder", "Travl Medarbejder"]
    assert item(panel, "Travl Medarbejder").flag == "Belagt 120 %"
    assert panel.see_all == reverse("teams:unit-teams", args=[unit.parent.pk])


def test_the_areas_teams_page_lists_the_units_people_on_teams(
    client, personas, make_task, make_person, unit, elsewhere
):
    task = make_task("Opgave A")
    member(task, make_person("Fra skolen", unit=unit))
    member(task, make_person("Fra et andet område", unit=elsewhere))
    client.force_login(personas[roles.OMRAADELEDER])

    response = client.get(reverse("teams:unit-teams", args=[unit.parent.pk]))

    assert response.status_code == 200
    assert [m.person.name for m, _load in response.context["rows"]] == ["Fra skolen"]


# Everyone over 100 % --------------------------------------------------------------------------


def test_unit_sees_everyone_allocated_above_100_on_active_tasks(
    client, personas, make_task, make_person, today
):
    a, b, paused = make_task("A"), make_task("B"), make_task("C")
    set_status(paused, "paused")
    over, full, ended = make_person("Over"), make_person("Fuld"), make_person("Sluttet")
    member(a, over, allocation=60)
    member(b, over, allocation=50)
    member(a, full, allocation=50)
    member(b, full, allocation=50)
    member(paused, full, allocation=50)  # paused tasks take no time now
    member(a, ended, allocation=80)
    member(b, ended, allocation=80, ends_on=today)

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["over-allocated"]

    assert labels(panel) == ["Over"]
    assert panel.items[0].detail == "Belagt 110 % på tværs af aktive opgaver"
    assert panel.see_all == reverse("teams:over-allocated")


def test_the_over_allocated_page_and_its_queries(client, personas, make_task, make_person):
    tasks = [make_task("A"), make_task("B")]
    client.force_login(personas[roles.DIREKTION])

    def grow(n):
        for i in range(n):
            person = make_person(f"Person {i}-{n}")
            for task in tasks:
                member(task, person, allocation=60)

    def count() -> int:
        with CaptureQueriesContext(connection) as run:
            response = client.get(reverse("teams:over-allocated"))
        assert response.status_code == 200
        return len(run)

    grow(1)
    few = count()
    grow(5)
    assert count() == few
    assert "Person 0-5" in client.get(reverse("teams:over-allocated")).content.decode()


def test_the_areas_teams_page_runs_a_fixed_number_of_queries(
    client, personas, make_task, make_person, unit
):
    task = make_task("Opgave A")
    client.force_login(personas[roles.OMRAADELEDER])

    def grow(n):
        for i in range(n):
            member(task, make_person(f"Person {i}-{n}", unit=unit))

    def count() -> int:
        with CaptureQueriesContext(connection) as run:
            response = client.get(reverse("teams:unit-teams", args=[unit.parent.pk]))
        assert response.status_code == 200
        return len(run)

    grow(1)
    few = count()
    grow(6)
    assert count() == few
