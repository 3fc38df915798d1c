"""Who joined and who left the team, in the task's story."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.organisation.models import Person
from samskab.portfolio import timeline
from samskab.portfolio.models import InnovationTask
from samskab.teams import services
from samskab.teams.models import Role, TeamMembership

CONSENT = "Navn og e-mail gemmes, så længe opgaven løber."


def team_in(task, reader, today=None):
    task = InnovationTask.objects.get(pk=task.pk)  # as a request reads it
    return [
        (event.on, event.title, event.details)
        for event in timeline.story(task, viewer=reader, today=today)
        if event.source == "team"
    ]


def test_joining_and_leaving_are_told_on_their_days_those_on_one_day_together(
    make_task, make_person, add_member, unit, personas
):
    task = make_task()
    today = timezone.localdate()
    start = today - timedelta(days=20)
    add_member(task, make_person("Anna Andersen", unit=unit), starts_on=start)
    bo = add_member(task, make_person("Bo Berg", unit=unit), starts_on=start)
    services.membership_end(
        membership=bo, on=today - timedelta(days=5), by=personas[roles.INNOVATIONSENHED]
    )

    assert team_in(task, personas[roles.MEDARBEJDER]) == [
        (start, "Kom på holdet", ("Anna Andersen (specialist), Bo Berg (specialist)",)),
        (today - timedelta(days=5), "Forlod holdet", ("Bo Berg (specialist)",)),
    ]
    story = timeline.story(
        InnovationTask.objects.get(pk=task.pk), viewer=personas[roles.MEDARBEJDER]
    )
    event = next(e for e in story if e.source == "team")
    assert event.url == reverse("teams:team-detail", args=[task.pk])


def test_a_membership_that_ends_later_is_told_to_end_on_its_day_not_before(
    make_task, make_person, add_member, unit, personas
):
    task = make_task()
    today = timezone.localdate()
    member = add_member(task, make_person("Cai Carlsen", unit=unit), starts_on=today)
    TeamMembership.objects.filter(pk=member.pk).update(ends_on=today + timedelta(days=30))
    reader = personas[roles.MEDARBEJDER]

    assert [title for _on, title, _who in team_in(task, reader)] == ["Kom på holdet"]
    later = team_in(task, reader, today=today + timedelta(days=30))
    assert [title for _on, title, _who in later] == ["Kom på holdet", "Forlod holdet"]


def test_an_external_participant_is_told_only_on_recorded_consent_or_to_the_unit(
    make_task, make_person, add_member, personas
):
    task = make_task()
    today = timezone.localdate()
    citizen = make_person("Poul Borger", kind=Person.Kind.CITIZEN, email="poul@example.dk")
    add_member(task, citizen, role=Role.CITIZEN, consent_on=today, consent_to=CONSENT)
    silent = make_person("Sigrid Uden Samtykke", kind=Person.Kind.CITIZEN)
    TeamMembership.objects.create(task=task, person=silent, role=Role.CITIZEN, allocation=5)

    told = str(team_in(task, personas[roles.OMRAADELEDER]))
    assert "Poul Borger" in told and "Sigrid Uden Samtykke" not in told
    told = str(team_in(task, personas[roles.INNOVATIONSENHED]))
    assert "Poul Borger" in told and "Sigrid Uden Samtykke" in told


def test_the_task_page_hides_an_external_participant_without_consent_in_the_story(
    client, make_task, make_person, personas
):
    task = make_task()
    silent = make_person("Sigrid Uden Samtykke", kind=Person.Kind.CITIZEN)
    TeamMembership.objects.create(task=task, person=silent, role=Role.CITIZEN, allocation=5)
    client.force_login(personas[roles.OMRAADELEDER])
    response = client.get(reverse("portfolio:task-detail", args=[task.pk]))
    assert response.status_code == 200
    assert "Sigrid Uden Samtykke" not in response.content.decode()
