"""What Denmark's innovation survey (Innovationsbarometeret) asks of each innovation task.

The survey, run by Center for Offentlig Innovation with Danmarks Statistik,
asks public workplaces about their innovations. The type of innovation is the
task's own ``category``; the rest is here, one row per task, made when its
answers are first saved. A question with several answers is a group of
BooleanFields (counted with one aggregate on SQLite and PostgreSQL alike); a
question with one answer is a choice whose empty value means "not answered".
``survey.py`` lists the questions in the survey's order.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel


class Origin(models.TextChoices):
    NOT_ANSWERED = "", _("Not answered")
    NEW = "new", _("Newly developed: our own original innovation")
    ADAPTED = "adapted", _("Adapted or copied from others")


class Initiator(models.TextChoices):
    NOT_ANSWERED = "", _("Not answered")
    MANAGEMENT = "management", _("Management")
    EMPLOYEES = "employees", _("Employees")
    POLITICIANS = "politicians", _("Politicians")
    CITIZENS = "citizens", _("Citizens or users")
    COMPANIES = "companies", _("Private companies")
    PUBLIC_BODIES = "public_bodies", _("Other public bodies")
    OTHER = "other", _("Others")


class Spread(models.TextChoices):
    NOT_ANSWERED = "", _("Not answered")
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_YET = "not_yet", _("Not yet")


class Evaluation(models.TextChoices):
    NOT_ANSWERED = "", _("Not answered")
    INTERNAL = "internal", _("Internally")
    EXTERNAL = "external", _("Externally")
    BOTH = "both", _("Both internally and externally")
    NOT_YET = "not_yet", _("Not evaluated yet")


class SurveyAnswers(TimeStampedModel):
    """A task's answers to the innovation barometer's questions."""

    task = models.OneToOneField(
        "portfolio.InnovationTask",
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        related_name="survey_answers",
    )
    # The value the innovation serves (several may apply).
    value_quality = models.BooleanField(_("better quality"), default=False)
    value_efficiency = models.BooleanField(_("efficiency"), default=False)
    value_involvement = models.BooleanField(
        _("citizen involvement or democratic participation"), default=False
    )
    value_employees = models.BooleanField(_("employee satisfaction"), default=False)
    value_political = models.BooleanField(_("reaching political goals"), default=False)
    # New, or adapted from elsewhere.
    origin = models.CharField(
        _("new or adapted"), max_length=10, choices=Origin.choices, blank=True, default=""
    )
    # Who took the initiative.
    initiator = models.CharField(
        _("initiated by"), max_length=15, choices=Initiator.choices, blank=True, default=""
    )
    # Whom the workplace worked with (several may apply; "none" on its own).
    partner_municipalities = models.BooleanField(_("other municipalities"), default=False)
    partner_regions = models.BooleanField(_("regions"), default=False)
    partner_state = models.BooleanField(_("the state"), default=False)
    partner_companies = models.BooleanField(_("private companies"), default=False)
    partner_knowledge = models.BooleanField(_("knowledge institutions"), default=False)
    partner_associations = models.BooleanField(_("associations and volunteers"), default=False)
    partner_citizens = models.BooleanField(_("citizens"), default=False)
    partner_none = models.BooleanField(_("no partners"), default=False)
    # How it is financed (several may apply).
    funding_operating = models.BooleanField(_("own operating budget"), default=False)
    funding_pool = models.BooleanField(
        _("an internal pool, such as the investment pool"), default=False
    )
    funding_external = models.BooleanField(_("external funds or foundations"), default=False)
    funding_partners = models.BooleanField(_("partners' contributions"), default=False)
    # Spread actively to others.
    spread = models.CharField(
        _("actively spread to others"),
        max_length=10,
        choices=Spread.choices,
        blank=True,
        default="",
    )
    evaluation = models.CharField(
        _("evaluated"), max_length=10, choices=Evaluation.choices, blank=True, default=""
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("innovation barometer answers")
        verbose_name_plural = _("innovation barometer answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(partner_none=False)
                | models.Q(
                    partner_municipalities=False,
                    partner_regions=False,
                    partner_state=False,
                    partner_companies=False,
                    partner_knowledge=False,
                    partner_associations=False,
                    partner_citizens=False,
                ),
                name="surveyanswers_no_partners_alone",
            ),
        ]

    def __str__(self) -> str:
        return str(self.task)

    def clean(self) -> None:
        super().clean()
        partners = [field for field in PARTNER_FIELDS if field != "partner_none"]
        if self.partner_none and any(getattr(self, field) for field in partners):
            raise ValidationError(
                {
                    "partner_none": _(
                        "“No partners” cannot be ticked together with a type of partner."
                    )
                }
            )


PARTNER_FIELDS = (
    "partner_municipalities",
    "partner_regions",
    "partner_state",
    "partner_companies",
    "partner_knowledge",
    "partner_associations",
    "partner_citizens",
    "partner_none",
)
