"""The board's card says what the team lacks: a critical competency, an innovation partner."""

from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.portfolio import cards
from samskab.teams import services
from samskab.teams.models import Importance, Role


def team_signals(task) -> list[str]:
    shown = cards.signals_for([task], today=timezone.localdate())[task.pk]
    return [(s.text, s.detail) for s in shown if s.key == "team"]


def need(task, competency, personas, *, importance=Importance.CRITICAL, phase=2):
    services.need_save(
        task=task,
        competency=competency,
        importance=importance,
        phase=phase,
        by=personas[roles.INNOVATIONSCHEF],
    )


def test_an_uncovered_critical_competency_is_a_gap_and_a_covered_one_is_not(
    make_task, make_person, add_member, unit, elsewhere, competency, personas
):
    task = make_task(phase=3)
    need(task, competency("jura"), personas)
    need(task, competency("design"), personas, importance=Importance.IMPORTANT)
    add_member(task, make_person("Anna", unit=unit, levels={"jura": 1}), role=Role.PARTNER)
    assert team_signals(task) == [("1 kritisk kompetence mangler", "Jura")]

    add_member(task, make_person("Jurist", unit=elsewhere, levels={"jura": 3}))
    assert team_signals(task) == []


def test_a_critical_need_from_a_later_phase_is_not_a_gap_yet(
    make_task, make_person, add_member, unit, competency, personas
):
    task = make_task(phase=2)
    add_member(task, make_person("Anna", unit=unit), role=Role.PARTNER)
    need(task, competency("jura"), personas, phase=4)
    assert team_signals(task) == []


def test_from_phase_two_a_team_without_a_partner_from_the_area_has_a_gap(
    make_task, make_person, add_member, unit
):
    needs_team = make_task("Synlig læring", phase=2)
    too_early = make_task("Læsebånd", phase=1)
    # Someone from the area who is not an innovation partner does not close the gap.
    add_member(needs_team, make_person("Specialist", unit=unit), role=Role.SPECIALIST)
    assert team_signals(needs_team) == [("Ingen innovationspartner fra området", "")]
    assert team_signals(too_early) == []

    add_member(needs_team, make_person("Anna", unit=unit), role=Role.PARTNER)
    assert team_signals(needs_team) == []


def test_the_board_shows_the_gap_in_words(
    client, make_task, make_person, add_member, unit, competency, personas
):
    task = make_task(phase=3)
    need(task, competency("jura"), personas)
    add_member(task, make_person("Anna", unit=unit), role=Role.PARTNER)
    client.force_login(personas[roles.MEDARBEJDER])
    body = client.get(reverse("portfolio:board")).content.decode()
    assert "1 kritisk kompetence mangler" in body
    assert "Jura" in body
