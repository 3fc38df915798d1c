"""People from outside the municipality on task teams: only the innovation unit finds and adds
them, on their recorded consent; others see them only on the team their consent covers."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.organisation.models import Competency, Person
from samskab.teams import services
from samskab.teams.models import Importance, Role, TeamMembership
from samskab.teams.queries import composition_for

CONSENT = "Navn og e-mail på holdet i opgavens levetid"


@pytest.fixture
def citizen(make_person) -> Person:
    """A citizen who knows law: the composer would propose her for a legal need."""
    return make_person(
        "Poul Borger", kind=Person.Kind.CITIZEN, email="poul@example.dk", levels={"jura": 4}
    )


@pytest.fixture
def task(make_task, personas):
    task = make_task()
    services.need_save(
        task=task,
        competency=Competency.objects.get(slug="jura"),
        importance=Importance.CRITICAL,
        phase=2,
        by=personas[roles.INNOVATIONSENHED],
    )
    return task


def _login(client, personas, role):
    client.force_login(personas[role])
    return client


def _add_url(task, person) -> str:
    return reverse("teams:team-add", args=[task.pk]) + f"?person={person.pk}"


def _post(task, person, **fields) -> dict:
    data = {
        "person": person.pk,
        "role": Role.CITIZEN if person.kind == Person.Kind.CITIZEN else Role.SPECIALIST,
        "allocation": 5,
        "starts_on": timezone.localdate(),
    }
    data.update(fields)
    return data


# The innovation unit ----------------------------------------------------------------------


@pytest.mark.parametrize("role", [roles.INNOVATIONSENHED, roles.INNOVATIONSCHEF])
def test_unit_staff_find_and_add_an_external_person_on_recorded_consent(
    client, personas, task, citizen, role
):
    _login(client, personas, role)
    compose = client.get(reverse("teams:team-compose", args=[task.pk]) + "?q=Poul")
    assert compose.status_code == 200
    text = compose.content.decode()
    assert text.count("Poul Borger") >= 2  # proposed for the legal need, and found by name
    form = client.get(_add_url(task, citizen))
    assert form.status_code == 200 and "Poul Borger" in form.content.decode()
    response = client.post(
        _add_url(task, citizen),
        _post(task, citizen, consent_on=timezone.localdate(), consent_to=CONSENT),
    )
    assert response.status_code == 302
    assert response.url == reverse("teams:team-detail", args=[task.pk])
    member = TeamMembership.objects.get(task=task, person=citizen)
    assert (member.role, member.consent_on, member.consent_to) == (
        Role.CITIZEN,
        timezone.localdate(),
        CONSENT,
    )


def test_unit_staff_cannot_add_an_external_person_without_consent(client, personas, task, citizen):
    _login(client, personas, roles.INNOVATIONSENHED)
    response = client.post(_add_url(task, citizen), _post(task, citizen, allocation=7))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Registrér, hvornår deltageren gav samtykke og til hvad" in text
    assert 'value="7"' in text  # what was typed is kept
    assert not TeamMembership.objects.filter(person=citizen).exists()


def test_consent_is_given_before_the_participant_joins(make_task, citizen, personas):
    task = make_task()
    today = timezone.localdate()
    with pytest.raises(ValidationError) as later:
        services.membership_add(
            task=task,
            person=citizen,
            role=Role.CITIZEN,
            allocation=5,
            starts_on=today - timedelta(days=3),
            consent_on=today,
            consent_to=CONSENT,
            by=personas[roles.INNOVATIONSENHED],
        )
    assert "consent_on" in later.value.message_dict
    with pytest.raises(ValidationError) as future:
        services.membership_add(
            task=task,
            person=citizen,
            role=Role.CITIZEN,
            allocation=5,
            starts_on=today + timedelta(days=10),
            consent_on=today + timedelta(days=5),
            consent_to=CONSENT,
            by=personas[roles.INNOVATIONSENHED],
        )
    assert "consent_on" in future.value.message_dict
    assert not TeamMembership.objects.filter(person=citizen).exists()


# Everyone else ----------------------------------------------------------------------------


def test_an_area_managers_composer_neither_finds_nor_proposes_external_people(
    client, personas, task, citizen, make_person, unit
):
    make_person("Poul Ansat", unit=unit)
    _login(client, personas, roles.OMRAADELEDER)
    response = client.get(reverse("teams:team-compose", args=[task.pk]) + "?q=Poul")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Poul Ansat" in text
    assert "Poul Borger" not in text
    assert f"person={citizen.pk}" not in text


def test_the_composer_proposes_external_people_to_the_unit_only(task, citizen, personas):
    def proposed(role):
        composition = composition_for(task, user=personas[role])
        return [p.candidate.person_id for p in composition.proposals]

    assert citizen.pk in proposed(roles.INNOVATIONSENHED)
    assert citizen.pk not in proposed(roles.OMRAADELEDER)


def test_an_area_manager_learns_nothing_of_an_external_person_through_the_add_form(
    client, personas, task, citizen
):
    _login(client, personas, roles.OMRAADELEDER)
    response = client.get(_add_url(task, citizen))
    assert response.status_code == 404
    assert "Poul Borger" not in response.content.decode()


def test_an_area_managers_post_putting_an_external_person_on_the_team_is_refused(
    client, personas, task, citizen
):
    _login(client, personas, roles.OMRAADELEDER)
    response = client.post(
        _add_url(task, citizen),
        _post(task, citizen, consent_on=timezone.localdate(), consent_to=CONSENT),
    )
    assert response.status_code == 404
    assert "Poul Borger" not in response.content.decode()
    assert not TeamMembership.objects.filter(person=citizen).exists()


def test_the_service_lets_only_the_unit_add_people_from_outside(task, citizen, personas):
    with pytest.raises(ValidationError) as refused:
        services.membership_add(
            task=task,
            person=citizen,
            role=Role.CITIZEN,
            allocation=5,
            consent_on=timezone.localdate(),
            consent_to=CONSENT,
            by=personas[roles.OMRAADELEDER],
        )
    assert "Kun innovationsenheden" in " ".join(refused.value.message_dict["person"])
    assert not TeamMembership.objects.filter(person=citizen).exists()


def test_employees_are_still_found_and_added_by_the_area_manager(
    client, personas, task, make_person, elsewhere
):
    lawyer = make_person("Poul Jurist", unit=elsewhere, levels={"jura": 4})
    _login(client, personas, roles.OMRAADELEDER)
    compose = client.get(reverse("teams:team-compose", args=[task.pk]) + "?q=Poul")
    assert compose.content.decode().count("Poul Jurist") >= 2  # proposed and found
    assert client.get(_add_url(task, lawyer)).status_code == 200
    response = client.post(_add_url(task, lawyer), _post(task, lawyer))
    assert response.status_code == 302
    assert response.url == reverse("teams:team-detail", args=[task.pk])
    assert TeamMembership.objects.current().filter(task=task, person=lawyer).exists()


# An external member on the team their consent covers -----------------------------------------


def test_others_see_an_external_member_only_where_consent_is_recorded(
    client, personas, task, citizen, make_person
):
    services.membership_add(
        task=task,
        person=citizen,
        role=Role.CITIZEN,
        allocation=5,
        consent_on=timezone.localdate(),
        consent_to=CONSENT,
        by=personas[roles.INNOVATIONSENHED],
    )
    # A membership written past the service, without consent: never shown outside the unit.
    silent = make_person("Sigrid Uden Samtykke", kind=Person.Kind.CITIZEN)
    TeamMembership.objects.create(task=task, person=silent, role=Role.CITIZEN, allocation=5)
    team = reverse("teams:team-detail", args=[task.pk])
    task_page = reverse("portfolio:task-detail", args=[task.pk])

    _login(client, personas, roles.OMRAADELEDER)
    text = client.get(team).content.decode()
    assert "Poul Borger" in text
    assert reverse("teams:journey", args=[citizen.pk]) not in text  # a journey they cannot open
    assert "Sigrid Uden Samtykke" not in text
    panel = client.get(task_page).content.decode()
    assert "Poul Borger" in panel and "Sigrid Uden Samtykke" not in panel

    _login(client, personas, roles.INNOVATIONSENHED)
    text = client.get(team).content.decode()
    assert "Poul Borger" in text and "Sigrid Uden Samtykke" in text
    assert reverse("teams:journey", args=[citizen.pk]) in text


def test_the_meeting_brief_names_an_external_member_only_on_recorded_consent(
    task, citizen, make_person, personas
):
    from samskab.governance import briefs
    from samskab.portfolio.models import InnovationTask
    from samskab.teams import briefs as team_briefs

    services.membership_add(
        task=task,
        person=citizen,
        role=Role.CITIZEN,
        allocation=5,
        consent_on=timezone.localdate(),
        consent_to=CONSENT,
        by=personas[roles.INNOVATIONSENHED],
    )
    silent = make_person("Sigrid Uden Samtykke", kind=Person.Kind.CITIZEN)
    TeamMembership.objects.create(task=task, person=silent, role=Role.CITIZEN, allocation=5)
    for tasks in ([task], list(InnovationTask.objects.filter(pk=task.pk))):
        team_briefs.SECTION.prefetch(tasks, [])
        html = briefs._part(team_briefs.SECTION, tasks[0]).html
        assert "Poul Borger" in html and "Sigrid Uden Samtykke" not in html
    alone = briefs._part(team_briefs.SECTION, InnovationTask.objects.get(pk=task.pk)).html
    assert "Poul Borger" in alone and "Sigrid Uden Samtykke" not in alone


@pytest.mark.parametrize("role", [roles.OMRAADELEDER, roles.MEDARBEJDER, roles.INNOVATIONSENHED])
def test_the_team_shows_a_reader_the_members_the_view_member_rule_allows(
    personas, task, citizen, make_person, unit, role
):
    from samskab.teams.permissions import members_shown_to

    services.membership_add(
        task=task,
        person=citizen,
        role=Role.CITIZEN,
        allocation=5,
        consent_on=timezone.localdate(),
        consent_to=CONSENT,
        by=personas[roles.INNOVATIONSENHED],
    )
    TeamMembership.objects.create(
        task=task,
        person=make_person("Sigrid Uden Samtykke", kind=Person.Kind.CITIZEN),
        role=Role.CITIZEN,
        allocation=5,
    )
    services.membership_add(
        task=task,
        person=make_person("Anna Ansat", unit=unit),
        role=Role.SPECIALIST,
        allocation=10,
        by=personas[roles.INNOVATIONSENHED],
    )
    user = personas[role]
    allowed = {m.pk for m in TeamMembership.objects.all() if user.has_perm("teams.view_member", m)}
    shown = set(TeamMembership.objects.filter(members_shown_to(user)).values_list("pk", flat=True))
    assert shown == allowed
    assert len(allowed) == (3 if role == roles.INNOVATIONSENHED else 2)


# Other pages that list people --------------------------------------------------------------


def test_other_pages_listing_people_keep_external_people_from_an_area_manager(
    client, personas, citizen, task
):
    _login(client, personas, roles.OMRAADELEDER)
    directory = client.get(reverse("organisation:person-list") + "?q=Poul")
    assert directory.status_code == 200 and "Poul Borger" not in directory.content.decode()
    assert client.get(reverse("organisation:person-detail", args=[citizen.pk])).status_code == 404
    assert client.get(reverse("teams:journey", args=[citizen.pk])).status_code == 404
    heatmap = client.get(reverse("teams:heatmap"))
    assert heatmap.status_code == 200 and "Poul Borger" not in heatmap.content.decode()


def test_the_composer_no_longer_proposes_someone_who_left(task, citizen, personas):
    def proposed():
        composition = composition_for(task, user=personas[roles.INNOVATIONSENHED])
        return [p.candidate.person_id for p in composition.proposals]

    assert citizen.pk in proposed()
    Person.objects.filter(pk=citizen.pk).update(ended_on=timezone.localdate())
    assert citizen.pk not in proposed()
