from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel


class Organisation(TimeStampedModel):
    """A company, association, research institution or other body outside the municipality."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        ASSOCIATION = "association", _("Association")
        KNOWLEDGE_INSTITUTION = "knowledge", _("Research or education institution")
        MUNICIPALITY = "municipality", _("Municipality")
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
