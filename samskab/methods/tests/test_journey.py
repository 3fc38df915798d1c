"""A person's journey shows the methods their team used while they were on it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.methods import services
from samskab.teams.models import TeamMembership


def test_the_journey_shows_the_methods_used_while_the_person_was_on_the_team(
    client, task, employee, make_method, personas, make_task
):
    today = timezone.localdate()
    journeys = make_method("Brugerrejser")
    prototype = make_method("Prototyper")
    services.use_record(
        task=task, method=journeys, phase=2, rating=4, learning="Godt.", used_on=today, by=employee
    )
    # On another task, where the employee left before the method was used: not theirs.
    other = make_task("Andet")
    TeamMembership.objects.create(
        task=other,
        person=employee.person,
        role="specialist",
        allocation=10,
        starts_on=today - timedelta(days=60),
        ends_on=today - timedelta(days=30),
    )
    services.use_record(
        task=other,
        method=prototype,
        phase=2,
        rating=2,
        learning="Svært.",
        used_on=today,
        by=personas[roles.INNOVATIONSENHED],
    )

    client.force_login(employee)
    response = client.get(reverse("teams:journey", args=[employee.person.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Metode brugt: Brugerrejser (fase 2)" in page
    assert "Prototyper" not in page
