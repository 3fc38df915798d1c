"""Trials (prøvehandlinger): the experiment card, its measurements and the learning card.

What a measurement means: each row is one observation of the experiment's
metric for one group on one date, for instance one week's average waiting
time. ``value`` is that observation, in the metric's unit; ``observations``
(n) is how many underlying cases it was computed from (the citizens, cases or
answers behind the week's average), recorded so the reader sees the base.
The effect statistics treat each row as one observation: a group's mean is the
mean of its rows' values, and the intervals use the number of rows, not the
sum of n (see effects.py).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date


class Design(models.TextChoices):
    BEFORE_AFTER = "before_after", _("Before and after")
    COMPARISON = "comparison", _("With a comparison group")
    RANDOMISED = "randomised", _("Randomised")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class ValueServed(models.TextChoices):
    """The values of public innovation in Denmark's innovation barometer."""

    QUALITY = "quality", _("Quality")
    EFFICIENCY = "efficiency", _("Efficiency")
    CITIZEN_INVOLVEMENT = "citizen_involvement", _("Citizen involvement")
    EMPLOYEE_SATISFACTION = "employee_satisfaction", _("Employee satisfaction")
    POLITICAL_GOALS = "political_goals", _("Political goals")


class Validation(models.TextChoices):
    NONE = "", _("Not yet")
    AT_SCALE = "at_scale", _("Repeated at scale")
    INDEPENDENT = "independent", _("Evaluated independently")


class Advice(models.TextChoices):
    GO = "go", _("Go: the trial met its criterion")
    ADJUST = "adjust", _("Adjust and test again")
    STOP = "stop", _("Stop: the trial showed no improvement")


class Experiment(TimeStampedModel):
    """A test card: what we believe, what we try, how we measure it and what counts as success."""

    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("innovation task"),
        on_delete=models.PROTECT,
        related_name="experiments",
    )
    title = models.CharField(_("title"), max_length=200)
    hypothesis = models.TextField(
        _("hypothesis"), max_length=3_000, help_text=_("We believe that … will lead to …")
    )
    intervention = models.TextField(_("what is tried"), max_length=3_000)
    metric = models.CharField(_("metric"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("For example minutes, DKK, %."))
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline = models.DecimalField(
        _("baseline"),
        max_digits=14,
        decimal_places=4,
        help_text=_("The metric's value before the trial."),
    )
    target_change = models.DecimalField(
        _("improvement that counts as success"),
        max_digits=14,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "In the metric's unit, in the better direction: against the baseline, or against "
            "the comparison group when the design has one."
        ),
    )
    success_criterion = models.TextField(_("success criterion"), max_length=2_000)
    design = models.CharField(
        _("design"), max_length=12, choices=Design.choices, default=Design.BEFORE_AFTER
    )
    repeats = models.ForeignKey(
        "self",
        verbose_name=_("repeats the trial"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repetitions",
    )
    validation = models.CharField(
        _("repeated at scale or evaluated independently"),
        max_length=12,
        choices=Validation.choices,
        default=Validation.NONE,
        blank=True,
    )
    starts_on = models.DateField(_("starts"), validators=[validate_sensible_date])
    ends_on = models.DateField(_("ends"), validators=[validate_sensible_date])
    owner = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    value_served = models.CharField(
        _("value it serves"), max_length=25, choices=ValueServed.choices
    )
    # Kept by services.experiment_refresh() whenever the card or its measurements change,
    # so that lists and meeting packs show them without reading the measurements.
    evidence_level = models.PositiveSmallIntegerField(_("evidence level"), default=1)
    criterion_met = models.BooleanField(_("criterion met"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trial")
        verbose_name_plural = _("trials")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="experiment_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(evidence_level__gte=1, evidence_level__lte=5),
                name="experiment_evidence_level_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(target_change__gte=0), name="experiment_target_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_comparison(self) -> bool:
        return self.design in (Design.COMPARISON, Design.RANDOMISED)

    @property
    def is_concluded(self) -> bool:
        return hasattr(self, "learning_card")


class Measurement(models.Model):
    """One observation of an experiment's metric for one group on one date (see the module)."""

    class Group(models.TextChoices):
        TRIAL = "trial", _("Trial group")
        COMPARISON = "comparison", _("Comparison group")

    experiment = models.ForeignKey(
        Experiment, on_delete=models.CASCADE, related_name="measurements"
    )
    measured_on = models.DateField(_("date"), validators=[validate_sensible_date])
    group = models.CharField(_("group"), max_length=10, choices=Group.choices, default=Group.TRIAL)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    observations = models.PositiveIntegerField(
        _("number of observations"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many cases, citizens or answers the value is computed from."),
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["measured_on", "group", "pk"]
        indexes = [models.Index(fields=["experiment", "measured_on"], name="measurement_by_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(observations__gte=1), name="measurement_observations_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.experiment}: {self.measured_on} {self.value}"


class LearningCard(TimeStampedModel):
    """Concludes an experiment: what we saw, learned and decide, and the advice the evidence gives.

    The evidence level, the criterion and the advice are kept as they stood when the
    experiment was concluded; a concluded experiment takes no more measurements.
    """

    experiment = models.OneToOneField(
        Experiment, on_delete=models.CASCADE, related_name="learning_card"
    )
    saw = models.TextField(_("what we saw"), max_length=5_000)
    learned = models.TextField(_("what we learned"), max_length=5_000)
    decide = models.TextField(_("what we decide"), max_length=5_000)
    advice = models.CharField(_("stop/go advice"), max_length=6, choices=Advice.choices)
    evidence_level = models.PositiveSmallIntegerField(_("evidence level"))
    criterion_met = models.BooleanField(_("criterion met"), null=True, blank=True)
    effect_documented = models.BooleanField(_("effect documented"), default=False)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("learning card")
        verbose_name_plural = _("learning cards")

    def __str__(self) -> str:
        return str(self.experiment)
