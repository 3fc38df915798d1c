"""Every write of scaling, implementation and spreading, with its rules.

An adoption's state changes only here, each change kept as a dated event, so the
degree of scaling can be told for any day; a target that has moved is never
deleted (it is abandoned, with a reason).
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.organisation.models import OrgUnit, Person
from samskab.portfolio.models import InnovationTask, TaskProposal
from samskab.portfolio.services import tasks as task_services

from .models import Adoption, AdoptionEvent, Handover, Milestone, ScalingPlan, Uptake


def _refuse_closed(task: InnovationTask) -> None:
    if task.is_closed:
        raise ValidationError(_("The task is closed; its plans can no longer be changed."))


@transaction.atomic
def plan_save(*, task: InnovationTask, approach: str, by: User) -> ScalingPlan:
    """Write the scaling plan's approach; a change to an approved plan needs a new approval."""
    _refuse_closed(task)
    plan = ScalingPlan.objects.select_for_update().filter(task=task).first()
    if plan is None:
        plan = ScalingPlan(task=task)
    if plan.pk and plan.approach == approach:
        return plan
    plan.approach = approach
    plan.status = ScalingPlan.Status.DRAFT
    plan.approved_by = None
    plan.approved_on = None
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_approve(*, plan: ScalingPlan, by: User, on: date | None = None) -> ScalingPlan:
    """Approve a plan that names its target units and has at least one milestone."""
    plan = ScalingPlan.objects.select_for_update().get(pk=plan.pk)
    _refuse_closed(plan.task)
    if plan.status == ScalingPlan.Status.APPROVED:
        raise ValidationError(_("The scaling plan is already approved."))
    missing = []
    if not plan.task.adoptions.exists():
        missing.append(_("the target units"))
    if not plan.task.milestones.filter(plan=Milestone.Plan.SCALING).exists():
        missing.append(_("at least one milestone"))
    if missing:
        raise ValidationError(
            _("The plan cannot be approved before it names %(missing)s.")
            % {"missing": _(" and ").join(missing)}
        )
    plan.status = ScalingPlan.Status.APPROVED
    plan.approved_by = by
    plan.approved_on = on or timezone.localdate()
    plan.full_clean()
    plan.save()
    return plan


def _check_day(on: date, *, after: date | None = None) -> None:
    today = timezone.localdate()
    if on > today:
        raise ValidationError({"on": _("A change of state cannot be dated in the future.")})
    if after is not None and on < after:
        raise ValidationError(
            {
                "on": _("The date cannot be before the last change of state (%(date)s).")
                % {"date": formats.date_format(after, "SHORT_DATE_FORMAT")}
            }
        )


@transaction.atomic
def targets_add(
    *, task: InnovationTask, units: Iterable[OrgUnit], by: User, on: date | None = None
) -> list[Adoption]:
    """Add units as targets (planned); a unit already a target is left as it is.

    The task's row is locked, so the same form sent twice at once adds each unit once.
    """
    InnovationTask.objects.select_for_update().filter(pk=task.pk).first()
    _refuse_closed(task)
    on = on or timezone.localdate()
    _check_day(on)
    existing = set(task.adoptions.values_list("unit_id", flat=True))
    added = []
    for unit in units:
        if unit.pk in existing:
            continue
        adoption = Adoption(task=task, unit=unit, state=Adoption.State.PLANNED, since=on)
        adoption.full_clean()
        adoption.save()
        AdoptionEvent.objects.create(adoption=adoption, state=adoption.state, on=on, by=by)
        existing.add(unit.pk)
        added.append(adoption)
    return added


@transaction.atomic
def target_remove(*, adoption: Adoption, by: User) -> None:
    """Take a unit off the targets while nothing has happened there; else abandon it."""
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if adoption.state != Adoption.State.PLANNED or adoption.events.count() > 1:
        raise ValidationError(
            _(
                "The unit has begun taking the solution into use; record that it abandoned it "
                "instead, with the reason, so its history is kept."
            )
        )
    adoption.delete()


@transaction.atomic
def adoption_set_state(
    *,
    adoption: Adoption,
    state: str,
    on: date,
    note: str = "",
    responsible: Person | None = None,
    by: User,
) -> Adoption:
    """Record the unit's new state from a day on; the change is kept with its date."""
    adoption = Adoption.objects.select_for_update().select_related("task").get(pk=adoption.pk)
    _refuse_closed(adoption.task)
    last = adoption.events.order_by("-on", "-pk").values_list("on", flat=True).first()
    _check_day(on, after=last)
    adoption.state = state
    adoption.since = on
    adoption.note = note.strip()
    adoption.responsible = responsible
    adoption.full_clean()
    adoption.save()
    AdoptionEvent.objects.create(adoption=adoption, state=state, on=on, note=adoption.note, by=by)
    return adoption


@transaction.atomic
def milestone_save(*, milestone: Milestone, by: User) -> Milestone:
    _refuse_closed(milestone.task)
    if milestone.benefit_line_id and milestone.benefit_line.agreement.task_id != milestone.task_id:
        raise ValidationError(
            {"benefit_line": _("Choose a line of this task's benefit agreement.")}
        )
    if milestone.done_on and milestone.done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A milestone cannot be done in the future.")})
    milestone.full_clean()
    milestone.save()
    return milestone


@transaction.atomic
def handover_save(*, handover: Handover, by: User) -> Handover:
    _refuse_closed(handover.task)
    handover.full_clean()
    handover.save()
    return handover


@transaction.atomic
def uptake_save(*, uptake: Uptake, by: User) -> Uptake:
    _refuse_closed(uptake.task)
    if uptake.since > timezone.localdate():
        raise ValidationError({"since": _("The date cannot be in the future.")})
    uptake.full_clean()
    uptake.save()
    return uptake


def may_develop_further(task: InnovationTask) -> bool:
    """A solution is developed further once it is being scaled, or when its task has ended."""
    return task.phase >= 5 or task.is_closed


@transaction.atomic
def task_develop_further(*, task: InnovationTask, by: User) -> TaskProposal:
    """Start a proposal that develops the task's solution further, keeping where it came from."""
    if not may_develop_further(task):
        raise ValidationError(
            _("A task's solution is developed further once it is being scaled (phase 5 or later).")
        )
    proposal = TaskProposal(
        title=(_("%(title)s – developed further") % {"title": task.title})[:200],
        problem=task.problem,
        ambition=task.ambition,
        novelty=task.novelty,
        category=task.category,
        owning_area=task.owning_area,
        owner=task.owner,
        developed_from=task,
    )
    return task_services.proposal_save(proposal=proposal, by=by)
