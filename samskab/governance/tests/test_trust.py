"""A decision means what the forum decided: corrections, append-only storage, waived
requirements, next gates, frozen packs and the refusal of a start beyond the limit."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from samskab.accounts import roles
from samskab.governance import guard, services
from samskab.governance.models import Decision, Forum, MeetingPack
from samskab.portfolio.models import Assessment, InnovationTask

Kind = Decision.Kind
FORUMS = [Forum.Kind.EXECUTIVE, Forum.Kind.COMMITTEE, Forum.Kind.COUNCIL, Forum.Kind.CHIEF]
RECORDER = {
    Forum.Kind.EXECUTIVE: roles.DIREKTION,
    Forum.Kind.COMMITTEE: roles.OPGAVEUDVALG,
    Forum.Kind.COUNCIL: roles.KOMMUNALBESTYRELSE,
    Forum.Kind.CHIEF: roles.INNOVATIONSCHEF,
}


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


# 1. A forum corrects only its own decisions ------------------------------------------------


@pytest.mark.parametrize(
    ("decided_by", "kind"),
    [(forum, kind) for forum in FORUMS for kind in sorted(services.FORUM_KINDS[forum])],
)
def test_only_the_forum_that_decided_corrects_it(personas, decided_by, kind):
    """Every forum × kind of decision: its own forum may correct it, no other may."""
    forums = {forum.kind: forum for forum in Forum.objects.all()}
    # The decision to correct, as stored (recorded earlier, whatever it carried out).
    decision = Decision.objects.create(
        kind=kind,
        forum=forums[decided_by],
        rationale="Som besluttet.",
        recorded_by=personas[RECORDER[decided_by]],
    )
    for correcting in FORUMS:
        attempt = {
            "kind": Kind.CORRECTION,
            "forum": forums[correcting],
            "corrects": decision,
            "rationale": "Rettelse.",
            "by": personas[RECORDER[correcting]],
        }
        if correcting == decided_by:
            correction = services.decision_record(**attempt)
            assert correction.corrects == decision
        else:
            with pytest.raises(ValidationError) as refused:
                services.decision_record(**attempt)
            assert forums[decided_by].name in str(refused.value)
    assert list(decision.corrections.values_list("forum__kind", flat=True)) == [decided_by]


def test_the_committee_cannot_cancel_direktions_decision_to_exceed_the_limit(
    settings, client, start_task, make_proposal, executive, committee, director, personas
):
    start_task("Første")
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 1
    proposal = make_proposal("Anden")
    override = services.decision_record(
        kind=Kind.WIP_OVERRIDE, forum=executive, proposal=proposal, rationale="Ja.", by=director
    )
    member = personas[roles.OPGAVEUDVALG]
    client.force_login(member)
    response = client.post(
        url("governance:decision-create"),
        {
            "forum": committee.pk,
            "kind": Kind.CORRECTION,
            "corrects": override.pk,
            "decided_on": timezone.localdate().isoformat(),
            "rationale": "Udvalget mener ikke, grænsen skal overskrides.",
        },
    )
    assert response.status_code == 200
    assert "can correct its own decision" in response.content.decode()
    assert not override.corrections.exists()
    # Direktion's override still counts: its start goes through.
    started = services.decision_record(
        kind=Kind.START,
        forum=executive,
        proposal=proposal,
        political_reference="KB 1/2027",
        rationale="Start.",
        by=director,
    )
    assert started.task.status == InnovationTask.Status.ACTIVE


def test_the_chief_cannot_correct_a_gate_decision_of_direktion(start_task, executive, personas):
    task = start_task()
    gate = services.decision_record(
        kind=Kind.GATE_GO,
        forum=executive,
        task=task,
        despite_keys=["exit-checklist"],
        despite="Følger.",
        rationale="Videre.",
        by=personas[roles.DIREKTION],
    )
    chief = Forum.objects.get(kind=Forum.Kind.CHIEF)
    with pytest.raises(ValidationError):
        services.decision_record(
            kind=Kind.CORRECTION,
            forum=chief,
            corrects=gate,
            rationale="Ikke klar.",
            by=personas[roles.INNOVATIONSCHEF],
        )
    assert not gate.corrections.exists()


# 2. Append-only in the database ---------------------------------------------------------------


def test_the_database_refuses_to_change_or_delete_a_decision(start_task):
    decision = Decision.objects.get(task=start_task())
    decision.assessments.add(Assessment.objects.create(title="Vurderingen bag"))
    assert guard.installed(connection)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(rationale="Omskrevet")
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        decision.assessments.clear()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM governance_decision")
    decision.refresh_from_db()
    assert decision.rationale == "Prioriteret i budgetaftalen."
    assert decision.assessments.count() == 1
    # Adding a new decision is still possible.
    assert Decision.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_flush_empties_decisions_and_keeps_the_guard(personas):
    Decision.objects.create(
        kind=Kind.RECOMMENDATION,
        forum=Forum.objects.get(kind=Forum.Kind.COMMITTEE),
        rationale="Anbefaling.",
        recorded_by=personas[roles.OPGAVEUDVALG],
    )
    call_command("flush", interactive=False, verbosity=0)
    assert not Decision.objects.exists()
    assert guard.installed(connection)


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
def test_a_decisions_page_answers_only_reading(client, start_task, director, method):
    decision = Decision.objects.get(task=start_task())
    client.force_login(director)
    response = getattr(client, method)(url("governance:decision-detail", decision.pk))
    assert response.status_code == 405
    assert client.get(url("governance:decision-detail", decision.pk)).status_code == 200
    assert Decision.objects.filter(pk=decision.pk, rationale=decision.rationale).exists()


# 3. What a gate went despite, and the next gate ---------------------------------------------


def test_a_gate_decision_records_which_requirements_it_went_despite(
    client, start_task, make_meeting, executive, director
):
    task = start_task(next_gate_on=timezone.localdate())
    next_gate = timezone.localdate() + timedelta(days=20)
    later = make_meeting(starts_at=timezone.now() + timedelta(days=1))
    gate = services.decision_record(
        kind=Kind.GATE_GO,
        forum=executive,
        task=task,
        despite_keys=["exit-checklist", "ownership"],  # ownership is met: nothing to waive
        despite="Tjeklisten gøres færdig i fase 2.",
        next_gate_on=next_gate,
        rationale="Videre.",
        by=director,
    )
    assert gate.despite_keys == ["exit-checklist"]
    task.refresh_from_db()
    assert (task.phase, task.next_gate_on) == (2, next_gate)
    label = "The phase&#x27;s exit checklist is done"
    client.force_login(director)
    for page in (
        url("governance:decision-list"),
        url("governance:decision-detail", gate.pk),
        url("portfolio:task-detail", task.pk),
    ):
        response = client.get(page)
        assert response.status_code == 200
        assert label in response.content.decode(), page
    # The pack's brief of the task, due for its gate, lists what the decisions went despite.
    pack = client.get(url("governance:meeting-pack", later.pk)).content.decode()
    assert label in pack


def test_the_next_gate_comes_after_the_gate_decision(start_task, executive, director):
    task = start_task()
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            kind=Kind.GATE_GO,
            forum=executive,
            task=task,
            despite_keys=["exit-checklist"],
            despite="Følger.",
            next_gate_on=timezone.localdate(),
            rationale="Videre.",
            by=director,
        )
    assert "next_gate_on" in refused.value.error_dict
    task.refresh_from_db()
    assert task.phase == 1


# 5. A held meeting's pack stays as it was ----------------------------------------------------


def test_a_meetings_pack_follows_the_portfolio_until_the_meeting_begins(
    client, start_task, make_meeting, director
):
    task = start_task("Lav værdi")
    meeting = make_meeting(starts_at=timezone.now() + timedelta(days=3))
    client.force_login(director)
    assert (
        "Effekten udebliver"
        not in client.get(url("governance:meeting-pack", meeting.pk)).content.decode()
    )
    InnovationTask.objects.filter(pk=task.pk).update(closure_flag="Effekten udebliver.")
    pack = client.get(url("governance:meeting-pack", meeting.pk))
    assert "Effekten udebliver" in pack.content.decode()
    assert not MeetingPack.objects.filter(meeting=meeting).exists()


def test_a_held_meetings_pack_is_frozen_as_it_was(client, start_task, make_meeting, director):
    """A closure flag set a month after a meeting appeared in that meeting's pack."""
    flagged = start_task("Flaget før mødet", closure_flag="Ingen effekt i prøvehandlingen.")
    later = start_task("Flaget efter mødet")
    meeting = make_meeting(starts_at=timezone.now() - timedelta(hours=1))
    call_command("freeze_meeting_packs", stdout=io.StringIO())
    assert MeetingPack.objects.filter(meeting=meeting).exists()
    InnovationTask.objects.filter(pk=later.pk).update(closure_flag="Sat efter mødet.")
    InnovationTask.objects.filter(pk=flagged.pk).update(title="Omdøbt efter mødet")
    client.force_login(director)
    pack = client.get(url("governance:meeting-pack", meeting.pk)).content.decode()
    assert "Flaget før mødet" in pack and "Ingen effekt i prøvehandlingen." in pack
    assert "Sat efter mødet." not in pack
    assert "Omdøbt efter mødet" not in pack
    page = client.get(url("governance:meeting-detail", meeting.pk))
    agenda = page.context["agenda"]
    closure = next(s for s in agenda.sections if s.key == "closure")
    assert [item.subject.pk for item in closure.items] == [flagged.pk]
    # The English reader gets the pack as it was, in English.
    english = client.get(url("governance:meeting-pack", meeting.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert "Tasks flagged for closure" in english.content.decode()


def test_a_held_meeting_is_frozen_when_first_opened_if_no_job_froze_it(
    client, start_task, make_meeting, director
):
    meeting = make_meeting(starts_at=timezone.now() - timedelta(minutes=5))
    client.force_login(director)
    assert client.get(url("governance:meeting-detail", meeting.pk)).status_code == 200
    frozen = MeetingPack.objects.get(meeting=meeting)
    start_task("Ny opgave", closure_flag="Senere flag.")
    assert (
        "Senere flag."
        not in client.get(url("governance:meeting-pack", meeting.pk)).content.decode()
    )
    assert MeetingPack.objects.get(meeting=meeting).frozen_at == frozen.frozen_at


def test_the_job_freezes_only_meetings_that_have_begun(make_meeting):
    held = make_meeting(starts_at=timezone.now() - timedelta(days=1))
    coming = make_meeting(starts_at=timezone.now() + timedelta(days=1))
    assert services.meeting_pack_freeze_begun() == 1
    assert MeetingPack.objects.filter(meeting=held).exists()
    assert not MeetingPack.objects.filter(meeting=coming).exists()
    assert services.meeting_pack_freeze_begun() == 0


# 7. The refusal says how many are active ---------------------------------------------------


@translation.override("en")
def test_the_refusal_of_a_start_counts_the_active_tasks(
    settings, start_task, make_proposal, executive, director
):
    for title in ("A", "B", "C"):
        start_task(title)
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 3
    with pytest.raises(ValidationError) as full:
        services.decision_record(
            kind=Kind.START,
            forum=executive,
            proposal=make_proposal("D"),
            political_reference="KB",
            rationale="Start.",
            by=director,
        )
    assert "full: 3 tasks are active and the limit is 3" in str(full.value)
    settings.SAMSKAB_MAX_ACTIVE_TASKS = 2  # over the limit, e.g. after a decision to exceed it
    with pytest.raises(ValidationError) as over:
        services.decision_record(
            kind=Kind.START,
            forum=executive,
            proposal=make_proposal("E"),
            political_reference="KB",
            rationale="Start.",
            by=director,
        )
    message = str(over.value)
    assert "over its limit: 3 tasks are active and the limit is 2" in message
    assert "full" not in message
