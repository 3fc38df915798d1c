"""Scaling, implementation and spreading of a task's solution (seed §4 phases 5–7).

A task's scaling plan names its target units; each target is an ``Adoption`` whose
state moves from planned to in operation (or adapted, or abandoned), each move kept
as an ``AdoptionEvent`` so that the degree of scaling can be told for any day.
Phase 6's implementation plan is a list of milestones and a handover to operation;
phase 7's spreading is the ``Uptake`` by other areas and other organisations.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date


class ScalingPlan(TimeStampedModel):
    """How a task's solution is taken into use across the area (phase 5)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    task = models.OneToOneField(
        "portfolio.InnovationTask",
        on_delete=models.CASCADE,
        related_name="scaling_plan",
        verbose_name=_("task"),
    )
    approach = models.TextField(
        _("approach"),
        max_length=5_000,
        help_text=_(
            "How the solution is taken into use: in which order, with what training and support."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scaling plan")
        verbose_name_plural = _("scaling plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(approved_on__isnull=False),
                name="scalingplan_approved_has_date",
            )
        ]

    def __str__(self) -> str:
        return str(self.task)


class Milestone(TimeStampedModel):
    """A dated step of the scaling plan (phase 5) or the implementation plan (phase 6)."""

    class Plan(models.TextChoices):
        SCALING = "scaling", _("Scaling plan")
        IMPLEMENTATION = "implementation", _("Implementation plan")

    task = models.ForeignKey(
        "portfolio.InnovationTask", on_delete=models.CASCADE, related_name="milestones"
    )
    plan = models.CharField(_("plan"), max_length=15, choices=Plan.choices)
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due"), validators=[validate_sensible_date])
    owner = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    done_on = models.DateField(
        _("done on"), null=True, blank=True, validators=[validate_sensible_date]
    )
    benefit_line = models.ForeignKey(
        "benefits.BenefitLine",
        verbose_name=_("benefit line"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The gain of the benefit agreement that this milestone makes possible."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Adoption(TimeStampedModel):
    """One target unit of a task's solution and where it stands in taking it into use."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        PREPARING = "preparing", _("Preparing")
        OPERATING = "operating", _("In operation")
        ADAPTED = "adapted", _("In operation, adapted")
        ABANDONED = "abandoned", _("Abandoned")

    IN_OPERATION = (State.OPERATING, State.ADAPTED)

    task = models.ForeignKey(
        "portfolio.InnovationTask", on_delete=models.CASCADE, related_name="adoptions"
    )
    unit = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    since = models.DateField(_("since"), validators=[validate_sensible_date])
    responsible = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("responsible in the unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(
        _("note"),
        max_length=2_000,
        blank=True,
        help_text=_("What was changed (adapted), or why it was abandoned."),
    )

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["unit__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="adoption_one_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.task} – {self.unit}"

    @property
    def in_operation(self) -> bool:
        return self.state in self.IN_OPERATION

    def clean(self) -> None:
        if self.state in (self.State.ADAPTED, self.State.ABANDONED) and not self.note.strip():
            raise ValidationError(
                {
                    "note": _("Say what was changed.")
                    if self.state == self.State.ADAPTED
                    else _("Say why the unit abandoned the solution.")
                }
            )


class AdoptionEvent(models.Model):
    """A dated change of an adoption's state: the history the degree of scaling is told from."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(_("state"), max_length=10, choices=Adoption.State.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), max_length=2_000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("change of state")
        verbose_name_plural = _("changes of state")
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.get_state_display()}"


class Handover(TimeStampedModel):
    """Phase 6: who runs the solution once implemented, and with what budget."""

    task = models.OneToOneField(
        "portfolio.InnovationTask", on_delete=models.CASCADE, related_name="handover"
    )
    operated_by = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("run by unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("responsible for operation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    yearly_budget = models.DecimalField(
        _("yearly operating budget (kr.)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    handed_over_on = models.DateField(
        _("handed over on"), null=True, blank=True, validators=[validate_sensible_date]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handover to operation")
        verbose_name_plural = _("handovers to operation")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(yearly_budget__gte=0), name="handover_budget_not_negative"
            )
        ]


class Uptake(TimeStampedModel):
    """Phase 7: another area or another organisation taking the solution up."""

    class State(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        PREPARING = "preparing", _("Preparing")
        OPERATING = "operating", _("In operation")
        DECLINED = "declined", _("Declined")

    task = models.ForeignKey(
        "portfolio.InnovationTask", on_delete=models.CASCADE, related_name="uptakes"
    )
    area = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("area of the municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("other organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uptakes",
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.INTERESTED
    )
    since = models.DateField(_("since"), validators=[validate_sensible_date])
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact's e-mail"), blank=True)
    note = models.TextField(_("note"), max_length=2_000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("uptake")
        verbose_name_plural = _("uptakes")
        ordering = ["-since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(area__isnull=False, organisation__isnull=True)
                    | models.Q(area__isnull=True, organisation__isnull=False)
                ),
                name="uptake_area_or_organisation",
            )
        ]

    def __str__(self) -> str:
        return str(self.area or self.organisation)

    @property
    def taker(self):
        return self.area or self.organisation

    def clean(self) -> None:
        if bool(self.area_id) == bool(self.organisation_id):
            raise ValidationError(
                _("Choose either an area of the municipality or another organisation.")
            )
