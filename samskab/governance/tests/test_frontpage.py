"""Governance's panels on the front page, and the chief's warning of gates between meetings."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samskab.accounts import roles
from samskab.dashboards.testing import front_page, item, labels
from samskab.governance import queries
from samskab.governance.models import Forum
from samskab.portfolio import closure
from samskab.portfolio.models import InnovationTask, TaskProposal


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def meeting_in(make_meeting, today):
    """A meeting of the executive board (or ``forum``) ``days`` from today, at ten."""

    def make(days: int, forum=None):
        starts = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(10)))
        return make_meeting(forum=forum, starts_at=starts, title="Direktion og chefforum")

    return make


@pytest.fixture
def gate_in(start_task, today):
    def make(title: str, days: int, **fields) -> InnovationTask:
        return start_task(title, next_gate_on=today + timedelta(days=days), **fields)

    return make


def chief_page(client, personas):
    return front_page(client, personas[roles.INNOVATIONSCHEF])


def warned(listing) -> dict[str, str]:
    return {warning.label: warning.detail for warning in listing.warnings}


# Proposals and closure ---------------------------------------------------------------


def test_unit_sees_proposals_awaiting_a_decision_and_where_the_agenda_lists_them(
    client, personas, make_proposal, start_task, meeting_in
):
    waiting = make_proposal("Venter på beslutning")
    rejected = make_proposal("Ikke startet")
    TaskProposal.objects.filter(pk=rejected.pk).update(status=TaskProposal.Status.REJECTED)
    start_task("Startet")
    meeting = meeting_in(14)

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["proposals-awaiting"]

    assert labels(panel) == ["Venter på beslutning"]
    assert panel.items[0].url == reverse("portfolio:proposal-detail", args=[waiting.pk])
    assert panel.see_all == (
        reverse("governance:meeting-detail", args=[meeting.pk]) + "#agenda-proposals"
    )


def test_without_a_planned_meeting_see_all_leads_to_the_portfolio(client, personas, make_proposal):
    make_proposal("Venter på beslutning")

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["proposals-awaiting"]

    assert panel.see_all == reverse("portfolio:board")


def test_unit_sees_open_tasks_flagged_for_closure(client, personas, start_task, today):
    start_task("Markeret", closure_flag="Prøvehandlingerne viste ingen effekt.")
    start_task("Ikke markeret")
    start_task(
        "Lukket og markeret",
        closure_flag="x",
        status=InnovationTask.Status.STOPPED,
        ended_on=today,
    )

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["flagged-for-closure"]

    assert labels(panel) == ["Markeret"]
    assert panel.items[0].detail == "Prøvehandlingerne viste ingen effekt."


def test_a_flag_samskab_raised_is_on_the_front_page_in_the_readers_language(
    client, personas, start_task
):
    code, params = closure.trials_missed(["Træning hjemme"])
    start_task("Markeret af Samskab", closure_flag_code=code, closure_flag_params=params)
    panel = front_page(client, personas[roles.INNOVATIONSENHED])["flagged-for-closure"]
    assert labels(panel) == ["Markeret af Samskab"]
    assert panel.items[0].detail.startswith("Alle afsluttede prøvehandlinger")


# Gates due ---------------------------------------------------------------------------


def test_unit_sees_the_gates_due_before_the_forums_following_meeting_and_overdue_ones(
    client, personas, gate_in, meeting_in
):
    next_meeting = meeting_in(14)
    meeting_in(42)
    gate_in("Overskredet", -3)
    gate_in("Før næste møde", 10)
    gate_in("Dagen før mødet efter", 41)
    gate_in("På mødet efter", 42)
    gate_in("På pause", 5, status=InnovationTask.Status.PAUSED)

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["gates-due"]

    assert labels(panel) == ["Overskredet", "Før næste møde", "Dagen før mødet efter"]
    assert item(panel, "Overskredet").flag == "Overskredet"
    assert item(panel, "Før næste møde").flag == ""
    assert panel.see_all == (
        reverse("governance:meeting-detail", args=[next_meeting.pk]) + "#agenda-gates"
    )
    assert [action.url for action in panel.actions] == [
        reverse("governance:meeting-detail", args=[next_meeting.pk])
    ]


def test_the_gates_panel_lists_what_the_next_meetings_agenda_proposes(
    client, personas, gate_in, meeting_in
):
    meeting = meeting_in(14)
    meeting_in(42)
    for title, days in [("A", -3), ("B", 10), ("C", 41), ("D", 42), ("E", 80)]:
        gate_in(title, days)

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["gates-due"]

    agenda = queries.agenda(meeting)
    proposed = next(s for s in agenda.sections if s.key == "gates")
    assert set(labels(panel)) == {item.subject.title for item in proposed.items}


def test_without_a_meeting_the_gates_due_within_the_horizon(client, personas, gate_in, settings):
    settings.SAMSKAB_AGENDA_HORIZON_DAYS = 30
    gate_in("Inden for horisonten", 30)
    gate_in("Efter horisonten", 31)

    panel = front_page(client, personas[roles.INNOVATIONSENHED])["gates-due"]

    assert labels(panel) == ["Inden for horisonten"]
    assert panel.see_all == reverse("portfolio:board")


# The chief's warning of gates that fall between meetings --------------------------------


def test_chief_is_warned_of_a_gate_due_before_the_next_meeting(
    client, personas, gate_in, meeting_in
):
    meeting_in(14)
    meeting_in(42)
    gate_in("Falder før mødet", 10)

    detail = warned(chief_page(client, personas)["gates-due"])["Falder før mødet"]

    assert "4 dage efter" in detail


def test_chief_is_not_warned_of_gates_a_meeting_takes_in_time(
    client, personas, gate_in, meeting_in
):
    meeting_in(14)
    meeting_in(42)
    gate_in("På mødedagen", 14)
    gate_in("Mellem to møder", 30)
    gate_in("På det sidste møde", 42)
    gate_in("Overskredet", -3)  # listed as overdue, not warned of

    assert warned(chief_page(client, personas)["gates-due"]) == {}


def test_chief_is_warned_of_a_gate_after_the_last_planned_meeting(
    client, personas, gate_in, meeting_in, settings
):
    settings.SAMSKAB_AGENDA_HORIZON_DAYS = 30
    meeting_in(14)
    gate_in("Tidligt på sidste møde", 20)
    gate_in("Intet møde tager den", 45)

    warnings = warned(chief_page(client, personas)["gates-due"])

    assert "6 dage for tidligt" in warnings["Tidligt på sidste møde"]
    assert "intet planlagt møde" in warnings["Intet møde tager den"]


def test_chief_is_warned_of_every_gate_when_no_meeting_is_planned(
    client, personas, gate_in, meeting_in
):
    meeting_in(-7)  # held already
    gate_in("Kommende gate", 10)

    panel = chief_page(client, personas)["gates-due"]

    assert list(warned(panel)) == ["Kommende gate"]
    assert panel.warnings[0].url == reverse(
        "portfolio:task-detail", args=[InnovationTask.objects.get().pk]
    )


def test_only_the_chief_is_warned(client, personas, gate_in, meeting_in):
    meeting_in(14)
    gate_in("Falder før mødet", 10)

    assert front_page(client, personas[roles.INNOVATIONSENHED])["gates-due"].warnings == []


def test_another_forums_meetings_do_not_take_the_executive_boards_gates(
    client, personas, gate_in, meeting_in, committee
):
    meeting_in(14)
    meeting_in(5, forum=committee)
    gate_in("Falder før mødet", 10)

    assert "Falder før mødet" in warned(chief_page(client, personas)["gates-due"])


def test_gates_between_meetings_sorts_each_gate_by_where_it_falls(
    gate_in, meeting_in, today, settings
):
    settings.SAMSKAB_AGENDA_HORIZON_DAYS = 30
    first, last = meeting_in(14), meeting_in(42)
    for title, days in [("før", 10), ("mellem", 20), ("sidst", 42), ("efter", 50), ("uden", 80)]:
        gate_in(title, days)

    found = queries.gates_between_meetings([first, last], today=today)

    assert [(t.task.title, t.timing, t.meeting, t.days) for t in found] == [
        ("før", queries.Timing.BEFORE_NEXT, first, 4),
        ("efter", queries.Timing.AFTER_LAST, last, 8),
        ("uden", queries.Timing.UNPLANNED, last, 0),
    ]


# The forums -------------------------------------------------------------------------


def test_the_board_sees_its_next_meeting_with_the_proposed_agenda_and_pack(
    client, personas, make_proposal, gate_in, meeting_in
):
    meeting_in(-7)
    meeting = meeting_in(14)
    meeting_in(42)
    make_proposal("Nyt forslag")
    gate_in("Gate før mødet", 10)
    gate_in("Gate langt ude", 90)

    panel = front_page(client, personas[roles.DIREKTION])["next-meeting"]

    assert labels(panel) == ["Nyt forslag", "Gate før mødet"]
    assert panel.see_all == reverse("governance:meeting-detail", args=[meeting.pk])
    assert reverse("governance:meeting-pack", args=[meeting.pk]) in [a.url for a in panel.actions]
    assert panel.lead.startswith("Direktion og chefforum")


def test_a_committee_member_sees_the_committees_next_meeting(
    client, personas, meeting_in, committee
):
    meeting_in(7)
    mine = meeting_in(21, forum=committee)

    panel = front_page(client, personas[roles.OPGAVEUDVALG])["next-meeting"]

    assert panel.see_all == reverse("governance:meeting-detail", args=[mine.pk])


def test_a_council_member_is_told_when_no_meeting_is_planned(client, personas, meeting_in):
    meeting_in(7)

    panel = front_page(client, personas[roles.KOMMUNALBESTYRELSE])["next-meeting"]

    assert panel.items == ()
    assert panel.empty == "Der er ikke planlagt noget møde i dit forum."
    assert Forum.objects.filter(kind=Forum.Kind.COUNCIL).exists()


def test_the_board_sees_the_decisions_waiting(client, personas, make_proposal, gate_in, today):
    make_proposal("Forslag uden beslutning")
    gate_in("Gate overskredet", -2)
    gate_in("Gate om en måned", 30)
    gate_in("Markeret til lukning", 30, closure_flag="Ingen effekt")
    gate_in("Over sin slutdato", 30, planned_end_on=today - timedelta(days=1))

    panel = front_page(client, personas[roles.CHEFFORUM])["decisions-waiting"]

    assert labels(panel) == [
        "Forslag uden beslutning",
        "Gate overskredet",
        "Markeret til lukning",
        "Over sin slutdato",
    ]
    assert item(panel, "Markeret til lukning").detail == "Markeret til lukning"


@pytest.mark.parametrize(
    ("role", "absent"),
    [
        (
            roles.MEDARBEJDER,
            {"gates-due", "next-meeting", "decisions-waiting", "proposals-awaiting"},
        ),
        (roles.OMRAADELEDER, {"gates-due", "next-meeting", "decisions-waiting"}),
        (roles.DIREKTION, {"gates-due", "proposals-awaiting", "flagged-for-closure"}),
        (roles.OPGAVEUDVALG, {"gates-due", "decisions-waiting"}),
        (roles.INNOVATIONSENHED, {"next-meeting", "decisions-waiting"}),
    ],
)
def test_each_governance_panel_is_only_for_its_people(
    client, personas, make_proposal, meeting_in, role, absent
):
    make_proposal("Forslag")
    meeting_in(14)

    assert not absent & set(front_page(client, personas[role]))
