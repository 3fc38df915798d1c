"""Team rules: dated memberships, external participants on consent, partners, learning; rule 5 at the gate."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samskab.accounts import roles
from samskab.governance.models import Decision, Forum
from samskab.governance.services import decision_record
from samskab.network.models import Organisation
from samskab.organisation.models import Person, PersonCompetency
from samskab.portfolio import gates
from samskab.teams import services
from samskab.teams.models import Importance, Role, TeamMembership


def test_ending_a_membership_keeps_it_as_history(
    make_task, make_person, add_member, unit, personas
):
    task = make_task()
    member = add_member(task, make_person("Ida Jurist", unit=unit))
    services.membership_end(membership=member, by=personas[roles.INNOVATIONSENHED])
    assert TeamMembership.objects.filter(pk=member.pk, ends_on=timezone.localdate()).exists()
    assert not TeamMembership.objects.current().filter(task=task).exists()
    assert TeamMembership.objects.ended().filter(task=task).count() == 1
    with pytest.raises(ValidationError):
        services.membership_end(membership=member, by=personas[roles.INNOVATIONSENHED])


def test_a_person_who_left_can_join_again_but_not_twice_at_once(
    make_task, make_person, add_member, unit, personas
):
    task = make_task()
    person = make_person("Ida Jurist", unit=unit)
    first = add_member(task, person)
    with pytest.raises(ValidationError, match="allerede"):
        add_member(task, person)
    services.membership_end(membership=first, by=personas[roles.INNOVATIONSENHED])
    add_member(task, person, starts_on=timezone.localdate() + timedelta(days=1))
    assert TeamMembership.objects.filter(task=task, person=person).count() == 2


def test_external_participants_join_on_recorded_consent_in_the_role_of_their_kind(
    make_task, make_person, add_member
):
    task = make_task()
    company = Organisation.objects.create(
        name="Fysioterapi Nord ApS", kind=Organisation.Kind.COMPANY
    )
    karin = make_person(
        "Karin Holt", kind=Person.Kind.COMPANY, organisation=company, email="k@x.dk"
    )
    with pytest.raises(ValidationError) as missing:
        add_member(task, karin, role=Role.COMPANY)
    assert "consent_to" in missing.value.message_dict
    with pytest.raises(ValidationError) as wrong_role:
        add_member(
            task,
            karin,
            role=Role.SPECIALIST,
            consent_on=timezone.localdate(),
            consent_to="Navn og e-mail",
        )
    assert "role" in wrong_role.value.message_dict
    member = add_member(
        task, karin, role=Role.COMPANY, consent_on=timezone.localdate(), consent_to="Navn og e-mail"
    )
    assert member.consent_to == "Navn og e-mail"


def test_employees_take_no_external_role_and_politicians_are_not_on_teams(
    make_task, make_person, add_member, unit
):
    task = make_task()
    with pytest.raises(ValidationError):
        add_member(task, make_person("Ole", unit=unit), role=Role.CITIZEN)
    with pytest.raises(ValidationError):
        add_member(
            task, make_person("Politiker", kind=Person.Kind.POLITICIAN), role=Role.SPECIALIST
        )


def test_innovation_partners_come_from_the_owning_area_and_are_at_most_two(
    make_task, make_person, add_member, unit, elsewhere
):
    task = make_task()
    with pytest.raises(ValidationError, match="Børn og Skole"):
        add_member(task, make_person("Udefra", unit=elsewhere), role=Role.PARTNER)
    add_member(task, make_person("Anna", unit=unit), role=Role.PARTNER)
    add_member(task, make_person("Bo", unit=unit), role=Role.PARTNER)
    with pytest.raises(ValidationError, match="to innovationspartnere"):
        add_member(task, make_person("Cecilie", unit=unit), role=Role.PARTNER)


def test_a_closed_task_keeps_its_team(make_task, make_person, add_member, unit, personas):
    task = make_task()
    task.status, task.ended_on = task.Status.STOPPED, timezone.localdate()
    task.save()
    with pytest.raises(ValidationError):
        add_member(task, make_person("Sen", unit=unit))


def test_a_learning_record_raises_the_persons_level(make_person, unit, competency, personas):
    person = make_person("Anna", unit=unit, levels={"design": 2})
    record = services.learning_record(
        person=person,
        competency=competency("design"),
        level_after=3,
        activity="Workshops",
        by=personas[roles.INNOVATIONSENHED],
    )
    assert (record.level_before, record.level_after) == (2, 3)
    assert PersonCompetency.objects.get(person=person, competency__slug="design").level == 3
    new = services.learning_record(
        person=person,
        competency=competency("jura"),
        level_after=1,
        activity="Kursus",
        by=personas[roles.INNOVATIONSENHED],
    )
    assert new.level_before is None
    with pytest.raises(ValidationError):
        services.learning_record(
            person=person,
            competency=competency("design"),
            level_after=1,
            activity="x",
            by=personas[roles.INNOVATIONSENHED],
        )


# Rule 5 at the gate out of phase 2 ---------------------------------------------------


def _go(task, director, **extra):
    return decision_record(
        kind=Decision.Kind.GATE_GO,
        forum=Forum.objects.get(kind=Forum.Kind.EXECUTIVE),
        task=task,
        by=director,
        rationale="Holdet er klar.",
        **extra,
    )


def test_leaving_phase_two_needs_an_innovation_partner_and_no_forum_can_go_despite(
    make_task, make_person, add_member, unit, personas
):
    task = make_task(phase=2)
    director = personas[roles.DIREKTION]
    unmet = {item.requirement.key: item for item in gates.unmet(task)}
    assert not unmet["team-partners"].requirement.overridable
    with pytest.raises(ValidationError):
        _go(task, director, despite_keys=["team-partners"], despite="Vi har travlt")
    add_member(task, make_person("Anna", unit=unit), role=Role.PARTNER)
    _go(task, director)
    task.refresh_from_db()
    assert task.phase == 3


def test_a_critical_gap_blocks_the_gate_unless_the_forum_accepts_it(
    make_task, make_person, add_member, unit, competency, personas
):
    task = make_task(phase=2)
    director = personas[roles.DIREKTION]
    services.need_save(
        task=task,
        competency=competency("jura"),
        importance=Importance.CRITICAL,
        phase=2,
        by=director,
    )
    services.need_save(
        task=task, competency=competency("design"), importance=Importance.NICE, phase=2, by=director
    )
    add_member(task, make_person("Anna", unit=unit, levels={"jura": 1}), role=Role.PARTNER)
    unmet = {item.requirement.key: item.reason for item in gates.unmet(task)}
    assert set(unmet) == {"team-competencies"}
    assert "Jura" in unmet["team-competencies"]
    with pytest.raises(ValidationError):
        _go(task, director)
    decision = _go(
        task, director, despite_keys=["team-competencies"], despite="Jurist hentes ind i fase 3."
    )
    assert decision.despite == "Jurist hentes ind i fase 3."
    task.refresh_from_db()
    assert task.phase == 3


def test_a_covered_critical_need_and_a_partner_meet_rule_five(
    make_task, make_person, add_member, unit, elsewhere, competency, personas
):
    task = make_task(phase=2)
    services.need_save(
        task=task,
        competency=competency("jura"),
        importance=Importance.CRITICAL,
        phase=2,
        by=personas[roles.DIREKTION],
    )
    add_member(task, make_person("Anna", unit=unit), role=Role.PARTNER)
    add_member(task, make_person("Jurist", unit=elsewhere, levels={"jura": 3}))
    assert not {i.requirement.key for i in gates.unmet(task)} & {
        "team-partners",
        "team-competencies",
    }


def test_the_team_rules_only_guard_the_exit_of_phase_two(make_task):
    task = make_task(phase=1)
    assert not {i.requirement.key for i in gates.unmet(task)} & {
        "team-partners",
        "team-competencies",
    }
