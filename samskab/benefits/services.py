"""Every write of benefit realisation, with its rules (DESIGN rules 6 and 8)."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts import roles
from samskab.organisation.models import Person
from samskab.organisation.queries import OrgTree
from samskab.portfolio.models import InnovationTask

from .models import BenefitAgreement, BenefitKind, BenefitLine, BenefitRealisation, BenefitTarget


def agreement_owner_for(task: InnovationTask) -> Person:
    """The manager of the task's owning area: an area manager employed in the area, nearest it.

    An area without an area manager in Samskab falls back on the task's owner, who
    is an employee of the area (rule 4).
    """
    tree = OrgTree.load()
    units = tree.descendant_ids(task.owning_area_id)
    managers = list(
        Person.objects.filter(
            kind=Person.Kind.EMPLOYEE,
            org_unit_id__in=units,
            user__groups__name=roles.OMRAADELEDER,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("pk")
    )
    if managers:
        depth = {unit_id: len(tree.ancestors(unit_id)) for unit_id in units}
        return min(managers, key=lambda person: (depth[person.org_unit_id], person.pk))
    return task.owner


def _refuse_unless_draft(agreement: BenefitAgreement) -> None:
    if not agreement.is_draft:
        raise ValidationError(
            _("A signed agreement is never changed: revise it to make a new version.")
        )


@transaction.atomic
def agreement_create(
    *, task: InnovationTask, parties: str, review_cadence: str, by
) -> BenefitAgreement:
    """The first version of a task's agreement, as a draft owned by the area's manager."""
    InnovationTask.objects.select_for_update().filter(pk=task.pk).first()
    if task.benefit_agreements.exists():
        raise ValidationError(
            _("The task already has an agreement; revise it to make a new version.")
        )
    if task.is_closed:
        raise ValidationError(_("The task is closed."))
    agreement = BenefitAgreement(
        task=task,
        version=1,
        owner=agreement_owner_for(task),
        parties=parties.strip(),
        review_cadence=review_cadence,
        created_by=by,
    )
    agreement.full_clean()
    agreement.save()
    return agreement


def agreement_update(*, agreement: BenefitAgreement, by) -> BenefitAgreement:
    """Save the parties and cadence of a draft."""
    stored = BenefitAgreement.objects.get(pk=agreement.pk)
    _refuse_unless_draft(stored)
    agreement.parties = agreement.parties.strip()
    agreement.full_clean()
    agreement.save(update_fields=["parties", "review_cadence", "revision_reason", "updated_at"])
    return agreement


@transaction.atomic
def agreement_sign(
    *, agreement: BenefitAgreement, by, signed_on: date | None = None
) -> BenefitAgreement:
    """The owner signs a draft; the version it replaces, if any, is marked revised."""
    agreement = BenefitAgreement.objects.select_for_update().get(pk=agreement.pk)
    _refuse_unless_draft(agreement)
    if agreement.owner.user_id != by.pk:
        raise ValidationError(
            _("Only the agreement's owner, %(name)s, signs it.") % {"name": agreement.owner.name}
        )
    lines = list(agreement.lines.prefetch_related("targets"))
    if not lines:
        raise ValidationError(_("Add at least one benefit line before the agreement is signed."))
    without = [line.kpi for line in lines if not line.targets.all()]
    if without:
        raise ValidationError(
            _("Every line needs a target for at least one year: %(lines)s.")
            % {"lines": "; ".join(without)}
        )
    BenefitAgreement.objects.filter(
        task_id=agreement.task_id, status=BenefitAgreement.Status.SIGNED
    ).update(status=BenefitAgreement.Status.REVISED, updated_at=timezone.now())
    agreement.status = BenefitAgreement.Status.SIGNED
    agreement.signed_on = signed_on or timezone.localdate()
    agreement.signed_by = by
    agreement.full_clean()
    agreement.save(update_fields=["status", "signed_on", "signed_by", "updated_at"])
    return agreement


@transaction.atomic
def agreement_revise(*, agreement: BenefitAgreement, reason: str, by) -> BenefitAgreement:
    """A new draft version with copies of the signed version's lines; the signed one stays in force."""
    agreement = BenefitAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != BenefitAgreement.Status.SIGNED:
        raise ValidationError(_("Only the agreement in force can be revised."))
    if BenefitAgreement.objects.filter(
        task_id=agreement.task_id, status=BenefitAgreement.Status.DRAFT
    ).exists():
        raise ValidationError(_("A revision is already being drafted."))
    if not reason.strip():
        raise ValidationError({"revision_reason": _("Say why the agreement is revised.")})
    latest = agreement.task.benefit_agreements.order_by("-version").first()
    revision = BenefitAgreement(
        task_id=agreement.task_id,
        version=latest.version + 1,
        owner=agreement_owner_for(agreement.task),
        parties=agreement.parties,
        review_cadence=agreement.review_cadence,
        revision_reason=reason.strip(),
        created_by=by,
    )
    revision.full_clean()
    revision.save()
    old_lines = list(agreement.lines.prefetch_related("targets").order_by("position", "pk"))
    copies = {}
    for line in old_lines:
        copies[line.pk] = BenefitLine.objects.create(
            agreement=revision,
            lineage=line.lineage,
            kind=line.kind,
            level=line.level,
            description=line.description,
            kpi=line.kpi,
            unit=line.unit,
            baseline=line.baseline,
            measurement_method=line.measurement_method,
            responsible_id=line.responsible_id,
            position=line.position,
        )
    for line in old_lines:
        if line.leads_to_id in copies:
            copy = copies[line.pk]
            copy.leads_to = copies[line.leads_to_id]
            copy.save(update_fields=["leads_to"])
    BenefitTarget.objects.bulk_create(
        BenefitTarget(line=copies[line.pk], year=target.year, value=target.value)
        for line in old_lines
        for target in line.targets.all()
    )
    return revision


@transaction.atomic
def line_save(*, line: BenefitLine, targets: Iterable[tuple[int, Decimal]], by) -> BenefitLine:
    """Add or change a line of a draft, with its target per year."""
    agreement = BenefitAgreement.objects.select_for_update().get(pk=line.agreement_id)
    _refuse_unless_draft(agreement)
    targets = list(targets)
    years = [year for year, _value in targets]
    if len(set(years)) != len(years):
        raise ValidationError(_("Give each year's target once."))
    if line.pk is None:
        line.position = agreement.lines.count() + 1
    line.full_clean()
    line.save()
    rows = [BenefitTarget(line=line, year=year, value=value) for year, value in sorted(targets)]
    for row in rows:
        row.full_clean(exclude=["line"])  # a year from 2000, a gain not below zero
    line.targets.all().delete()
    BenefitTarget.objects.bulk_create(rows)
    return line


def realisation_record(*, realisation: BenefitRealisation, by) -> BenefitRealisation:
    """What a line of the agreement in force realised in a period."""
    line = realisation.line
    if line.agreement.status != BenefitAgreement.Status.SIGNED:
        raise ValidationError(_("Realisations are recorded against the signed agreement."))
    if realisation.period_end and realisation.period_end > timezone.localdate():
        raise ValidationError({"period_end": _("A period in the future cannot be realised yet.")})
    realisation.recorded_by = by
    realisation.full_clean()
    realisation.save()
    return realisation


def realisation_take_home(*, realisation: BenefitRealisation, by) -> BenefitRealisation:
    """Mark realised DKK as taken home in the budget (hjemtaget)."""
    if realisation.line.kind != BenefitKind.ECONOMIC:
        raise ValidationError(_("Only realised DKK can be taken home in the budget."))
    if realisation.taken_home:
        raise ValidationError(_("It is already taken home."))
    realisation.taken_home = True
    realisation.taken_home_on = timezone.localdate()
    realisation.taken_home_by = by
    realisation.full_clean()
    realisation.save(update_fields=["taken_home", "taken_home_on", "taken_home_by"])
    return realisation


@transaction.atomic
def line_delete(*, line: BenefitLine, by) -> None:
    """Remove a line from a draft, with its targets; lines it led from lose the link."""
    agreement = BenefitAgreement.objects.select_for_update().get(pk=line.agreement_id)
    if not agreement.is_draft:
        raise ValidationError(
            _(
                "A line of a signed agreement is never deleted: revise the agreement "
                "and delete the line from the new version."
            )
        )
    if line.realisations.exists():
        raise ValidationError(_("The line has recorded realisations and cannot be deleted."))
    line.delete()


def realisation_ensure_correctable(realisation: BenefitRealisation) -> None:
    """A realisation taken home in the budget is counted there, so it is no longer changed."""
    if realisation.taken_home:
        raise ValidationError(
            _(
                "This realisation is taken home in the budget, and the budget already "
                "counts it, so it cannot be corrected or deleted. Ask the innovation unit "
                "or the manager of the owning area, who take amounts home, to have the "
                "budget corrected."
            )
        )


@transaction.atomic
def realisation_update(*, realisation: BenefitRealisation, by) -> BenefitRealisation:
    """Correct a realisation recorded by mistake; its history keeps what it said before."""
    stored = BenefitRealisation.objects.select_for_update().get(pk=realisation.pk)
    realisation_ensure_correctable(stored)
    if realisation.period_end and realisation.period_end > timezone.localdate():
        raise ValidationError({"period_end": _("A period in the future cannot be realised yet.")})
    realisation.full_clean()
    realisation._history_user = by
    realisation.save(update_fields=["period_start", "period_end", "value", "evidence"])
    return realisation


@transaction.atomic
def realisation_delete(*, realisation: BenefitRealisation, by) -> None:
    """Delete a realisation recorded by mistake; its history keeps that it was deleted."""
    stored = BenefitRealisation.objects.select_for_update().get(pk=realisation.pk)
    realisation_ensure_correctable(stored)
    stored._history_user = by
    stored.delete()
