"""Every write of the unit's budget, its funding sources and the fund applications.

A budget version is a draft until it is approved; an approved version is locked. To change an
approved budget, ``budget_revise`` drafts a new version with the same lines and a reason; the
approved one stays in force until the new one is approved, and is then superseded. Every
version stays readable.

A fund application moves through its statuses with ``application_move``: granting needs the
granted amount and the day of the decision, and gives the application's task (if it has one)
a ``Funding`` of the granted amount for the year of the decision.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.accounts.models import User

from .models import Application, BudgetLine, BudgetVersion, Funding, FundingSource, GrantReport

Status = BudgetVersion.Status
AppStatus = Application.Status


# The budget ---------------------------------------------------------------------------


def _locked_version(version: BudgetVersion) -> BudgetVersion:
    """The version read again under a row lock, refused if it is no longer a draft."""
    version = BudgetVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_locked:
        raise ValidationError(
            _("This budget version is approved and locked; change the approved budget instead.")
        )
    return version


@transaction.atomic
def budget_start(*, year: int, by: User) -> BudgetVersion:
    """The first version of a year's budget, as a draft; refused if the year has one."""
    if BudgetVersion.objects.filter(year=year).exists():
        raise ValidationError(_("The budget of %(year)d exists already.") % {"year": year})
    version = BudgetVersion(year=year, version=1, status=Status.DRAFT, created_by=by)
    version.full_clean()
    version.save()
    return version


@transaction.atomic
def budget_line_save(*, line: BudgetLine, by: User) -> BudgetLine:
    """Add or change a line of a draft version; a locked version refuses any change."""
    _locked_version(line.version)
    if (
        line.pk is not None
        and BudgetLine.objects.filter(pk=line.pk).exclude(version=line.version).exists()
    ):
        raise ValidationError(_("A line stays in its version."))
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, by: User) -> None:
    _locked_version(line.version)
    line.delete()


@transaction.atomic
def budget_approve(*, version: BudgetVersion, by: User, today: date | None = None) -> BudgetVersion:
    """Approve a draft: it is locked, and the version it replaces becomes superseded."""
    version = _locked_version(version)
    if not version.lines.exists():
        raise ValidationError(_("A budget without lines cannot be approved."))
    BudgetVersion.objects.filter(year=version.year, status=Status.APPROVED).update(
        status=Status.SUPERSEDED, updated_at=timezone.now()
    )
    version.status = Status.APPROVED
    version.approved_by = by
    version.approved_on = today or timezone.localdate()
    version.full_clean()
    version.save(update_fields=["status", "approved_by", "approved_on", "updated_at"])
    return version


@transaction.atomic
def budget_revise(*, version: BudgetVersion, reason: str, by: User) -> BudgetVersion:
    """Draft a new version of an approved budget with its lines copied and the reason given."""
    version = BudgetVersion.objects.select_for_update().get(pk=version.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the approved budget is changed.")})
    if version.status != Status.APPROVED:
        raise ValidationError(_("Only the approved budget can be changed as a new version."))
    if BudgetVersion.objects.filter(year=version.year, status=Status.DRAFT).exists():
        raise ValidationError(_("A new version of this budget is being drafted already."))
    highest = BudgetVersion.objects.filter(year=version.year).aggregate(top=Max("version"))["top"]
    draft = BudgetVersion(
        year=version.year,
        version=highest + 1,
        status=Status.DRAFT,
        reason=reason,
        created_by=by,
    )
    draft.full_clean()
    draft.save()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            version=draft,
            category=line.category,
            description=line.description,
            source_id=line.source_id,
            granted=line.granted,
            committed=line.committed,
            spent=line.spent,
        )
        for line in version.lines.order_by("pk")
    )
    return draft


# Funding sources ----------------------------------------------------------------------


@transaction.atomic
def source_save(*, source: FundingSource, by: User) -> FundingSource:
    source.full_clean()
    source.save()
    return source


# Applications -------------------------------------------------------------------------


@transaction.atomic
def application_save(*, application: Application, by: User) -> Application:
    """Create or change an application's particulars; its status moves by application_move."""
    if application.pk is None:
        application.status = AppStatus.IDEA
    application.full_clean()
    application.save()
    return application


@transaction.atomic
def application_move(
    *,
    application: Application,
    status: str,
    by: User,
    granted_amount: Decimal | None = None,
    decided_on: date | None = None,
    submitted_on: date | None = None,
    conditions: str | None = None,
) -> Application:
    """Move an application to ``status``.

    Granted needs the granted amount and the day of the decision, and gives the task (if the
    application has one) a Funding of the granted amount for the year of the decision.
    Refused needs the day of the decision. A granted application stays granted.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    if status not in AppStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if application.status == AppStatus.GRANTED:
        raise ValidationError(_("A granted application keeps its status."))
    if status == application.status:
        raise ValidationError({"status": _("The application has this status already.")})
    errors = {}
    if status == AppStatus.GRANTED:
        if granted_amount is None:
            errors["granted_amount"] = _("Give the amount granted.")
        elif granted_amount < 0:
            errors["granted_amount"] = _("The amount cannot be negative.")
    if status in (AppStatus.GRANTED, AppStatus.REFUSED) and decided_on is None:
        errors["decided_on"] = _("Give the day of the decision.")
    if errors:
        raise ValidationError(errors)

    application.status = status
    if status == AppStatus.SUBMITTED:
        application.submitted_on = submitted_on or application.submitted_on or timezone.localdate()
    if status in (AppStatus.GRANTED, AppStatus.REFUSED):
        application.decided_on = decided_on
    if status == AppStatus.GRANTED:
        application.granted_amount = granted_amount
        if conditions is not None:
            application.conditions = conditions
    application.full_clean()
    application.save()
    if status == AppStatus.GRANTED and application.task_id is not None:
        funding = Funding(
            task_id=application.task_id,
            source_id=application.source_id,
            application=application,
            year=decided_on.year,
            granted=granted_amount,
            note=application.title[:200],
        )
        funding.full_clean()
        funding.save()
    return application


@transaction.atomic
def report_save(*, report: GrantReport, by: User) -> GrantReport:
    """Add or change a report a grant asks for."""
    report.full_clean()
    report.save()
    return report
