"""When a task's next gate is, and the meeting of direktion and chefforum expected to take it."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.governance import queries
from samskab.governance.models import Meeting
from samskab.portfolio.models import ExitCheck, ExitCriterion, InnovationTask


def at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def gate_in(start_task):
    def make(days: int, **fields) -> InnovationTask:
        return start_task(next_gate_on=timezone.localdate() + timedelta(days=days), **fields)

    return make


def test_the_gate_is_expected_at_the_forums_last_meeting_on_or_before_its_day(
    gate_in, make_meeting, committee
):
    today = timezone.localdate()
    task = gate_in(30)
    make_meeting(starts_at=at(today + timedelta(days=5)))
    expected = make_meeting(starts_at=at(today + timedelta(days=25)))
    make_meeting(starts_at=at(today + timedelta(days=40)))
    make_meeting(forum=committee, starts_at=at(today + timedelta(days=29)))

    found = queries.gate_meeting(task)

    assert found.on == today + timedelta(days=30)
    assert found.meeting == expected
    assert not found.late and not found.overdue and not found.paused


def test_the_meeting_on_the_gates_day_takes_it(gate_in, make_meeting):
    today = timezone.localdate()
    task = gate_in(30)
    make_meeting(starts_at=at(today + timedelta(days=10)))
    on_the_day = make_meeting(starts_at=at(today + timedelta(days=30), hour=15))
    assert queries.gate_meeting(task).meeting == on_the_day


def test_a_gate_before_the_next_meeting_is_taken_there_late(gate_in, make_meeting):
    today = timezone.localdate()
    task = gate_in(3)
    make_meeting(starts_at=at(today - timedelta(days=2)))  # held: takes nothing more
    next_meeting = make_meeting(starts_at=at(today + timedelta(days=10)))

    found = queries.gate_meeting(task)

    assert found.meeting == next_meeting
    assert found.late


def test_a_gate_after_the_last_meeting_and_its_horizon_has_no_meeting_yet(
    gate_in, make_meeting, settings
):
    settings.SAMSKAB_AGENDA_HORIZON_DAYS = 30
    today = timezone.localdate()
    last = make_meeting(starts_at=at(today + timedelta(days=10)))

    assert queries.gate_meeting(gate_in(60)).meeting is None
    assert queries.gate_meeting(gate_in(35)).meeting == last


def test_no_next_gate_or_a_closed_task_has_no_gate_meeting(start_task, make_meeting):
    make_meeting()
    assert queries.gate_meeting(start_task()) is None


def test_an_overdue_gate_of_a_paused_task_says_so(gate_in, make_meeting):
    task = gate_in(-5, status=InnovationTask.Status.PAUSED)
    make_meeting()
    found = queries.gate_meeting(task)
    assert found.overdue and found.paused


def test_the_gate_meeting_query_count_is_fixed(
    gate_in, make_meeting, django_assert_max_num_queries
):
    today = timezone.localdate()
    task = gate_in(60)
    for days in range(1, 40, 3):
        make_meeting(starts_at=at(today + timedelta(days=days)))
    with django_assert_max_num_queries(1):
        assert queries.gate_meeting(task).meeting is not None


def test_the_gate_card_says_when_the_gate_is_and_links_the_meeting_for_participants(
    client, gate_in, make_meeting, personas
):
    today = timezone.localdate()
    task = gate_in(20)
    meeting = make_meeting(starts_at=at(today + timedelta(days=12)), title="Direktionsmøde")
    url = reverse("portfolio:task-detail", args=[task.pk])
    meeting_url = reverse("governance:meeting-detail", args=[meeting.pk])

    client.force_login(personas[roles.DIREKTION])
    response = client.get(url)
    assert response.status_code == 200
    card = response.content.decode().split('id="gate-heading"')[1].split("</section>")[0]
    assert "Gaten skal holdes" in card
    assert f'href="{meeting_url}"' in card
    assert "Direktionsmøde" in card

    client.force_login(personas[roles.MEDARBEJDER])
    card = client.get(url).content.decode().split('id="gate-heading"')[1].split("</section>")[0]
    assert "Direktionsmøde" in card
    assert meeting_url not in card  # employees do not open meetings


def test_the_gate_card_warns_when_no_meeting_takes_the_gate(
    client, gate_in, make_meeting, personas, settings
):
    settings.SAMSKAB_AGENDA_HORIZON_DAYS = 10
    task = gate_in(60)
    make_meeting(starts_at=at(timezone.localdate() + timedelta(days=5)))
    client.force_login(personas[roles.DIREKTION])
    body = client.get(reverse("portfolio:task-detail", args=[task.pk])).content.decode()
    assert "Intet planlagt møde" in body


def test_the_gate_card_keeps_the_requirements(client, gate_in, personas):
    task = gate_in(20)
    for criterion in ExitCriterion.objects.filter(phase=1, active=True):
        ExitCheck.objects.create(task=task, criterion=criterion)
    client.force_login(personas[roles.DIREKTION])
    response = client.get(reverse("portfolio:task-detail", args=[task.pk]))
    assert response.context["review_met"]
    assert isinstance(response.context["gate_meeting"](), queries.GateMeeting)
    assert Meeting.objects.count() == 0
    assert response.context["gate_meeting"]().meeting is None
