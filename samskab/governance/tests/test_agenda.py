"""The agenda Samskab proposes for a meeting, the meeting's pages, and the printable pack."""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from samskab.accounts import roles
from samskab.governance import briefs, queries, services
from samskab.governance.models import Decision, Meeting
from samskab.portfolio.models import InnovationTask, TaskProposal

Kind = Decision.Kind


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def in_days(days: int):
    return timezone.now() + timedelta(days=days)


def section(agenda, key: str) -> list:
    return [item.subject for item in next(s for s in agenda.sections if s.key == key).items]


# The four kinds of item ----------------------------------------------------------------------


def test_proposals_awaiting_decision_are_on_the_agenda(make_proposal, make_meeting):
    awaiting = make_proposal("Afventer")
    make_proposal("Afvist", status=TaskProposal.Status.REJECTED)
    meeting = make_meeting(starts_at=in_days(7))
    assert section(queries.agenda(meeting), "proposals") == [awaiting]


def test_a_proposal_made_after_a_meeting_was_not_on_its_agenda(make_proposal, make_meeting):
    make_proposal("Ny")
    past = make_meeting(starts_at=in_days(-10))
    assert section(queries.agenda(past), "proposals") == []


def test_gates_due_before_the_forums_following_meeting_are_on_the_agenda(
    start_task, make_meeting, committee
):
    today = timezone.localdate()
    due = start_task("Gate på dagen", next_gate_on=today + timedelta(days=7))
    overdue = start_task("Gate overskredet", next_gate_on=today - timedelta(days=3))
    before_next = start_task("Gate før næste møde", next_gate_on=today + timedelta(days=20))
    start_task("Gate på næste møde", next_gate_on=today + timedelta(days=28))
    start_task("Ingen gate")
    start_task("Pauset", next_gate_on=today, status=InnovationTask.Status.PAUSED)
    meeting = make_meeting(starts_at=in_days(7))
    make_meeting(starts_at=in_days(28))
    make_meeting(forum=committee, starts_at=in_days(10))  # another forum's meeting counts not
    agenda = queries.agenda(meeting)
    assert set(section(agenda, "gates")) == {due, overdue, before_next}
    suggested = {item.subject.pk: item.suggested_kind for s in agenda.sections for item in s.items}
    assert suggested[due.pk] == Kind.GATE_GO


def test_without_a_following_meeting_gates_within_the_horizon_are_on_the_agenda(
    start_task, make_meeting, settings
):
    """The 21.12 agenda said no gates were due while two fell on 25.12 and 31.12."""
    settings.SAMSKAB_AGENDA_HORIZON_DAYS = 30
    today = timezone.localdate()
    soon = start_task("Gate fire dage efter", next_gate_on=today + timedelta(days=11))
    later = start_task("Gate ti dage efter", next_gate_on=today + timedelta(days=17))
    start_task("Gate om to måneder", next_gate_on=today + timedelta(days=60))
    meeting = make_meeting(starts_at=in_days(7))
    assert set(section(queries.agenda(meeting), "gates")) == {soon, later}
    settings.SAMSKAB_AGENDA_HORIZON_DAYS = 5
    assert set(section(queries.agenda(meeting), "gates")) == {soon}


def test_a_task_in_its_last_phase_due_for_its_gate_is_proposed_completed(start_task, make_meeting):
    task = start_task(phase=7, next_gate_on=timezone.localdate())
    item = next(s for s in queries.agenda(make_meeting()).sections if s.key == "gates").items[0]
    assert (item.subject, item.suggested_kind) == (task, Kind.COMPLETE)


def test_tasks_flagged_for_closure_are_on_the_agenda(start_task, make_meeting):
    flagged = start_task("Flaget", closure_flag="Effekten udebliver.")
    paused = start_task(
        "Pauset og flaget", closure_flag="Ingen værdi.", status=InnovationTask.Status.PAUSED
    )
    start_task("Uden flag")
    start_task(
        "Stoppet",
        closure_flag="Gammelt flag",
        status=InnovationTask.Status.STOPPED,
        ended_on=timezone.localdate(),
    )
    agenda = queries.agenda(make_meeting())
    items = next(s for s in agenda.sections if s.key == "closure").items
    assert {item.subject for item in items} == {flagged, paused}
    assert {item.suggested_kind for item in items} == {Kind.GATE_STOP}
    assert next(i for i in items if i.subject == flagged).reason == "Effekten udebliver."


def test_tasks_over_time_are_on_the_agenda(start_task, make_meeting):
    today = timezone.localdate()
    late = start_task("Forsinket", planned_end_on=today - timedelta(days=1))
    ends_after = start_task("Slutter efter mødet", planned_end_on=today + timedelta(days=60))
    late_by_the_meeting = start_task("Slutter før mødet", planned_end_on=today + timedelta(days=3))
    meeting = make_meeting(starts_at=in_days(7))
    overdue = section(queries.agenda(meeting), "overdue")
    assert set(overdue) == {late, late_by_the_meeting}
    assert ends_after not in overdue


def test_the_committees_agenda_proposes_recommendations(
    make_proposal, start_task, make_meeting, committee
):
    make_proposal()
    start_task(closure_flag="Lav værdi")
    agenda = queries.agenda(make_meeting(forum=committee))
    kinds = {item.suggested_kind for s in agenda.sections for item in s.items}
    assert kinds == {Kind.RECOMMENDATION}


def test_a_task_on_the_agenda_twice_has_one_brief(start_task, make_meeting):
    task = start_task(closure_flag="Lav værdi", next_gate_on=timezone.localdate())
    agenda = queries.agenda(make_meeting())
    assert agenda.subjects == [task]
    assert [item.number for item in agenda.items_of(task)] == [1, 1]


def test_what_was_decided_at_the_meeting_stays_on_its_agenda(
    start_task, make_proposal, make_meeting, executive, director
):
    meeting = make_meeting()
    task = start_task("Gate i dag", next_gate_on=timezone.localdate())
    proposal = make_proposal("Startes på mødet")
    elsewhere = start_task("Ikke på dagsordenen")
    gate = services.decision_record(
        kind=Kind.GATE_GO,
        forum=executive,
        meeting=meeting,
        task=task,
        despite_keys=["exit-checklist"],
        despite="Godt nok.",
        rationale="Videre.",
        next_gate_on=timezone.localdate() + timedelta(days=90),
        by=director,
    )
    start = services.decision_record(
        kind=Kind.START,
        forum=executive,
        meeting=meeting,
        proposal=proposal,
        political_reference="KB",
        rationale="Start.",
        by=director,
    )
    pause = services.decision_record(
        kind=Kind.PAUSE,
        forum=executive,
        meeting=meeting,
        task=elsewhere,
        rationale="Pause.",
        by=director,
    )
    agenda = queries.agenda(meeting)
    # The agenda is the one the meeting began with; each item carries what was decided.
    assert section(agenda, "gates") == [task]
    assert section(agenda, "proposals") == [proposal]
    assert agenda.items_of(task)[0].decisions == [gate]
    assert agenda.items_of(proposal)[0].decisions == [start]
    # The proposal and the task it became are one item.
    assert start.task not in agenda.subjects
    assert section(agenda, "decided") == [elsewhere]
    assert agenda.items_of(elsewhere)[0].decisions == [pause]
    assert len(agenda.decisions) == 3


# The meeting's pages ------------------------------------------------------------------------------


def test_the_meeting_page_links_each_item_to_recording_its_decision(
    client, make_proposal, start_task, make_meeting, director
):
    proposal = make_proposal("Forslaget")
    task = start_task("Opgaven", next_gate_on=timezone.localdate())
    meeting = make_meeting()
    client.force_login(director)
    body = client.get(url("governance:meeting-detail", meeting.pk)).content.decode()
    create = url("governance:decision-create")
    assert f"{create}?moede={meeting.pk}&amp;forslag={proposal.pk}&amp;art=start" in body
    assert f"{create}?moede={meeting.pk}&amp;opgave={task.pk}&amp;art=gate_go" in body
    assert url("portfolio:task-detail", task.pk) in body
    assert url("portfolio:proposal-detail", proposal.pk) in body
    assert url("governance:meeting-pack", meeting.pk) in body


def test_who_may_not_record_for_the_forum_sees_the_agenda_without_links_to_record(
    client, make_proposal, make_meeting, personas
):
    make_proposal()
    meeting = make_meeting()
    client.force_login(personas[roles.INNOVATIONSENHED])
    body = client.get(url("governance:meeting-detail", meeting.pk)).content.decode()
    assert "Task proposals awaiting decision" in body
    assert url("governance:decision-create") not in body


def test_the_unit_creates_and_edits_a_meeting(client, personas, executive, committee):
    client.force_login(personas[roles.INNOVATIONSENHED])
    response = client.post(
        url("governance:meeting-create"),
        {
            "forum": executive.pk,
            "starts_at": "2027-03-04T10:00",
            "title": "",
            "location": "Rådhuset, mødelokale 2",
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == url("governance:meeting-detail", meeting.pk)
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2027-03-04 10:00"
    with translation.override("da"):
        assert str(meeting) == "Direktionen og chefforum · 04.03.2027 10:00"
    with translation.override("en"):  # day before month in English too
        assert str(meeting) == "Direktionen og chefforum · 04/03/2027 10:00"
    client.post(
        url("governance:meeting-edit", meeting.pk),
        {"forum": committee.pk, "starts_at": "2027-03-05T09:00", "notes": "Husk kaffe"},
    )
    meeting.refresh_from_db()
    assert (meeting.forum, meeting.notes) == (committee, "Husk kaffe")


def test_a_meeting_with_decisions_keeps_its_forum(
    client, make_meeting, make_proposal, executive, committee, director, personas
):
    meeting = make_meeting()
    services.decision_record(
        kind=Kind.REJECT,
        forum=executive,
        meeting=meeting,
        proposal=make_proposal(),
        rationale="Nej.",
        by=director,
    )
    client.force_login(personas[roles.INNOVATIONSENHED])
    client.post(
        url("governance:meeting-edit", meeting.pk),
        {"forum": committee.pk, "starts_at": "2027-03-05T09:00"},
    )
    meeting.refresh_from_db()
    assert meeting.forum == executive


def test_the_meeting_form_keeps_what_was_typed_when_the_date_is_missing(client, personas):
    client.force_login(personas[roles.DIREKTION])
    response = client.post(
        url("governance:meeting-create"), {"forum": "", "location": "Biblioteket"}
    )
    assert response.status_code == 200
    assert 'value="Biblioteket"' in response.content.decode()
    assert not Meeting.objects.exists()


# The pack ----------------------------------------------------------------------------------------------


def test_the_pack_has_the_agenda_and_a_brief_per_item(
    client, make_proposal, make_idea, start_task, make_meeting, director
):
    idea = make_idea("Besøgsvenner i skolen")
    make_proposal("Forslaget", ideas=[idea], problem="Et problem\nmed to linjer")
    task = start_task("Opgaven", closure_flag="Lav værdi", next_gate_on=timezone.localdate())
    meeting = make_meeting(notes="Dagsorden følger.")
    client.force_login(director)
    response = client.get(url("governance:meeting-pack", meeting.pk))
    body = response.content.decode()
    assert body.count('<article class="brief"') == 2
    assert 'id="brief-1"' in body and 'id="brief-2"' in body
    assert "Et problem<br>med to linjer" in body
    assert f"#{idea.pk} Besøgsvenner i skolen" in body
    for heading in ("Problem", "Ambition", "Owner", "Phase", "Origin ideas", "Decisions so far"):
        assert f"<dt>{heading}</dt>" in body
    for heading in ("Evidence so far", "Benefits so far", "Team", "Money"):
        assert f"<dt>{heading}</dt>" in body
    # Team, evidence, benefits and money are the apps' sections now.
    assert body.count("Not recorded yet") == 0
    assert "Prioritise and start" in body  # the task's start, under decisions so far
    assert "Tasks flagged for closure" in body
    assert response.context["briefs"][1][0].subject == task


def test_the_pack_names_only_published_origin_ideas(
    client, make_proposal, make_idea, make_meeting, director
):
    """A pending idea's title reached readers who get 404 on the idea."""
    published = make_idea("Besøgsvenner i skolen")
    pending = make_idea("Endnu ikke godkendt idé")
    pending.moderation = pending.Moderation.PENDING
    pending.save()
    make_proposal("Forslaget", ideas=[published, pending])
    meeting = make_meeting()
    client.force_login(director)
    body = client.get(url("governance:meeting-pack", meeting.pk)).content.decode()
    assert f"#{published.pk} Besøgsvenner i skolen" in body
    assert "Endnu ikke godkendt" not in body
    assert "and 1 idea that is not published" in body


def test_the_print_stylesheet_prints_a4_with_a_page_per_brief():
    css = (Path(settings.BASE_DIR) / "samskab" / "static" / "css" / "samskab.css").read_text()
    assert "size: A4" in css
    print_block = css[css.index("@media print") :]
    assert ".brief" in print_block
    assert "break-before: page" in print_block
    for hidden in (".header", "footer", ".navigation-menu"):
        assert hidden in print_block


def test_an_app_registers_a_brief_section_in_place_of_the_placeholder(
    client, start_task, make_meeting, director
):
    task = start_task(closure_flag="Lav værdi")
    seen = []
    placeholder = next(s for s in briefs.sections() if s.key == "evidence")
    try:
        briefs.register(
            briefs.Section(
                "evidence",
                placeholder.label,
                placeholder.position,
                render=lambda subject: f"To prøvehandlinger for {subject.title}",
                prefetch=lambda tasks, proposals: seen.append((list(tasks), list(proposals))),
            )
        )
        client.force_login(director)
        body = client.get(url("governance:meeting-pack", make_meeting().pk)).content.decode()
    finally:
        briefs.register(placeholder)
    assert f"To prøvehandlinger for {task.title}" in body
    assert body.count("Not recorded yet") == 0
    assert seen == [([task], [])]


def test_a_long_problem_is_cut_to_fit_one_page(start_task):
    task = start_task(closure_flag="x", problem="ord " * 500)
    (brief,) = briefs.briefs_for([task])
    problem = next(part for part in brief.parts if part.key == "problem")
    assert len(problem.text.split()) <= briefs.TEXT_WORDS + 1
    assert problem.text.endswith("…")


def test_what_users_type_is_escaped_in_the_pack(client, make_proposal, make_meeting, director):
    make_proposal("<script>alert(1)</script>", problem="<img src=x onerror=alert(1)>")
    client.force_login(director)
    body = client.get(url("governance:meeting-pack", make_meeting().pk)).content.decode()
    assert "<script>alert(1)" not in body
    assert "<img src=x" not in body
