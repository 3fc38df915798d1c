"""The innovation house (seed §7): its rooms, workshop and equipment.

A ``Resource`` is something in the house that can be booked or used as the place of
an event; what it holds and how it can be reached is told, so a visitor knows before
coming.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel


class Resource(TimeStampedModel):
    """A room, the workshop, a desk or a piece of equipment in the house."""

    class Kind(models.TextChoices):
        ROOM = "room", _("Meeting room")
        WORKSHOP = "workshop", _("Workshop")
        DESK = "desk", _("Desk")
        EQUIPMENT = "equipment", _("Equipment")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ROOM)
    description = models.TextField(_("description"), max_length=2_000, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many people it holds. Leave empty for equipment."),
    )
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("Floor and room number.")
    )
    accessibility = models.TextField(
        _("accessibility"),
        max_length=2_000,
        blank=True,
        help_text=_("Step-free access, hearing loop, height-adjustable tables and the like."),
    )
    active = models.BooleanField(
        _("can be booked"), default=True, help_text=_("Untick to take it out of use.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="resource_capacity_positive",
            )
        ]

    def __str__(self) -> str:
        return self.name
