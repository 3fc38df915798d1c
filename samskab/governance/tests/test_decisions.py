"""Recording decisions, through the service and through the form, for every kind."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from samskab.accounts import roles
from samskab.governance import services
from samskab.governance.models import Decision, Forum
from samskab.ideas.models import Idea
from samskab.organisation.models import OrgUnit, Person
from samskab.portfolio.models import (
    Assessment,
    ExitCheck,
    ExitCriterion,
    InnovationTask,
    TaskProposal,
)

Kind = Decision.Kind


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


CREATE = "governance:decision-create"


def form_data(forum, kind, **fields) -> dict:
    data = {
        "forum": forum.pk,
        "kind": kind,
        "decided_on": timezone.localdate().isoformat(),
        "rationale": "Direktionen besluttede det på mødet.",
    }
    data.update({key: value.pk if hasattr(value, "pk") else value for key, value in fields.items()})
    return data


def record(kind, *, forum, by, **fields) -> Decision:
    return services.decision_record(
        kind=kind, forum=forum, by=by, rationale=fields.pop("rationale", "Fordi."), **fields
    )


def tick_exit_checklist(task: InnovationTask) -> None:
    for criterion in ExitCriterion.objects.filter(phase=task.phase, active=True):
        ExitCheck.objects.get_or_create(task=task, criterion=criterion)


def snapshot(task: InnovationTask) -> dict:
    task.refresh_from_db()
    return {
        name: getattr(task, name)
        for name in (
            "status",
            "phase",
            "ambition",
            "next_gate_on",
            "planned_end_on",
            "ended_on",
            "learned_worked",
            "learned_not_worked",
            "updated_at",
        )
    }


# Start and reject ----------------------------------------------------------------------


def test_start_makes_a_task_of_the_proposal_and_tells_the_origin_ideas(
    make_proposal, make_idea, executive, director
):
    idea = make_idea()
    proposal = make_proposal(ideas=[idea])
    decision = record(
        Kind.START, forum=executive, by=director, proposal=proposal, political_reference="KB 4/2026"
    )
    task = decision.task
    assert task.proposal == proposal
    assert (task.status, task.phase, task.political_reference) == ("active", 1, "KB 4/2026")
    assert list(task.ideas.all()) == [idea]
    assert decision.to_phase == 1
    proposal.refresh_from_db()
    assert proposal.status == TaskProposal.Status.STARTED
    idea.refresh_from_db()
    assert (idea.status, idea.answer) == (Idea.Status.ANSWERED, Idea.Answer.PART_OF_TASK)
    assert task.title in idea.status_changes.get(answer=Idea.Answer.PART_OF_TASK).text


def test_start_through_the_form(client, make_proposal, make_idea, executive, director):
    idea = make_idea()
    proposal = make_proposal(ideas=[idea])
    client.force_login(director)
    response = client.post(
        url(CREATE),
        form_data(executive, Kind.START, proposal=proposal, political_reference="KB 4/2026"),
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(url("governance:decision-detail", decision.pk))
    assert decision.recorded_by == director
    assert InnovationTask.objects.get().proposal == proposal
    idea.refresh_from_db()
    assert idea.answer == Idea.Answer.PART_OF_TASK


def test_start_needs_the_political_prioritisation(client, make_proposal, executive, director):
    proposal = make_proposal()
    client.force_login(director)
    response = client.post(url(CREATE), form_data(executive, Kind.START, proposal=proposal))
    assert response.status_code == 200
    assert response.context["form"].errors["political_reference"]
    assert not InnovationTask.objects.exists()


def test_a_full_portfolio_refuses_a_start_with_the_services_message_and_keeps_the_input(
    client, settings, start_task, make_proposal, executive, director
):
    start_task("Første")
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 1
    proposal = make_proposal("Anden")
    client.force_login(director)
    data = form_data(
        executive,
        Kind.START,
        proposal=proposal,
        political_reference="KB 9/2026",
        rationale="En helt særlig begrundelse",
    )
    response = client.post(url(CREATE), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "The portfolio is full" in body
    assert "Stop, complete or pause a task first, or record a decision to exceed the limit" in body
    assert "En helt særlig begrundelse" in body
    assert 'value="KB 9/2026"' in body
    assert Decision.objects.count() == 1  # only the first start
    proposal.refresh_from_db()
    assert proposal.status == TaskProposal.Status.AWAITING


def test_a_decision_to_exceed_the_limit_lets_the_next_start_through(
    settings, start_task, make_proposal, executive, director
):
    start_task("Første")
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 1
    proposal = make_proposal("Anden")
    record(Kind.WIP_OVERRIDE, forum=executive, by=director, proposal=proposal)
    decision = record(
        Kind.START, forum=executive, by=director, proposal=proposal, political_reference="KB"
    )
    assert decision.task.status == InnovationTask.Status.ACTIVE


def test_reject_through_the_form_answers_the_ideas(
    client, make_proposal, make_idea, executive, director
):
    idea = make_idea()
    proposal = make_proposal(ideas=[idea])
    client.force_login(director)
    response = client.post(
        url(CREATE),
        form_data(
            executive, Kind.REJECT, proposal=proposal, rationale="Ikke nu; vi har for travlt."
        ),
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == TaskProposal.Status.REJECTED
    assert not InnovationTask.objects.exists()
    idea.refresh_from_db()
    assert idea.answer == Idea.Answer.PARKED
    assert idea.status_changes.last().message == "Ikke nu; vi har for travlt."


def test_a_task_starts_and_ends_on_the_days_the_forum_decided(make_proposal, executive, director):
    """A decision recorded after the meeting dates the task by the meeting, not the typing."""
    met = timezone.localdate() - timedelta(days=300)
    start = record(
        Kind.START,
        forum=executive,
        by=director,
        proposal=make_proposal(),
        political_reference="KB 3/2025",
        decided_on=met,
    )
    task = start.task
    assert task.started_on == met
    record(
        Kind.GATE_STOP,
        forum=executive,
        by=director,
        task=task,
        not_worked="For dyrt.",
        decided_on=met + timedelta(days=100),
    )
    task.refresh_from_db()
    assert task.ended_on == met + timedelta(days=100)


def test_reject_through_the_service(make_proposal, executive, director):
    proposal = make_proposal()
    decision = record(Kind.REJECT, forum=executive, by=director, proposal=proposal)
    assert decision.proposal == proposal
    proposal.refresh_from_db()
    assert proposal.status == TaskProposal.Status.REJECTED


def test_the_decision_records_the_assessments_and_evidence_it_rested_on(
    client, make_proposal, make_idea, executive, director
):
    idea = make_idea()
    triage = Assessment.objects.create(
        title="Vurdering af ensomhed", status="closed", outcome="proposal"
    )
    triage.ideas.set([idea])
    Assessment.objects.create(title="Uvedkommende vurdering")
    proposal = make_proposal(ideas=[idea])
    client.force_login(director)
    form = client.get(url(CREATE) + f"?forslag={proposal.pk}&art=start").context["form"]
    assert list(form.fields["assessments"].queryset) == [triage]
    client.post(
        url(CREATE),
        form_data(
            executive,
            Kind.START,
            proposal=proposal,
            political_reference="KB",
            assessments=triage.pk,
            evidence="Prøvehandling i Hellerup: https://example.dk/rapport",
        ),
    )
    decision = Decision.objects.get()
    assert list(decision.assessments.all()) == [triage]
    page = client.get(url("governance:decision-detail", decision.pk)).content.decode()
    assert "Vurdering af ensomhed" in page
    assert '<a href="https://example.dk/rapport" rel="nofollow">' in page


# The committee advises ----------------------------------------------------------------


def test_the_committee_cannot_record_a_start(make_proposal, committee, personas):
    proposal = make_proposal()
    with pytest.raises(ValidationError, match="rådgiver"):
        record(
            Kind.START,
            forum=committee,
            by=personas[roles.OPGAVEUDVALG],
            proposal=proposal,
            political_reference="KB",
        )
    assert not Decision.objects.exists()
    assert not InnovationTask.objects.exists()


def test_the_committees_form_offers_only_its_forum_and_recommendations(
    client, make_proposal, committee, executive, personas
):
    proposal = make_proposal()
    client.force_login(personas[roles.OPGAVEUDVALG])
    form = client.get(url(CREATE) + f"?forslag={proposal.pk}").context["form"]
    assert list(form.fields["forum"].queryset) == [committee]
    assert [value for value, _ in form.fields["kind"].choices if value] == [
        Kind.RECOMMENDATION,
        Kind.CORRECTION,
    ]

    as_start = client.post(
        url(CREATE),
        form_data(committee, Kind.START, proposal=proposal, political_reference="KB"),
    )
    assert "kind" in as_start.context["form"].errors
    for_the_board = client.post(
        url(CREATE),
        form_data(executive, Kind.START, proposal=proposal, political_reference="KB"),
    )
    assert "forum" in for_the_board.context["form"].errors
    assert not Decision.objects.exists()
    assert not InnovationTask.objects.exists()


def test_a_recommendation_by_the_committee_never_changes_the_task(
    client, start_task, committee, personas
):
    task = start_task(next_gate_on=timezone.localdate(), closure_flag="Lav værdi")
    before = snapshot(task)
    client.force_login(personas[roles.OPGAVEUDVALG])
    response = client.post(
        url(CREATE),
        form_data(
            committee,
            Kind.RECOMMENDATION,
            task=task,
            rationale="Udvalget anbefaler at stoppe opgaven.",
        ),
    )
    assert response.status_code == 302
    decision = Decision.objects.get(kind=Kind.RECOMMENDATION)
    assert (decision.forum, decision.task) == (committee, task)
    assert (decision.from_phase, decision.to_phase) == (None, None)
    assert snapshot(task) == before


@pytest.mark.parametrize(
    ("persona", "forums"),
    [
        (roles.DIREKTION, {"executive"}),
        (roles.CHEFFORUM, {"executive"}),
        (roles.OPGAVEUDVALG, {"committee"}),
        (roles.KOMMUNALBESTYRELSE, {"council"}),
        (roles.INNOVATIONSCHEF, {"chief"}),
        (roles.ADMINISTRATOR, {"executive", "committee", "council", "chief"}),
    ],
)
def test_the_form_offers_the_forums_the_user_may_record_for(client, personas, persona, forums):
    client.force_login(personas[persona])
    form = client.get(url(CREATE)).context["form"]
    assert {forum.kind for forum in form.fields["forum"].queryset} == forums


def test_the_kinds_offered_are_those_of_the_chosen_forum(client, personas, executive, committee):
    client.force_login(personas[roles.ADMINISTRATOR])
    board = client.get(url(CREATE), {"moede": ""}).context["form"]
    assert board.chosen_forum is None
    response = client.post(url(CREATE), {"forum": executive.pk, "_refresh": "1"})
    kinds = {value for value, _ in response.context["form"].fields["kind"].choices if value}
    assert kinds == set(Kind.values) - {Kind.RECOMMENDATION}
    response = client.post(url(CREATE), {"forum": committee.pk, "_refresh": "1"})
    kinds = {value for value, _ in response.context["form"].fields["kind"].choices if value}
    assert kinds == {Kind.RECOMMENDATION, Kind.CORRECTION}


# Gates -------------------------------------------------------------------------------


def test_gate_go_moves_the_phase_when_every_requirement_is_met(start_task, executive, director):
    task = start_task()
    tick_exit_checklist(task)
    decision = record(Kind.GATE_GO, forum=executive, by=director, task=task)
    task.refresh_from_db()
    assert task.phase == 2
    assert (decision.from_phase, decision.to_phase) == (1, 2)


def test_gate_go_is_refused_while_an_overridable_requirement_is_unmet(
    start_task, executive, director
):
    task = start_task()
    with pytest.raises(ValidationError, match="tjekliste"):
        record(Kind.GATE_GO, forum=executive, by=director, task=task)
    with pytest.raises(ValidationError) as refused:
        record(
            Kind.GATE_GO, forum=executive, by=director, task=task, despite_keys=["exit-checklist"]
        )
    assert "despite" in refused.value.message_dict
    task.refresh_from_db()
    assert task.phase == 1
    assert not Decision.objects.filter(kind=Kind.GATE_GO).exists()


def test_gate_go_despite_an_overridable_requirement_with_a_reason(start_task, executive, director):
    task = start_task()
    decision = record(
        Kind.GATE_GO,
        forum=executive,
        by=director,
        task=task,
        despite_keys=["exit-checklist"],
        despite="Tjeklisten følger; teamet er klar.",
    )
    task.refresh_from_db()
    assert task.phase == 2
    assert decision.despite == "Tjeklisten følger; teamet er klar."


def owner_outside_the_area(task: InnovationTask) -> None:
    other_area = OrgUnit.objects.create(
        name="Social og Sundhed", kind=OrgUnit.Kind.AREA, parent=task.owning_area.parent
    )
    outsider = Person.objects.create(name="Anden Chef", org_unit=other_area)
    InnovationTask.objects.filter(pk=task.pk).update(owner=outsider)


def test_a_requirement_that_cannot_be_overridden_blocks_the_gate(start_task, executive, director):
    task = start_task()
    tick_exit_checklist(task)
    owner_outside_the_area(task)
    with pytest.raises(ValidationError, match=r"(?i)ejer"):
        record(
            Kind.GATE_GO,
            forum=executive,
            by=director,
            task=task,
            despite_keys=["ownership", "exit-checklist"],
            despite="Vi går alligevel.",
        )
    task.refresh_from_db()
    assert task.phase == 1


def test_the_gate_form_lists_the_unmet_requirements_and_offers_only_the_overridable(
    client, start_task, director
):
    task = start_task()
    owner_outside_the_area(task)
    client.force_login(director)
    response = client.get(url(CREATE) + f"?opgave={task.pk}&art=gate_go")
    form = response.context["form"]
    body = response.content.decode()
    assert {item.requirement.key for item in form.unmet} == {"ownership", "exit-checklist"}
    assert [key for key, _ in form.fields["despite_keys"].choices] == ["exit-checklist"]
    assert "The task has an owner from the owning area" in body
    assert 'value="ownership"' not in body
    assert 'value="exit-checklist"' in body


def test_gate_go_through_the_form(client, start_task, executive, director):
    task = start_task()
    client.force_login(director)
    refused = client.post(url(CREATE), form_data(executive, Kind.GATE_GO, task=task))
    assert refused.status_code == 200
    assert "exit checklist" in refused.content.decode()
    next_gate = (timezone.localdate() + timedelta(days=60)).isoformat()
    no_date = client.post(
        url(CREATE),
        form_data(
            executive, Kind.GATE_GO, task=task, despite_keys="exit-checklist", despite="Følger."
        ),
    )
    assert no_date.context["form"].errors["next_gate_on"]
    no_reason = client.post(
        url(CREATE),
        form_data(
            executive,
            Kind.GATE_GO,
            task=task,
            despite_keys="exit-checklist",
            next_gate_on=next_gate,
        ),
    )
    assert no_reason.context["form"].errors["despite"]
    assert 'value="exit-checklist" id="id_despite_keys_0" class="form-checkbox" checked' in (
        no_reason.content.decode()
    )
    task.refresh_from_db()
    assert task.phase == 1

    response = client.post(
        url(CREATE),
        form_data(
            executive,
            Kind.GATE_GO,
            task=task,
            despite_keys="exit-checklist",
            despite="Tjeklisten følger.",
            next_gate_on=next_gate,
        ),
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.phase == 2
    assert task.next_gate_on.isoformat() == next_gate
    decision = Decision.objects.get(kind=Kind.GATE_GO)
    assert (decision.from_phase, decision.to_phase, decision.despite) == (
        1,
        2,
        "Tjeklisten følger.",
    )
    assert decision.despite_keys == ["exit-checklist"]
    assert decision.next_gate_on.isoformat() == next_gate


def test_a_forged_override_of_a_firm_requirement_is_not_a_valid_choice(
    client, start_task, executive, director
):
    task = start_task()
    tick_exit_checklist(task)
    owner_outside_the_area(task)
    client.force_login(director)
    response = client.post(
        url(CREATE),
        form_data(
            executive, Kind.GATE_GO, task=task, despite_keys="ownership", despite="Alligevel"
        ),
    )
    assert response.status_code == 200
    assert not Decision.objects.filter(kind=Kind.GATE_GO).exists()


# Stop and complete need learnings ---------------------------------------------------------


def test_stop_needs_learnings(start_task, executive, director):
    task = start_task()
    with pytest.raises(ValidationError, match="lært"):
        record(Kind.GATE_STOP, forum=executive, by=director, task=task)
    decision = record(
        Kind.GATE_STOP, forum=executive, by=director, task=task, worked="Samarbejdet med skolen."
    )
    task.refresh_from_db()
    assert task.status == InnovationTask.Status.STOPPED
    assert task.learned_worked == "Samarbejdet med skolen."
    assert task.ended_on == timezone.localdate()
    assert decision.from_phase == 1


def test_stop_through_the_form_keeps_the_learnings_readable_inside(
    client, start_task, executive, director, personas
):
    task = start_task()
    client.force_login(director)
    refused = client.post(url(CREATE), form_data(executive, Kind.GATE_STOP, task=task))
    assert refused.status_code == 200
    assert "Write down what was learned" in refused.content.decode()
    task.refresh_from_db()
    assert task.status == InnovationTask.Status.ACTIVE

    client.post(
        url(CREATE),
        form_data(
            executive,
            Kind.GATE_STOP,
            task=task,
            worked="Borgerne tog godt imod det.",
            not_worked="Det var for dyrt.",
        ),
    )
    task.refresh_from_db()
    assert task.status == InnovationTask.Status.STOPPED
    client.force_login(personas[roles.MEDARBEJDER])
    page = client.get(url("portfolio:task-detail", task.pk)).content.decode()
    assert "Borgerne tog godt imod det." in page
    assert "Det var for dyrt." in page


def test_complete_needs_the_last_phase_and_learnings(client, start_task, executive, director):
    early = start_task("Tidlig")
    with pytest.raises(ValidationError, match="sidste fase"):
        record(Kind.COMPLETE, forum=executive, by=director, task=early, worked="Meget")
    task = start_task("Sidste fase", phase=7)
    with pytest.raises(ValidationError, match="lært"):
        record(Kind.COMPLETE, forum=executive, by=director, task=task)
    client.force_login(director)
    response = client.post(
        url(CREATE), form_data(executive, Kind.COMPLETE, task=task, worked="Udbredt til alle.")
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == InnovationTask.Status.COMPLETED
    assert task.learned_worked == "Udbredt til alle."


# Pause, resume, recalibrate ------------------------------------------------------------------


def test_pause_and_resume_through_the_service(start_task, executive, director):
    task = start_task()
    record(Kind.PAUSE, forum=executive, by=director, task=task)
    task.refresh_from_db()
    assert task.status == InnovationTask.Status.PAUSED
    record(Kind.RESUME, forum=executive, by=director, task=task)
    task.refresh_from_db()
    assert task.status == InnovationTask.Status.ACTIVE


def test_pause_and_resume_through_the_form(client, start_task, executive, director):
    task = start_task()
    client.force_login(director)
    client.post(url(CREATE), form_data(executive, Kind.PAUSE, task=task))
    task.refresh_from_db()
    assert task.status == InnovationTask.Status.PAUSED
    client.post(url(CREATE), form_data(executive, Kind.RESUME, task=task))
    task.refresh_from_db()
    assert task.status == InnovationTask.Status.ACTIVE
    assert [d.kind for d in Decision.objects.order_by("pk")] == [
        Kind.START,
        Kind.PAUSE,
        Kind.RESUME,
    ]


def test_resume_beyond_the_limit_needs_a_decision_to_exceed_it(
    client, settings, start_task, executive, director
):
    paused = start_task("Pauset")
    record(Kind.PAUSE, forum=executive, by=director, task=paused)
    start_task("Aktiv")
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 1
    client.force_login(director)
    refused = client.post(url(CREATE), form_data(executive, Kind.RESUME, task=paused))
    assert "The portfolio is full" in refused.content.decode()
    client.post(url(CREATE), form_data(executive, Kind.WIP_OVERRIDE, task=paused))
    client.post(url(CREATE), form_data(executive, Kind.RESUME, task=paused))
    paused.refresh_from_db()
    assert paused.status == InnovationTask.Status.ACTIVE


def test_recalibrate_changes_ambition_and_dates(client, start_task, executive, director):
    task = start_task()
    gate, end = (
        timezone.localdate() + timezone.timedelta(days=30),
        timezone.localdate().replace(year=timezone.localdate().year + 1),
    )
    client.force_login(director)
    form = client.get(url(CREATE) + f"?opgave={task.pk}&art=recalibrate").context["form"]
    assert form.initial["ambition"] == task.ambition
    response = client.post(
        url(CREATE),
        form_data(
            executive,
            Kind.RECALIBRATE,
            task=task,
            ambition="En tredjedel færre ensomme ældre.",
            next_gate_on=gate.isoformat(),
            planned_end_on=end.isoformat(),
        ),
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.ambition, task.next_gate_on, task.planned_end_on) == (
        "En tredjedel færre ensomme ældre.",
        gate,
        end,
    )
    assert task.phase == 1


def test_recalibrate_through_the_service(start_task, executive, director):
    task = start_task()
    gate = timezone.localdate() + timezone.timedelta(days=14)
    record(Kind.RECALIBRATE, forum=executive, by=director, task=task, next_gate_on=gate)
    task.refresh_from_db()
    assert task.next_gate_on == gate


# The form without and with JavaScript -------------------------------------------------------


def test_without_javascript_the_form_shows_the_kinds_fields_and_keeps_what_was_typed(
    client, start_task, executive, director
):
    task = start_task()
    client.force_login(director)
    response = client.post(
        url(CREATE),
        {
            "forum": executive.pk,
            "kind": Kind.GATE_STOP,
            "task": task.pk,
            "rationale": "Halvt skrevet begrundelse",
            "_refresh": "1",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="worked"' in body
    assert 'name="not_worked"' in body
    assert "Halvt skrevet begrundelse" in body
    assert "alert-error" not in body
    assert Decision.objects.count() == 1  # the start only
    assert "<noscript>" in body


def test_with_htmx_a_change_of_kind_returns_only_the_fields(
    client, start_task, executive, director
):
    task = start_task()
    client.force_login(director)
    response = client.post(
        url(CREATE),
        {"forum": executive.pk, "kind": Kind.RECALIBRATE, "task": task.pk, "_refresh": "1"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="decision-fields">')
    assert 'name="planned_end_on"' in body
    assert 'name="worked"' not in body
    assert "<html" not in body


def test_a_link_from_a_meeting_prefills_forum_meeting_and_date(
    client, make_meeting, make_proposal, director, executive
):
    meeting = make_meeting(starts_at=timezone.now() - timezone.timedelta(days=3))
    proposal = make_proposal()
    client.force_login(director)
    response = client.get(url(CREATE) + f"?moede={meeting.pk}&forslag={proposal.pk}&art=start")
    form = response.context["form"]
    assert form.chosen_forum == executive
    assert form.chosen_kind == Kind.START
    assert form.chosen_proposal == proposal
    assert str(form["meeting"].value()) == str(meeting.pk)
    assert form["decided_on"].value() == timezone.localtime(meeting.starts_at).date()
    assert "political_reference" in form.fields


def test_a_decision_is_not_dated_in_the_future(
    client, make_meeting, make_proposal, director, executive
):
    tomorrow = make_meeting(starts_at=timezone.now() + timezone.timedelta(days=1))
    proposal = make_proposal()
    client.force_login(director)
    form = client.get(url(CREATE) + f"?moede={tomorrow.pk}").context["form"]
    assert form["decided_on"].value() == timezone.localdate()
    data = form_data(executive, Kind.REJECT, proposal=proposal)
    data["decided_on"] = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    response = client.post(url(CREATE), data)
    assert response.context["form"].errors["decided_on"]
    assert not Decision.objects.exists()


def test_a_meeting_of_another_forum_is_refused(
    client, make_meeting, make_proposal, director, executive, committee
):
    meeting = make_meeting(forum=committee)
    proposal = make_proposal()
    client.force_login(director)
    response = client.post(
        url(CREATE),
        form_data(
            executive, Kind.START, proposal=proposal, political_reference="KB", meeting=meeting
        ),
    )
    assert response.context["form"].errors["meeting"]
    assert not Decision.objects.exists()


# Append-only, and corrections ----------------------------------------------------------------


def test_a_decision_is_never_changed_or_deleted(start_task):
    decision = Decision.objects.get(task=start_task())
    decision.rationale = "Omskrevet"
    with pytest.raises(ValueError, match="never changed"):
        decision.save()
    with pytest.raises(ValueError, match="never deleted"):
        decision.delete()
    decision.refresh_from_db()
    assert decision.rationale == "Prioriteret i budgetaftalen."


def test_the_admin_shows_decisions_but_offers_no_add_change_or_delete(client, start_task, personas):
    decision = Decision.objects.get(task=start_task())
    client.force_login(personas[roles.ADMINISTRATOR])
    changelist = client.get(reverse("admin:governance_decision_changelist"))
    assert changelist.status_code == 200
    assert b"delete_selected" not in changelist.content
    assert client.get(reverse("admin:governance_decision_add")).status_code == 403
    change_url = reverse("admin:governance_decision_change", args=[decision.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(change_url, {"rationale": "Omskrevet"}).status_code == 403
    delete_url = reverse("admin:governance_decision_delete", args=[decision.pk])
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    decision.refresh_from_db()
    assert decision.rationale == "Prioriteret i budgetaftalen."


def test_a_correction_is_a_new_decision_linked_both_ways(client, start_task, executive, director):
    task = start_task()
    wrong = record(
        Kind.RECALIBRATE,
        forum=executive,
        by=director,
        task=task,
        next_gate_on=timezone.localdate().replace(year=2030),
        rationale="Næste gate i 2030.",
    )
    client.force_login(director)
    page = client.get(url(CREATE) + f"?retter={wrong.pk}")
    form = page.context["form"]
    assert form.corrected == wrong
    assert form.chosen_forum == executive
    assert form.chosen_task == task
    assert f'href="{url("governance:decision-detail", wrong.pk)}"' in page.content.decode()

    response = client.post(
        url(CREATE),
        form_data(
            executive,
            Kind.RECALIBRATE,
            task=task,
            corrects=wrong,
            next_gate_on=timezone.localdate().replace(year=2027).isoformat(),
            rationale="Rettelse: næste gate er i 2027, ikke 2030.",
        ),
    )
    correction = Decision.objects.get(corrects=wrong)
    assert response["Location"].endswith(url("governance:decision-detail", correction.pk))
    assert list(wrong.corrections.all()) == [correction]
    wrong.refresh_from_db()
    assert wrong.rationale == "Næste gate i 2030."  # still there, unchanged

    wrong_page = client.get(url("governance:decision-detail", wrong.pk)).content.decode()
    assert "Corrected by" in wrong_page
    assert url("governance:decision-detail", correction.pk) in wrong_page
    correction_page = client.get(url("governance:decision-detail", correction.pk)).content.decode()
    assert "Corrects" in correction_page
    assert url("governance:decision-detail", wrong.pk) in correction_page

    log = client.get(url("governance:decision-list")).content.decode()
    assert f'Corrected by <a href="{url("governance:decision-detail", correction.pk)}">' in log
    assert f'Corrects <a href="{url("governance:decision-detail", wrong.pk)}">' in log


def test_a_forum_that_may_not_record_gets_no_button_to_correct(client, start_task, personas):
    decision = Decision.objects.get(task=start_task())
    client.force_login(personas[roles.OPGAVEUDVALG])
    page = client.get(url("governance:decision-detail", decision.pk)).content.decode()
    assert "?retter=" not in page
    client.force_login(personas[roles.CHEFFORUM])
    page = client.get(url("governance:decision-detail", decision.pk)).content.decode()
    assert f"?retter={decision.pk}" in page


def test_forum_kinds_are_as_the_design_says():
    assert services.FORUM_KINDS[Forum.Kind.COMMITTEE] == {Kind.RECOMMENDATION, Kind.CORRECTION}
    assert Kind.START in services.FORUM_KINDS[Forum.Kind.EXECUTIVE]
    assert Kind.RECOMMENDATION not in services.FORUM_KINDS[Forum.Kind.EXECUTIVE]


def test_a_correction_records_text_only_and_points_to_what_it_corrects(personas):
    committee = Forum.objects.get(kind=Forum.Kind.COMMITTEE)
    wrong = services.decision_record(
        kind=Kind.RECOMMENDATION,
        forum=committee,
        rationale="Anbefaler 2025",
        by=personas["opgaveudvalg"],
    )
    with pytest.raises(ValidationError):
        services.decision_record(
            kind=Kind.CORRECTION,
            forum=committee,
            rationale="Årstallet var forkert",
            by=personas["opgaveudvalg"],
        )
    correction = services.decision_record(
        kind=Kind.CORRECTION,
        forum=committee,
        rationale="Årstallet var forkert: 2026",
        corrects=wrong,
        by=personas["opgaveudvalg"],
    )
    assert list(wrong.corrections.all()) == [correction]
    assert correction.task is None


def test_a_decision_cannot_be_dated_in_the_future(personas):
    committee = Forum.objects.get(kind=Forum.Kind.COMMITTEE)
    with pytest.raises(ValidationError):
        services.decision_record(
            kind=Kind.RECOMMENDATION,
            forum=committee,
            rationale="x",
            decided_on=timezone.localdate() + timedelta(days=1),
            by=personas["opgaveudvalg"],
        )


def test_an_override_is_spent_by_the_resume_it_allowed(settings, start_task, executive, director):
    first = start_task("A")
    start_task("B")

    def record(kind, task, **extra):
        return services.decision_record(
            kind=kind, forum=executive, task=task, rationale="x", by=director, **extra
        )

    record(Kind.PAUSE, first)
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 1
    with pytest.raises(ValidationError):
        record(Kind.RESUME, first)
    record(Kind.WIP_OVERRIDE, first)
    record(Kind.RESUME, first)
    record(Kind.PAUSE, first)
    with pytest.raises(ValidationError):
        record(Kind.RESUME, first)  # the old override does not count after a new pause
