"""Partners outside the municipality and the partnerships made with them (seed §9).

An ``Organisation`` is a company, association, knowledge institution, another
municipality, a region or a foundation; people from outside belong to one
(``organisation.Person.organisation``). A ``Partnership`` (partnerskabsaftale)
is one agreement with one or more organisations: a 4K co-operation is one
partnership between several municipalities. It takes part in innovation tasks
through ``TaskPartnership``, with the partner's role on each.

The network app sits above the portfolio: it refers to tasks, the portfolio
never refers to it.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date


class Organisation(TimeStampedModel):
    """A company, association, research institution or other body outside the municipality."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        ASSOCIATION = "association", _("Association")
        KNOWLEDGE_INSTITUTION = "knowledge", _("Research or education institution")
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        FOUNDATION = "foundation", _("Foundation")
        PUBLIC_BODY = "public", _("Other public body")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        blank=True,
        help_text=_("The Danish business registration number, eight digits."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    location = models.CharField(
        _("location"), max_length=100, blank=True, help_text=_("The municipality it lies in.")
    )
    description = models.TextField(
        _("description"),
        max_length=2_000,
        blank=True,
        help_text=_("What the organisation does, in a few lines."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"], condition=~models.Q(cvr=""), name="organisation_unique_cvr"
            ),
            models.CheckConstraint(
                condition=models.Q(cvr="") | models.Q(cvr__regex=r"^[0-9]{8}$"),
                name="organisation_cvr_eight_digits",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Partnership(TimeStampedModel):
    """A partnership agreement (partnerskabsaftale) with one or more organisations."""

    class Status(models.TextChoices):
        NEGOTIATION = "negotiation", _("Under negotiation")
        ACTIVE = "active", _("Active")
        ENDED = "ended", pgettext_lazy("partnership status", "Ended")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.NEGOTIATION, Status.ACTIVE)
    CLOSED = (Status.ENDED, Status.CANCELLED)

    title = models.CharField(_("title"), max_length=200)
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), related_name="partnerships"
    )
    purpose = models.TextField(
        _("purpose"),
        max_length=5_000,
        help_text=_("What the partners want to achieve together."),
    )
    starts_on = models.DateField(_("starts"), validators=[validate_sensible_date])
    ends_on = models.DateField(
        _("ends"),
        null=True,
        blank=True,
        validators=[validate_sensible_date],
        help_text=_("Leave it empty if the partnership runs until further notice."),
    )
    contact_name = models.CharField(_("contact at the partner"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact's e-mail"), blank=True)
    responsible = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("responsible in the municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    data_terms = models.TextField(
        _("data sharing"),
        max_length=5_000,
        blank=True,
        help_text=_("Which data are shared, on what legal basis, and how they are protected."),
    )
    rights_terms = models.TextField(
        _("rights to results"),
        max_length=5_000,
        blank=True,
        help_text=_("Who owns and may use what the partnership produces (IPR)."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEGOTIATION
    )
    closed_on = models.DateField(
        _("closed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The day the partnership was ended or cancelled."),
    )
    tasks = models.ManyToManyField(
        "portfolio.InnovationTask",
        through="TaskPartnership",
        verbose_name=_("innovation tasks"),
        related_name="partnerships",
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["-starts_on", "title", "pk"]
        indexes = [models.Index(fields=["status", "starts_on"], name="partnership_status_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="partnership_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["negotiation", "active"], closed_on__isnull=True)
                | Q(status__in=["ended", "cancelled"], closed_on__isnull=False),
                name="partnership_closed_when_ended",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The partnership cannot end before it starts.")})

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED


class TaskPartnership(models.Model):
    """A partnership taking part in an innovation task, with the partner's role on it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="task_links"
    )
    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("innovation task"),
        on_delete=models.PROTECT,
        related_name="partnership_links",
    )
    role = models.CharField(
        _("the partner's role"),
        max_length=200,
        blank=True,
        help_text=_("E.g. co-developer, test site, evaluator, funder."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task of a partnership")
        verbose_name_plural = _("tasks of partnerships")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "task"], name="taskpartnership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.task}"
