"""Events and workshops of the innovation unit, with sign-up and a waiting list (seed §3–§4, §7).

An ``Event`` is held in a resource of the innovation house or at an address, for
everyone or for employees only; it takes ``capacity`` participants. A ``SignUp`` is one
person's place: a user's counts at once, an anonymous visitor's once the e-mailed link
is confirmed. A sign-up that counts gets the next ``position`` of its event; it has a
place while there is room, and waits otherwise, the waiting list in order of position.
The event keeps how many have a place and how many wait (``confirmed_count`` and
``waiting_count``), written by the services under the event's lock, so lists never
count sign-ups.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    INTERNAL = "internal", _("Employees only")


class Event(TimeStampedModel):
    """A workshop, a meeting or another event the innovation unit holds."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10_000)
    starts_at = models.DateTimeField(_("starts"), validators=[validate_sensible_date])
    ends_at = models.DateTimeField(_("ends"), validators=[validate_sensible_date])
    resource = models.ForeignKey(
        "house.Resource",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("place in the innovation house"),
    )
    booking = models.OneToOneField(
        "house.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="event",
        verbose_name=_("booking of the place"),
    )
    address = models.CharField(
        _("address"),
        max_length=300,
        blank=True,
        help_text=_("Where the event is held, if not in the innovation house."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1)], help_text=_("How many can take part.")
    )
    signup_deadline = models.DateTimeField(
        _("sign-up deadline"), validators=[validate_sensible_date]
    )
    task = models.ForeignKey(
        "portfolio.InnovationTask",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("innovation task"),
        help_text=_("The task the event is part of, e.g. a co-creation workshop in phase 1."),
    )
    audience = models.CharField(
        _("for whom"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.TextField(_("why it is cancelled"), max_length=2_000, blank=True)
    confirmed_count = models.PositiveIntegerField(_("participants"), default=0, editable=False)
    waiting_count = models.PositiveIntegerField(_("waiting"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["confirmed_count", "waiting_count"])

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"], name="event_status_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(signup_deadline__lte=models.F("starts_at")),
                name="event_deadline_before_start",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="event_capacity"),
            models.CheckConstraint(
                condition=models.Q(resource__isnull=False) | ~models.Q(address=""),
                name="event_has_a_place",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.starts_at and self.signup_deadline and self.signup_deadline > self.starts_at:
            errors["signup_deadline"] = _("The sign-up deadline cannot be after the start.")
        if self.resource_id is None and not self.address.strip():
            errors["address"] = _("Choose a place in the innovation house or give an address.")
        if errors:
            raise ValidationError(errors)

    @property
    def place(self) -> str:
        if self.resource_id is not None:
            return str(self.resource)
        return self.address

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.confirmed_count >= self.capacity

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    def is_open_for_signup(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and now <= self.signup_deadline


class SignUp(TimeStampedModel):
    """One person signed up to an event: a user, or a name and an e-mail address."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("Has a place")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE = (Status.CONFIRMED, Status.WAITING)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_signups",
    )
    # Without an account, the name and address given; a user's are read from the account.
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNCONFIRMED
    )
    # The order in which sign-ups came to count: the waiting list is served in this order.
    position = models.PositiveIntegerField(_("number"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("counted from"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["event_id", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(user__isnull=False),
                name="signup_once_per_user",
            ),
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=models.Q(user__isnull=True),
                name="signup_once_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "position"],
                condition=models.Q(position__isnull=False),
                name="signup_unique_position",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="signup_has_a_person",
            ),
            models.CheckConstraint(
                condition=models.Q(status="unconfirmed")
                | models.Q(position__isnull=False, confirmed_at__isnull=False),
                name="signup_counted_has_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} – {self.event}"

    @property
    def display_name(self) -> str:
        return self.user.display_name() if self.user_id is not None else self.name

    @property
    def address(self) -> str:
        """Where to write to the person: the account's address, or the one given."""
        return self.user.email if self.user_id is not None else self.email

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE
