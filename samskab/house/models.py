"""The innovation house (seed §7): its rooms, workshop and equipment, their bookings,
and the entrepreneurs in residence.

A ``Resource`` is something in the house that can be booked or used as the place of
an event; what it holds and how it can be reached is told, so a visitor knows before
coming. A ``Booking`` holds a resource for a time; a ``Residency`` lends a desk to an
entrepreneur who gives skills back.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date
from samskab.organisation.models import PersonCompetency


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


class BookingQuerySet(models.QuerySet):
    def active(self):
        """Bookings that hold their time: a cancelled booking is kept as history only."""
        return self.filter(cancelled_at__isnull=True)

    def overlapping(self, starts_at, ends_at):
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class BookingSeries(TimeStampedModel):
    """A weekly (or every n weeks) booking until a day: its occurrences are Bookings."""

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.PROTECT, related_name="series"
    )
    every_weeks = models.PositiveSmallIntegerField(
        _("every n weeks"), default=1, validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    until = models.DateField(_("until"))
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("recurring booking")
        verbose_name_plural = _("recurring bookings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(every_weeks__gte=1, every_weeks__lte=8),
                name="bookingseries_every_1_to_8_weeks",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} · {self.until}"


class Booking(TimeStampedModel):
    """A resource held from a moment to a moment, for a purpose.

    Two bookings of one resource never overlap while neither is cancelled: the services
    check it under a lock, and on PostgreSQL an exclusion constraint (migration
    0003_booking_no_overlap_on_postgresql) refuses it in the database too.
    """

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    title = models.CharField(_("title or purpose"), max_length=200)
    public = models.BooleanField(
        _("show the title publicly"),
        default=False,
        help_text=_(
            "Public calendars and feeds show the title; otherwise they only say the time is taken."
        ),
    )
    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("innovation task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    series = models.ForeignKey(
        BookingSeries,
        verbose_name=_("recurring booking"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bookings",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="house_bookings",
    )
    booked_for = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("booked for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="house_bookings",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["resource", "starts_at"], name="booking_resource_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} · {self.title}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Residency(TimeStampedModel):
    """An entrepreneur in residence (seed §7): a desk in the house, given back in skills.

    The resident is a person from outside the municipality, or a company as a whole
    (then ``person`` may name its contact). With consent, dated and with its text, a
    current resident with a person is proposed by the team composer.
    """

    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residencies",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residencies",
    )
    starts_on = models.DateField(_("from"), validators=[validate_sensible_date])
    ends_on = models.DateField(
        _("until"),
        null=True,
        blank=True,
        validators=[validate_sensible_date],
        help_text=_("The last day of the residency. Leave empty while it is open-ended."),
    )
    desk = models.ForeignKey(
        Resource,
        verbose_name=_("desk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residencies",
        limit_choices_to={"kind": Resource.Kind.DESK},
    )
    works_on = models.TextField(_("works on"), max_length=2_000)
    offers = models.TextField(
        _("skills offered"),
        max_length=2_000,
        blank=True,
        help_text=_("What the resident contributes to innovation tasks, in their own words."),
    )
    consent_on = models.DateField(
        _("consent given"), null=True, blank=True, validators=[validate_sensible_date]
    )
    consent_to = models.CharField(
        _("consented to"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the resident agreed to, e.g. to be proposed to teams with name and skills."
        ),
    )
    competencies = models.ManyToManyField(
        "organisation.Competency",
        through="ResidencySkill",
        verbose_name=_("competencies"),
        related_name="+",
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("residency")
        verbose_name_plural = _("residencies")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="residency_has_a_resident",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="residency_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.person_id and self.organisation_id:
            return f"{self.person.name} ({self.organisation.name})"
        return self.person.name if self.person_id else self.organisation.name

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    @property
    def has_consent(self) -> bool:
        return self.consent_on is not None and bool(self.consent_to.strip())


class ResidencySkill(models.Model):
    """A competency a resident contributes, at a level of 1-4."""

    residency = models.ForeignKey(Residency, on_delete=models.CASCADE, related_name="skills")
    competency = models.ForeignKey(
        "organisation.Competency", on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=PersonCompetency.Level.choices)

    class Meta:
        verbose_name = _("skill of a resident")
        verbose_name_plural = _("skills of residents")
        constraints = [
            models.UniqueConstraint(
                fields=["residency", "competency"], name="residencyskill_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="residencyskill_level_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.residency}: {self.competency} ({self.level})"


class FeedToken(TimeStampedModel):
    """A person's secret address of the house's calendar feed with titles; renewed to revoke."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="house_feed_token"
    )
    key = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")

    def __str__(self) -> str:
        return str(self.user)
