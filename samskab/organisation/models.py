from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel


class OrgUnit(TimeStampedModel):
    """One unit of the municipality's organisation: kommune, område, afdeling or institution."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "kommune", _("Municipality")
        AREA = "omraade", _("Area")
        DEPARTMENT = "afdeling", _("Department")
        INSTITUTION = "institution", _("Institution")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("level"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    external_id = models.CharField(
        _("id in the source system"),
        max_length=64,
        blank=True,
        help_text=_("The unit's id in the HR or organisation system it is imported from."),
    )
    manager = models.ForeignKey(
        "Person",
        verbose_name=_("manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_units",
        help_text=_("The unit's manager, as the organisation system has it."),
    )

    class Meta:
        verbose_name = _("organisational unit")
        verbose_name_plural = _("organisational units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="orgunit_unique_external_id",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="orgunit_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Competency(TimeStampedModel):
    """A competency an innovation task may need (seed §6), extendable by administrators."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name (Danish)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def text(self) -> str:
        if get_language() == "en" and self.description_en:
            return self.description_en
        return self.description


class Person(TimeStampedModel):
    """An employee of the municipality or a person from outside it."""

    class Kind(models.TextChoices):
        EMPLOYEE = "employee", _("Employee")
        CITIZEN = "citizen", _("Citizen")
        COMPANY = "company", _("Company representative")
        ASSOCIATION = "association", _("Association representative")
        RESEARCHER = "researcher", _("Researcher")
        ENTREPRENEUR = "entrepreneur", _("Entrepreneur")
        POLITICIAN = "politician", _("Elected member")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EMPLOYEE)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    about = models.TextField(
        _("about"),
        blank=True,
        help_text=_("What you work with and what you would like to contribute."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisational unit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    external_id = models.CharField(
        _("employee id"),
        max_length=64,
        blank=True,
        help_text=_("The employee's id in the HR system it is imported from."),
    )
    ended_on = models.DateField(
        _("left on"),
        null=True,
        blank=True,
        help_text=_(
            "The day the organisation system no longer had the employee. The person is kept, "
            "with their history."
        ),
    )
    competencies = models.ManyToManyField(
        Competency,
        through="PersonCompetency",
        verbose_name=_("competencies"),
        related_name="people",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="person_unique_external_id",
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"], name="person_kind_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_employee(self) -> bool:
        return self.kind == self.Kind.EMPLOYEE


class PersonCompetency(models.Model):
    """How well a person masters a competency, on a scale of 1-4."""

    class Level(models.IntegerChoices):
        BASIC = 1, _("1 – Basic")
        PRACTISED = 2, _("2 – Practised")
        EXPERIENCED = 3, _("3 – Experienced")
        EXPERT = 4, _("4 – Expert")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="person_competencies")
    competency = models.ForeignKey(
        Competency, on_delete=models.PROTECT, related_name="person_competencies"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)

    class Meta:
        verbose_name = _("competency of a person")
        verbose_name_plural = _("competencies of people")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "competency"], name="personcompetency_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4),
                name="personcompetency_level_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.competency} ({self.level})"
