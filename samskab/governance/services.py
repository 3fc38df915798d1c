"""Meetings and decisions. A decision is recorded together with what it changes, or not at all."""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.portfolio import gates
from samskab.portfolio.models import Assessment, InnovationTask, TaskProposal
from samskab.portfolio.services import tasks as task_services

from .models import Decision, Forum, Meeting, MeetingPack

Kind = Decision.Kind

# What each forum may decide. Only direktion with chefforum changes tasks (DESIGN rule 2);
# the task committee advises and never decides (seed §3).
FORUM_KINDS: dict[str, frozenset[str]] = {
    Forum.Kind.EXECUTIVE: frozenset(Kind.values) - {Kind.RECOMMENDATION},
    Forum.Kind.COMMITTEE: frozenset({Kind.RECOMMENDATION, Kind.CORRECTION}),
    Forum.Kind.COUNCIL: frozenset({Kind.RECOMMENDATION, Kind.CORRECTION}),
    Forum.Kind.CHIEF: frozenset({Kind.RECOMMENDATION, Kind.CORRECTION}),
}
NEEDS_TASK = {
    Kind.GATE_GO,
    Kind.GATE_STOP,
    Kind.COMPLETE,
    Kind.PAUSE,
    Kind.RESUME,
    Kind.RECALIBRATE,
}
NEEDS_PROPOSAL = {Kind.START, Kind.REJECT}


@transaction.atomic
def meeting_save(*, meeting: Meeting, by: User) -> Meeting:
    meeting.full_clean()
    meeting.save()
    return meeting


def meeting_has_begun(meeting: Meeting) -> bool:
    return meeting.starts_at <= timezone.now()


@transaction.atomic
def meeting_pack_freeze(*, meeting: Meeting) -> MeetingPack:
    """Keep the meeting's pack as it is now; a pack already frozen stays as it was."""
    from . import packs

    if existing := MeetingPack.objects.filter(meeting=meeting).first():
        return existing
    agenda, html = packs.render_frozen(meeting)
    pack, _created = MeetingPack.objects.get_or_create(
        meeting=meeting, defaults={"agenda": agenda, "html": html}
    )
    return pack


def meeting_pack_freeze_begun() -> int:
    """Freeze the packs of every meeting that has begun; for a job run every few minutes."""
    frozen = 0
    for meeting in Meeting.objects.filter(
        starts_at__lte=timezone.now(), frozen_pack__isnull=True
    ).select_related("forum"):
        meeting_pack_freeze(meeting=meeting)
        frozen += 1
    return frozen


def _has_override(
    *, proposal: TaskProposal | None = None, task: InnovationTask | None = None
) -> bool:
    """A decision to exceed the limit that still stands: not corrected, and for a paused task
    taken after its latest pause (an override is spent by the resume it allowed)."""
    overrides = Decision.objects.filter(kind=Kind.WIP_OVERRIDE, corrections__isnull=True)
    if proposal is not None:
        return overrides.filter(proposal=proposal).exists()
    latest_pause = (
        Decision.objects.filter(kind=Kind.PAUSE, task=task)
        .order_by("-recorded_at")
        .values("recorded_at")[:1]
    )
    return overrides.filter(task=task, recorded_at__gt=latest_pause).exists()


@transaction.atomic
def decision_record(
    *,
    kind: str,
    forum: Forum,
    rationale: str,
    by: User,
    meeting: Meeting | None = None,
    task: InnovationTask | None = None,
    proposal: TaskProposal | None = None,
    decided_on: date | None = None,
    evidence: str = "",
    assessments: Iterable[Assessment] = (),
    political_reference: str = "",
    despite_keys: Iterable[str] = (),
    despite: str = "",
    ambition: str = "",
    next_gate_on: date | None = None,
    planned_end_on: date | None = None,
    worked: str = "",
    not_worked: str = "",
    corrects: Decision | None = None,
) -> Decision:
    """Record what a forum decided and carry it out; a refused change records nothing."""
    if kind not in FORUM_KINDS[forum.kind]:
        if forum.advises_only:
            raise ValidationError(
                _("The task committee advises; it records recommendations, never decisions.")
            )
        raise ValidationError(
            _("%(forum)s does not make this kind of decision.") % {"forum": forum.name}
        )
    if meeting is not None and meeting.forum_id != forum.pk:
        raise ValidationError({"meeting": _("The meeting is not a meeting of this forum.")})
    if not rationale.strip():
        raise ValidationError({"rationale": _("Give the rationale of the decision.")})
    if decided_on and decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A decision cannot be dated in the future.")})
    if kind == Kind.CORRECTION and corrects is None:
        raise ValidationError({"corrects": _("Choose the decision the correction corrects.")})
    if corrects is not None and corrects.forum_id != forum.pk:
        # Only the forum that made a decision can correct it: otherwise the committee could
        # cancel direktion's decision to exceed the limit, or the chief a gate decision.
        raise ValidationError(
            {
                "forum": _(
                    "Only %(forum)s can correct its own decision; record the correction for "
                    "that forum."
                )
                % {"forum": corrects.forum.name}
            }
        )
    if kind in NEEDS_TASK and task is None:
        raise ValidationError({"task": _("Choose the task the decision concerns.")})
    if kind in NEEDS_PROPOSAL and proposal is None:
        raise ValidationError({"proposal": _("Choose the proposal the decision concerns.")})
    if kind == Kind.WIP_OVERRIDE and proposal is None and task is None:
        raise ValidationError(
            _("Choose the proposal or the paused task that may exceed the limit.")
        )
    despite_keys = [key for key in despite_keys if key]
    if meeting is not None:
        # The first decision recorded at a meeting means it has begun: its pack is kept as
        # the forum had it, before this decision changes anything.
        meeting_pack_freeze(meeting=meeting)
    if despite_keys and not despite.strip():
        raise ValidationError(
            {"despite": _("Say why the forum goes despite the unmet requirements.")}
        )

    decision = Decision(
        kind=kind,
        forum=forum,
        meeting=meeting,
        task=task,
        proposal=proposal,
        decided_on=decided_on or timezone.localdate(),
        rationale=rationale.strip(),
        evidence=evidence.strip(),
        political_reference=political_reference.strip(),
        despite=despite.strip(),
        corrects=corrects,
        recorded_by=by,
    )
    if kind == Kind.START:
        task = task_services.task_start(
            proposal=proposal,
            political_reference=political_reference,
            wip_overridden=_has_override(proposal=proposal),
            by=by,
            started_on=decision.decided_on,
        )
        decision.task, decision.to_phase = task, task.phase
    elif kind == Kind.REJECT:
        task_services.proposal_reject(proposal=proposal, reason=rationale, by=by)
    elif kind == Kind.GATE_GO:
        decision.from_phase = task.phase
        if next_gate_on and next_gate_on <= decision.decided_on:
            raise ValidationError(
                {"next_gate_on": _("The next gate comes after the day of this decision.")}
            )
        waived = [
            item.requirement.key
            for item in gates.unmet(task)
            if item.requirement.overridable and item.requirement.key in despite_keys
        ]
        task = task_services.task_pass_gate(
            task=task, despite=waived, next_gate_on=next_gate_on, by=by
        )
        decision.to_phase = task.phase
        decision.despite_keys = waived
        decision.next_gate_on = next_gate_on
    elif kind == Kind.GATE_STOP:
        decision.from_phase = task.phase
        task_services.task_stop(
            task=task, worked=worked, not_worked=not_worked, by=by, ended_on=decision.decided_on
        )
    elif kind == Kind.COMPLETE:
        decision.from_phase = task.phase
        task_services.task_complete(
            task=task, worked=worked, not_worked=not_worked, by=by, ended_on=decision.decided_on
        )
    elif kind == Kind.PAUSE:
        task_services.task_pause(task=task, by=by)
    elif kind == Kind.RESUME:
        task_services.task_resume(task=task, wip_overridden=_has_override(task=task), by=by)
    elif kind == Kind.RECALIBRATE:
        decision.next_gate_on = next_gate_on
        task_services.task_recalibrate(
            task=task,
            ambition=ambition,
            next_gate_on=next_gate_on,
            planned_end_on=planned_end_on,
            by=by,
        )
    decision.full_clean(exclude=["assessments"])
    decision.save()
    decision.assessments.set(assessments)
    return decision
