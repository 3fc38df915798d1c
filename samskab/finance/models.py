"""The money of the innovation unit and its tasks (seed §8): the unit's budget, the sources of
funding, fund applications, each task's funding, expenses and budget, and business cases.

Amounts are kroner as ``Decimal`` with two decimals, never floats.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date, validate_sensible_year

MONEY = {"max_digits": 14, "decimal_places": 2}
NOT_NEGATIVE = [MinValueValidator(0)]


class FundingSource(TimeStampedModel):
    """Where money comes from: the municipal budget, a pool, a foundation, a programme, a partner."""

    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal budget")
        INVESTMENT_POOL = "pool", _("Investment pool")
        FOUNDATION = "foundation", _("Foundation")
        EU = "eu", _("EU programme")
        PARTNER = "partner", _("Partner contribution")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funding_sources",
    )
    conditions = models.TextField(_("conditions"), max_length=5_000, blank=True)
    reporting = models.TextField(
        _("reporting"),
        max_length=2_000,
        blank=True,
        help_text=_("What the source asks to be reported, and when."),
    )
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BudgetVersion(TimeStampedModel):
    """One version of the unit's budget for a year; an approved version is locked."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        SUPERSEDED = "superseded", _("Superseded")

    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_sensible_year])
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reason = models.TextField(
        _("reason for the change"),
        max_length=2_000,
        blank=True,
        help_text=_("Why an approved budget is changed."),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="budget_one_version_number"),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(status="draft"),
                name="budget_one_draft_per_year",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approved_on__isnull=False),
                name="budget_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} v{self.version}"

    @property
    def is_locked(self) -> bool:
        return self.status != self.Status.DRAFT


class BudgetLine(models.Model):
    """A line of a budget version: granted, committed and spent, and the source behind it."""

    class Category(models.TextChoices):
        SALARIES = "salaries", _("Salaries")
        OPERATIONS = "operations", _("Operations and administration")
        TRIALS = "trials", _("Trials and activities")
        HOUSE = "house", _("The innovation house")
        ESTABLISHMENT = "establishment", _("Establishment (one-off)")
        OTHER = "other", _("Other")

    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="lines")
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    description = models.CharField(_("description"), max_length=200)
    source = models.ForeignKey(
        FundingSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="+"
    )
    granted = models.DecimalField(_("granted (kr.)"), **MONEY, validators=NOT_NEGATIVE)
    committed = models.DecimalField(
        _("committed (kr.)"), **MONEY, default=0, validators=NOT_NEGATIVE
    )
    spent = models.DecimalField(_("spent (kr.)"), **MONEY, default=0, validators=NOT_NEGATIVE)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["category", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(granted__gte=0, committed__gte=0, spent__gte=0),
                name="budgetline_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.description


class Application(TimeStampedModel):
    """A fund application, from idea to a grant or a refusal."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        DRAFTING = "drafting", _("Drafting")
        SUBMITTED = "submitted", _("Submitted")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("title"), max_length=200)
    source = models.ForeignKey(
        FundingSource,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("task"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_applications",
    )
    responsible = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount_sought = models.DecimalField(_("amount sought (kr.)"), **MONEY, validators=NOT_NEGATIVE)
    deadline = models.DateField(
        _("application deadline"), null=True, blank=True, validators=[validate_sensible_date]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.IDEA
    )
    submitted_on = models.DateField(
        _("submitted on"), null=True, blank=True, validators=[validate_sensible_date]
    )
    decided_on = models.DateField(
        _("decided on"), null=True, blank=True, validators=[validate_sensible_date]
    )
    granted_amount = models.DecimalField(
        _("granted amount (kr.)"), **MONEY, null=True, blank=True, validators=NOT_NEGATIVE
    )
    conditions = models.TextField(_("conditions of the grant"), max_length=5_000, blank=True)
    # The day the responsible person was last reminded of the deadline (14 and 3 days before).
    deadline_reminded_on = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund application")
        verbose_name_plural = _("fund applications")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="granted") | models.Q(granted_amount__isnull=False),
                name="application_granted_has_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_sought__gte=0), name="application_sought_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class GrantReport(models.Model):
    """A report a grant asks for, with its due date; reminded before it falls due."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(_("report"), max_length=200)
    due_on = models.DateField(_("due"), validators=[validate_sensible_date])
    done_on = models.DateField(
        _("submitted on"), null=True, blank=True, validators=[validate_sensible_date]
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("grant report")
        verbose_name_plural = _("grant reports")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Funding(TimeStampedModel):
    """Money secured for a task from a source: granted, and how much of it is drawn."""

    task = models.ForeignKey(
        "portfolio.InnovationTask", on_delete=models.CASCADE, related_name="fundings"
    )
    source = models.ForeignKey(
        FundingSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="fundings"
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fundings",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_sensible_year])
    granted = models.DecimalField(_("granted (kr.)"), **MONEY, validators=NOT_NEGATIVE)
    drawn = models.DecimalField(_("drawn (kr.)"), **MONEY, default=0, validators=NOT_NEGATIVE)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("fundings")
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(granted__gte=0, drawn__gte=0), name="funding_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.year}"


class TaskBudget(models.Model):
    """What a task may cost in a year."""

    task = models.ForeignKey(
        "portfolio.InnovationTask", on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_sensible_year])
    amount = models.DecimalField(_("budget (kr.)"), **MONEY, validators=NOT_NEGATIVE)

    class Meta:
        verbose_name = _("task budget")
        verbose_name_plural = _("task budgets")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["task", "year"], name="taskbudget_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="taskbudget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.year}"


class Expense(TimeStampedModel):
    """A cost of a task, entered or imported."""

    task = models.ForeignKey(
        "portfolio.InnovationTask", on_delete=models.CASCADE, related_name="expenses"
    )
    spent_on = models.DateField(_("date"), validators=[validate_sensible_date])
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount (kr.)"), **MONEY)
    funding = models.ForeignKey(
        Funding,
        verbose_name=_("paid from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expenses",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")
        ordering = ["-spent_on", "-pk"]

    def __str__(self) -> str:
        return self.description


class HourlyRate(models.Model):
    """What an hour of a team role costs, for the team's time on a task's costs."""

    role = models.CharField(_("role"), max_length=15, unique=True)
    rate = models.DecimalField(_("hourly rate (kr.)"), **MONEY, validators=NOT_NEGATIVE)

    class Meta:
        verbose_name = _("hourly rate")
        verbose_name_plural = _("hourly rates")
        ordering = ["role"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rate__gte=0), name="hourlyrate_not_negative")
        ]

    def __str__(self) -> str:
        return self.role


class BusinessCase(TimeStampedModel):
    """One version of a task's business case: costs and gains per year, with its uncertainty."""

    task = models.ForeignKey(
        "portfolio.InnovationTask", on_delete=models.CASCADE, related_name="business_cases"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    discount_rate = models.DecimalField(
        _("discount rate (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(50)],
        help_text=_("The municipality's rate for discounting future kroner."),
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[validate_sensible_year]
    )
    agreement = models.ForeignKey(
        "benefits.BenefitAgreement",
        verbose_name=_("benefit agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The signed agreement's version the gains come from."),
    )
    note = models.TextField(_("assumptions"), max_length=5_000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["task", "version"], name="businesscase_one_version"),
        ]

    def __str__(self) -> str:
        return f"{self.task} v{self.version}"


class BusinessCaseLine(models.Model):
    """One year's figure of a kind, as a low, expected and high estimate (kroner)."""

    class Kind(models.TextChoices):
        INVESTMENT = "investment", _("Investment")
        RUNNING = "running", _("Running costs")
        GAIN_BUDGET = "gain_budget", _("Gain, budget-effective")
        GAIN_OTHER = "gain_other", _("Gain, not budget-effective")

    COSTS = (Kind.INVESTMENT, Kind.RUNNING)
    GAINS = (Kind.GAIN_BUDGET, Kind.GAIN_OTHER)

    case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_sensible_year])
    low = models.DecimalField(_("low (kr.)"), **MONEY, validators=NOT_NEGATIVE)
    expected = models.DecimalField(_("expected (kr.)"), **MONEY, validators=NOT_NEGATIVE)
    high = models.DecimalField(_("high (kr.)"), **MONEY, validators=NOT_NEGATIVE)

    class Meta:
        verbose_name = _("business case line")
        verbose_name_plural = _("business case lines")
        ordering = ["year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "year"], name="caseline_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(low__gte=0)
                & models.Q(low__lte=models.F("expected"))
                & models.Q(expected__lte=models.F("high")),
                name="caseline_low_expected_high",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    def clean(self) -> None:
        if None not in (self.low, self.expected, self.high) and not (
            self.low <= self.expected <= self.high
        ):
            raise ValidationError(_("The low estimate, the expected and the high must rise."))
