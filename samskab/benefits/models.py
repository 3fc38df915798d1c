"""Benefit realisation (gevinstrealisering): agreements, their lines and what was realised.

An agreement is kept in versions: a signed version is never edited. Revising
a signed agreement starts a new draft version with copies of its lines; when
that version is signed, the old one is marked revised and stays readable.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date, validate_sensible_year

MONEY = {"max_digits": 14, "decimal_places": 2}


class BenefitKind(models.TextChoices):
    ECONOMIC = "economic", _("Economic (DKK)")
    HOURS = "hours", _("Hours freed")
    QUALITY = "quality", _("Quality indicator")
    CITIZEN = "citizen", _("Experienced by citizens")


class ChainLevel(models.TextChoices):
    """Where a line sits in the benefit map: an output leads to an effect, an effect to a benefit."""

    OUTPUT = "output", _("Output")
    EFFECT = "effect", _("Effect")
    BENEFIT = "benefit", _("Benefit")


NEXT_LEVEL = {ChainLevel.OUTPUT: ChainLevel.EFFECT, ChainLevel.EFFECT: ChainLevel.BENEFIT}


class BenefitAgreement(TimeStampedModel):
    """One version of a task's benefit realisation agreement."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")
        REVISED = "revised", _("Revised")

    class Cadence(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        HALF_YEARLY = "half-yearly", _("Every half year")
        YEARLY = "yearly", _("Yearly")

    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        related_name="benefit_agreements",
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    owner = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The manager of the owning area, who signs the agreement."),
    )
    parties = models.TextField(
        _("parties"),
        max_length=2_000,
        help_text=_("Who has agreed to deliver and take home the benefits, one per line."),
    )
    review_cadence = models.CharField(
        _("review cadence"), max_length=12, choices=Cadence.choices, default=Cadence.QUARTERLY
    )
    revision_reason = models.TextField(_("why it was revised"), max_length=2_000, blank=True)
    signed_on = models.DateField(
        _("signed"), null=True, blank=True, validators=[validate_sensible_date]
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("benefit agreement")
        verbose_name_plural = _("benefit agreements")
        ordering = ["task", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["task", "version"], name="benefitagreement_version"),
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(status="draft"),
                name="benefitagreement_one_draft",
            ),
            models.UniqueConstraint(
                fields=["task"],
                condition=Q(status="signed"),
                name="benefitagreement_one_in_force",
            ),
            models.CheckConstraint(
                condition=Q(status="draft", signed_on__isnull=True)
                | Q(status__in=["signed", "revised"], signed_on__isnull=False),
                name="benefitagreement_signed_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "task"], name="agreement_by_status")]

    def __str__(self) -> str:
        return f"{self.task} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


KRONER_UNITS = {"dkk", "kr", "kr.", "kroner"}


class BenefitLine(models.Model):
    """One expected gain of an agreement, with its KPI and yearly targets."""

    agreement = models.ForeignKey(BenefitAgreement, on_delete=models.CASCADE, related_name="lines")
    lineage = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        db_index=True,  # what was realised is summed by lineage, over every version
        help_text="The same for a line and its copies in later versions of the agreement.",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=BenefitKind.choices)
    level = models.CharField(
        _("place in the benefit map"),
        max_length=10,
        choices=ChainLevel.choices,
        default=ChainLevel.BENEFIT,
    )
    leads_to = models.ForeignKey(
        "self",
        verbose_name=_("leads to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads_from",
        help_text=_("The effect an output leads to, or the benefit an effect leads to."),
    )
    description = models.TextField(_("description"), max_length=2_000)
    kpi = models.CharField(_("KPI"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example DKK, hours or %."))
    baseline = models.DecimalField(_("baseline"), **MONEY)
    measurement_method = models.TextField(_("measurement method"), max_length=2_000)
    responsible = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("benefit line")
        verbose_name_plural = _("benefit lines")
        ordering = ["agreement", "position", "pk"]

    def __str__(self) -> str:
        return self.kpi

    @property
    def is_kroner(self) -> bool:
        """Whether the line counts Danish kroner, by its unit: DKK, kr. or kroner."""
        return self.unit.strip().lower() in KRONER_UNITS

    def clean(self) -> None:
        if self.leads_to_id is None:
            return
        target = self.leads_to
        if target.agreement_id != self.agreement_id:
            raise ValidationError({"leads_to": _("Choose a line of the same agreement.")})
        if NEXT_LEVEL.get(self.level) != target.level:
            raise ValidationError(
                {"leads_to": _("An output leads to an effect, and an effect to a benefit.")}
            )


class BenefitTarget(models.Model):
    """The gain a line is expected to deliver in one year."""

    line = models.ForeignKey(BenefitLine, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_sensible_year])
    value = models.DecimalField(_("target"), validators=[MinValueValidator(Decimal("0"))], **MONEY)

    class Meta:
        ordering = ["line", "year"]
        constraints = [
            models.UniqueConstraint(fields=["line", "year"], name="benefittarget_once_a_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="benefittarget_plausible_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class BenefitRealisation(models.Model):
    """What a line realised in one period, and the evidence of it."""

    line = models.ForeignKey(BenefitLine, on_delete=models.PROTECT, related_name="realisations")
    period_start = models.DateField(_("period from"), validators=[validate_sensible_date])
    period_end = models.DateField(_("period to"), validators=[validate_sensible_date])
    value = models.DecimalField(_("realised"), **MONEY)
    evidence = models.TextField(
        _("evidence"),
        max_length=4_000,
        help_text=_("How it was measured, and where the data can be found."),
    )
    taken_home = models.BooleanField(_("taken home in the budget"), default=False)
    taken_home_on = models.DateField(
        _("taken home"), null=True, blank=True, validators=[validate_sensible_date]
    )
    taken_home_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    # Corrections and deletions of a realisation recorded by mistake stay traceable.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        ordering = ["line", "period_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="realisation_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(taken_home=False, taken_home_on__isnull=True)
                | Q(taken_home=True, taken_home_on__isnull=False),
                name="realisation_taken_home_dated",
            ),
        ]
        indexes = [models.Index(fields=["period_end"], name="realisation_by_period")]

    def __str__(self) -> str:
        return f"{self.line}: {self.value} ({self.period_start}–{self.period_end})"

    def clean(self) -> None:
        if self.period_start and self.period_end:
            if self.period_end < self.period_start:
                raise ValidationError({"period_end": _("The period ends before it starts.")})
            if self.period_start.year != self.period_end.year:
                raise ValidationError({"period_end": _("A period lies within one calendar year.")})
