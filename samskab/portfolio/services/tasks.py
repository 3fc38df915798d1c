"""Proposals and innovation tasks: every change, with the rules of DESIGN §4 (1, 2, 4, 6, 7).

A task's state changes only through a decision of the right forum; the
governance app records the decision and calls these functions in the same
transaction, so a refused change leaves no decision behind.
"""

from collections.abc import Iterable, Mapping
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.accounts.models import User
from samskab.ideas import services as idea_services
from samskab.ideas import trail
from samskab.ideas.models import Idea

from .. import gates
from ..models import ExitCheck, ExitCriterion, InnovationTask, Portfolio, TaskProposal
from ..ownership import ownership_problems
from ..phases import LAST


def active_count() -> int:
    return InnovationTask.objects.filter(status=InnovationTask.Status.ACTIVE).count()


def _check_ownership(fields: TaskProposal | InnovationTask) -> None:
    problems = ownership_problems(fields)
    if problems:
        raise ValidationError(problems)


# Proposals ------------------------------------------------------------------------


@transaction.atomic
def proposal_save(
    *, proposal: TaskProposal, ideas: Iterable[Idea] | None = None, by: User
) -> TaskProposal:
    """Create or change a task proposal; it goes on the next direktion meeting's agenda."""
    if proposal.pk and proposal.status != TaskProposal.Status.AWAITING:
        raise ValidationError(_("Only a proposal awaiting decision can be changed."))
    _check_ownership(proposal)
    if proposal.pk is None:
        proposal.proposed_by = by
    proposal.full_clean()
    proposal.save()
    if ideas is not None:
        proposal.ideas.set(ideas)
    return proposal


def _tell_ideas(
    ideas: Iterable[Idea],
    *,
    answer: str,
    message: str = "",
    code: str = "",
    params: Mapping[str, str] | None = None,
    by: User,
) -> None:
    """Put the outcome on each idea's status trail; the submitter and followers are told.

    ``message`` is a reason a person typed; ``code`` and ``params`` a message of
    Samskab's own (see ideas/trail.py).
    """
    for idea in ideas:
        if idea.merged_into_id or (idea.answer == answer):
            continue
        idea_services.idea_change_status(
            idea=idea,
            status=Idea.Status.ANSWERED,
            answer=answer,
            message=message,
            code=code,
            params=params,
            by=by,
        )


# Starting -------------------------------------------------------------------------


def _lock_portfolio() -> None:
    """Serialise starts and resumes: the WIP count and the change happen under one lock."""
    Portfolio.objects.select_for_update().get_or_create(name="portfolio")


def _refuse_beyond_wip(*, overridden: bool) -> None:
    limit = settings.SAMSKAB_MAX_ACTIVE_TASKS
    active = active_count()
    if active < limit or overridden:
        return
    counts = {"active": active, "limit": limit}
    if active == limit:
        message = ngettext(
            "The portfolio is full: %(active)d task is active and the limit is %(limit)d.",
            "The portfolio is full: %(active)d tasks are active and the limit is %(limit)d.",
            active,
        )
    else:
        message = ngettext(
            "The portfolio is over its limit: %(active)d task is active and the limit is "
            "%(limit)d.",
            "The portfolio is over its limit: %(active)d tasks are active and the limit is "
            "%(limit)d.",
            active,
        )
    raise ValidationError(
        f"{message % counts} "
        + _("Stop, complete or pause a task first, or record a decision to exceed the limit.")
    )


@transaction.atomic
def task_start(
    *,
    proposal: TaskProposal,
    political_reference: str,
    wip_overridden: bool,
    by: User,
    started_on: date | None = None,
) -> InnovationTask:
    """Rule 2: a proposal becomes an active task, citing its political prioritisation (rule 1: WIP).

    The task starts on the day of the decision (``started_on``), today by default.
    """
    _lock_portfolio()
    proposal = TaskProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != TaskProposal.Status.AWAITING:
        raise ValidationError(_("The proposal has already been decided."))
    if not political_reference.strip():
        raise ValidationError(
            {"political_reference": _("Cite the political prioritisation the task rests on.")}
        )
    _refuse_beyond_wip(overridden=wip_overridden)
    _check_ownership(proposal)
    task = InnovationTask(
        proposal=proposal,
        title=proposal.title,
        problem=proposal.problem,
        ambition=proposal.ambition,
        novelty=proposal.novelty,
        category=proposal.category,
        owning_area=proposal.owning_area,
        owner=proposal.owner,
        political_reference=political_reference.strip(),
        status=InnovationTask.Status.ACTIVE,
        phase=1,
        started_on=started_on or timezone.localdate(),
    )
    task.full_clean()
    task.save()
    ideas = list(proposal.ideas.all())
    task.ideas.set(ideas)
    proposal.status = TaskProposal.Status.STARTED
    proposal.save(update_fields=["status", "updated_at"])
    _tell_ideas(
        ideas,
        answer=Idea.Answer.PART_OF_TASK,
        code=trail.PART_OF_TASK,
        params={"task": task.title, "reference": task.political_reference},
        by=by,
    )
    return task


@transaction.atomic
def proposal_reject(*, proposal: TaskProposal, reason: str, by: User) -> TaskProposal:
    proposal = TaskProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != TaskProposal.Status.AWAITING:
        raise ValidationError(_("The proposal has already been decided."))
    proposal.status = TaskProposal.Status.REJECTED
    proposal.save(update_fields=["status", "updated_at"])
    _tell_ideas(proposal.ideas.all(), answer=Idea.Answer.PARKED, message=reason, by=by)
    return proposal


# Gates and status ----------------------------------------------------------------


def _locked(task: InnovationTask) -> InnovationTask:
    return (
        InnovationTask.objects.select_for_update()
        .select_related("owner", "owning_area")
        .get(pk=task.pk)
    )


@transaction.atomic
def task_pass_gate(
    *,
    task: InnovationTask,
    despite: Iterable[str] = (),
    next_gate_on: date | None = None,
    by: User,
) -> InnovationTask:
    """Rule 6: the task moves to the next phase, if it meets what that gate requires.

    ``despite`` names requirements the forum chose to override; only
    overridable requirements can be. ``next_gate_on`` is the date of the next
    gate, as the forum set it.
    """
    task = _locked(task)
    if task.status != InnovationTask.Status.ACTIVE:
        raise ValidationError(_("Only an active task passes a gate."))
    if task.phase >= LAST:
        raise ValidationError(_("The task is in the last phase; complete it instead."))
    despite = set(despite)
    blocking = [
        item
        for item in gates.unmet(task)
        if not (item.requirement.overridable and item.requirement.key in despite)
    ]
    if blocking:
        raise ValidationError([item.message for item in blocking])
    task.phase += 1
    task.next_gate_on = next_gate_on
    task.full_clean()
    task.save(update_fields=["phase", "next_gate_on", "updated_at"])
    return task


def _close(
    task: InnovationTask, status: str, *, worked: str, not_worked: str, ended_on: date | None
) -> InnovationTask:
    if task.is_closed:
        raise ValidationError(_("The task is already closed."))
    if not (worked.strip() or not_worked.strip() or task.learned_worked or task.learned_not_worked):
        raise ValidationError(_("Write down what was learned: what worked and what did not."))
    task.status = status
    task.ended_on = ended_on or timezone.localdate()
    task.learned_worked = worked.strip() or task.learned_worked
    task.learned_not_worked = not_worked.strip() or task.learned_not_worked
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def task_stop(
    *,
    task: InnovationTask,
    worked: str = "",
    not_worked: str = "",
    by: User,
    ended_on: date | None = None,
) -> InnovationTask:
    """Rule 7: stop a task (on the day of the decision); its learnings stay readable inside."""
    return _close(
        _locked(task),
        InnovationTask.Status.STOPPED,
        worked=worked,
        not_worked=not_worked,
        ended_on=ended_on,
    )


@transaction.atomic
def task_complete(
    *,
    task: InnovationTask,
    worked: str = "",
    not_worked: str = "",
    by: User,
    ended_on: date | None = None,
) -> InnovationTask:
    task = _locked(task)
    if task.phase != LAST:
        raise ValidationError(_("A task is completed from its last phase; stop it instead."))
    return _close(
        task,
        InnovationTask.Status.COMPLETED,
        worked=worked,
        not_worked=not_worked,
        ended_on=ended_on,
    )


@transaction.atomic
def task_pause(*, task: InnovationTask, by: User) -> InnovationTask:
    task = _locked(task)
    if task.status != InnovationTask.Status.ACTIVE:
        raise ValidationError(_("Only an active task can be paused."))
    task.status = InnovationTask.Status.PAUSED
    task.save(update_fields=["status", "updated_at"])
    return task


@transaction.atomic
def task_resume(*, task: InnovationTask, wip_overridden: bool, by: User) -> InnovationTask:
    _lock_portfolio()
    task = _locked(task)
    if task.status != InnovationTask.Status.PAUSED:
        raise ValidationError(_("Only a paused task can be resumed."))
    _refuse_beyond_wip(overridden=wip_overridden)
    task.status = InnovationTask.Status.ACTIVE
    task.save(update_fields=["status", "updated_at"])
    return task


@transaction.atomic
def task_recalibrate(
    *, task: InnovationTask, ambition: str = "", next_gate_on=None, planned_end_on=None, by: User
) -> InnovationTask:
    """Change the ambition or the dates of a task, by decision."""
    task = _locked(task)
    if task.is_closed:
        raise ValidationError(_("A closed task is not recalibrated."))
    if ambition.strip():
        task.ambition = ambition.strip()
    if next_gate_on:
        task.next_gate_on = next_gate_on
    if planned_end_on:
        task.planned_end_on = planned_end_on
    task.full_clean()
    task.save()
    return task


# What the unit keeps up to date between decisions ---------------------------------


@transaction.atomic
def task_update(*, task: InnovationTask, by: User) -> InnovationTask:
    """Details the innovation unit and the owner keep: dates, flags, learnings (not phase or status)."""
    stored = _locked(task)
    for name in ("phase", "status", "political_reference", "proposal_id", "started_on", "ended_on"):
        if getattr(stored, name) != getattr(task, name):
            raise ValidationError(_("Phase and status change only by decision."))
    _check_ownership(task)
    _keep_or_type_flag(task, stored)
    task.full_clean()
    task.save()
    return task


def _keep_or_type_flag(task: InnovationTask, stored: InnovationTask) -> None:
    """A flag Samskab raised comes back as shown, in the editor's language: left as it was,
    it stays Samskab's (and each reader's language); rewritten or cleared, it is the unit's."""
    task.closure_flag_code = stored.closure_flag_code
    task.closure_flag_params = stored.closure_flag_params
    if not stored.closure_flag_code:
        return
    if task.closure_flag.strip() == stored.closure_reason.strip():
        task.closure_flag = ""
    else:
        task.closure_flag_code, task.closure_flag_params = "", {}


@transaction.atomic
def exit_check_set(
    *, task: InnovationTask, criterion: ExitCriterion, done: bool, note: str = "", by: User
) -> None:
    if criterion.phase != task.phase:
        raise ValidationError(_("Only the current phase's checklist can be ticked."))
    if done:
        ExitCheck.objects.update_or_create(
            task=task, criterion=criterion, defaults={"note": note.strip(), "checked_by": by}
        )
    else:
        ExitCheck.objects.filter(task=task, criterion=criterion).delete()


@transaction.atomic
def exit_criteria_save(*, criteria: Iterable[ExitCriterion], by: User) -> None:
    """The unit edits the phases' exit checklists; an item is retired, never deleted."""
    criteria = list(criteria)
    stored = dict(
        ExitCriterion.objects.filter(pk__in=[c.pk for c in criteria if c.pk]).values_list(
            "pk", "text"
        )
    )
    for criterion in criteria:
        if not criterion.text.strip():
            continue
        if criterion.code and stored.get(criterion.pk) != criterion.text:
            criterion.code = ""  # rewritten by the unit: shown as written, in every language
        criterion.full_clean()
        criterion.save()
