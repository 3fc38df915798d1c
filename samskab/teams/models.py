"""Who works on a task, what the task needs, and what people learn on it (seed §5.3, §5.6, §6)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date
from samskab.organisation.models import Person, PersonCompetency
from samskab.portfolio.phases import PhaseNumber


class Importance(models.IntegerChoices):
    NICE = 1, _("Nice to have")
    IMPORTANT = 2, _("Important")
    CRITICAL = 3, _("Critical")


class CompetencyNeed(TimeStampedModel):
    """A competency a task needs, how much, from which phase, and at what level."""

    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        related_name="competency_needs",
    )
    competency = models.ForeignKey(
        "organisation.Competency",
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    importance = models.PositiveSmallIntegerField(
        _("importance"), choices=Importance.choices, default=Importance.IMPORTANT
    )
    phase = models.PositiveSmallIntegerField(
        _("needed from phase"), choices=PhaseNumber.choices, default=2
    )
    level = models.PositiveSmallIntegerField(
        _("level needed"),
        choices=PersonCompetency.Level.choices,
        default=PersonCompetency.Level.PRACTISED,
        help_text=_("A member at this level or above covers the need."),
    )

    class Meta:
        verbose_name = _("competency need")
        verbose_name_plural = _("competency needs")
        ordering = ["-importance", "phase", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "competency"], name="need_once_per_task"),
            models.CheckConstraint(
                condition=Q(importance__gte=1, importance__lte=3), name="need_importance_1_to_3"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="need_level_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.competency}"


class Role(models.TextChoices):
    OWNER = "owner", _("Task owner")
    LEAD = "lead", _("Project lead")
    PARTNER = "partner", _("Innovation partner")
    CONSULTANT = "consultant", _("Innovation consultant")
    SPECIALIST = "specialist", _("Specialist")
    CITIZEN = "citizen", _("Citizen")
    COMPANY = "company", _("Company")
    ASSOCIATION = "association", _("Association")
    RESEARCHER = "researcher", _("Researcher")
    ENTREPRENEUR = "entrepreneur", _("Entrepreneur")


# The role an external person takes part in, by the kind of person.
EXTERNAL_ROLE = {
    Person.Kind.CITIZEN: Role.CITIZEN,
    Person.Kind.COMPANY: Role.COMPANY,
    Person.Kind.ASSOCIATION: Role.ASSOCIATION,
    Person.Kind.RESEARCHER: Role.RESEARCHER,
    Person.Kind.ENTREPRENEUR: Role.ENTREPRENEUR,
}
EXTERNAL_ROLES = frozenset(EXTERNAL_ROLE.values())


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships that have started and not ended on the day (today by default).

        ``ends_on`` is the day the membership ended: from that day the person is
        no longer on the team.
        """
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on), starts_on__lte=on)

    def ended(self, on=None):
        on = on or timezone.localdate()
        return self.filter(ends_on__lte=on)


class TeamMembership(TimeStampedModel):
    """One person's part in a task's team, from a date to a date; ending it keeps the row."""

    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("task"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=15, choices=Role.choices)
    allocation = models.PositiveSmallIntegerField(
        _("allocation (%)"),
        default=20,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The share of the person's working time that goes to the task."),
    )
    starts_on = models.DateField(
        _("from"), default=timezone.localdate, validators=[validate_sensible_date]
    )
    ends_on = models.DateField(
        _("ended"), null=True, blank=True, validators=[validate_sensible_date]
    )
    # External participants take part without a staff login, on their recorded consent.
    consent_on = models.DateField(
        _("consent given"), null=True, blank=True, validators=[validate_sensible_date]
    )
    consent_to = models.CharField(
        _("consented to"),
        max_length=300,
        blank=True,
        help_text=_("What the participant agreed to, e.g. that name and e-mail are kept."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["person", "ends_on"], name="membership_by_person")]
        constraints = [
            models.CheckConstraint(
                condition=Q(allocation__gte=0, allocation__lte=100),
                name="membership_allocation_0_to_100",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()} · {self.task}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on > today)


class LearningRecord(TimeStampedModel):
    """What a person learned, on which task, by what activity: a competency from one level to another."""

    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="learning_records",
    )
    competency = models.ForeignKey(
        "organisation.Competency",
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="learning_records",
    )
    level_before = models.PositiveSmallIntegerField(
        _("level before"), choices=PersonCompetency.Level.choices, null=True, blank=True
    )
    level_after = models.PositiveSmallIntegerField(
        _("level after"), choices=PersonCompetency.Level.choices
    )
    activity = models.CharField(_("activity"), max_length=300)
    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("task"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_records",
    )
    programme = models.ForeignKey(
        "teams.Programme",
        verbose_name=_("learning programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="learning_records",
    )
    learned_on = models.DateField(
        _("date"), default=timezone.localdate, validators=[validate_sensible_date]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("learning record")
        verbose_name_plural = _("learning records")
        ordering = ["-learned_on", "-pk"]
        indexes = [models.Index(fields=["competency", "learned_on"], name="learning_by_competency")]
        constraints = [
            models.CheckConstraint(
                condition=Q(level_after__gte=1, level_after__lte=4),
                name="learning_level_after_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(level_before__isnull=True)
                | Q(level_before__gte=1, level_before__lte=4),
                name="learning_level_before_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.competency} → {self.level_after}"


class StaffCapacity(TimeStampedModel):
    """The hours a week a member of the innovation unit has for the unit's work."""

    person = models.OneToOneField(
        "organisation.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="unit_capacity",
    )
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=4,
        decimal_places=1,
        default=37,
        validators=[MinValueValidator(0), MaxValueValidator(80)],
    )

    class Meta:
        verbose_name = _("capacity of unit staff")
        verbose_name_plural = _("capacity of unit staff")

    def __str__(self) -> str:
        return f"{self.person}: {self.hours_per_week} t"


# Learning programmes (seed §5.6, §6: innovation partners learn by doing, with a course) ----


class Programme(TimeStampedModel):
    """A learning programme the innovation unit runs, e.g. the innovation partners' course."""

    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(
        _("purpose"),
        max_length=5_000,
        help_text=_("What the participants learn, and how they take it home to their area."),
    )
    starts_on = models.DateField(_("starts"), validators=[validate_sensible_date])
    ends_on = models.DateField(_("ends"), validators=[validate_sensible_date])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("learning programme")
        verbose_name_plural = _("learning programmes")
        ordering = ["-starts_on", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="programme_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The programme cannot end before it starts.")})


class ProgrammeCompetency(models.Model):
    """A competency the programme builds, and the level it aims at."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="competencies",
        verbose_name=_("programme"),
    )
    competency = models.ForeignKey(
        "organisation.Competency",
        verbose_name=_("competency"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    target_level = models.PositiveSmallIntegerField(
        _("level aimed at"),
        choices=PersonCompetency.Level.choices,
        default=PersonCompetency.Level.PRACTISED,
    )

    class Meta:
        verbose_name = _("competency of a programme")
        verbose_name_plural = _("competencies of a programme")
        ordering = ["competency__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "competency"], name="programme_competency_once"
            ),
            models.CheckConstraint(
                condition=Q(target_level__gte=1, target_level__lte=4),
                name="programme_target_level_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.competency} → {self.target_level}"


class Session(TimeStampedModel):
    """One meeting of a programme: when, where and about what."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("programme")
    )
    on = models.DateField(_("date"), validators=[validate_sensible_date])
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["on", "starts_at", "pk"]
        indexes = [models.Index(fields=["on", "programme"], name="session_by_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.topic} ({self.on})"


class Participation(TimeStampedModel):
    """An employee's part in a programme: invited or asking to join, taking part, completed or
    dropped out (dated and kept)."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        REQUESTED = "requested", _("Asked to join")
        ACTIVE = "active", _("Taking part")
        COMPLETED = "completed", pgettext_lazy("learning programme", "Completed")
        DROPPED = "dropped", _("Dropped out")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("programme"),
    )
    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    asked_on = models.DateField(_("invited or asked on"), default=timezone.localdate)
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    dropped_on = models.DateField(_("dropped out"), null=True, blank=True)
    drop_reason = models.CharField(_("why"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["person__name", "pk"]
        indexes = [models.Index(fields=["person", "status"], name="participation_by_person")]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person"], name="participation_once_per_programme"
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
                name="participation_completed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="dropped") | Q(dropped_on__isnull=False),
                name="participation_dropped_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.programme} · {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        """Not yet completed or dropped."""
        return self.status in (self.Status.INVITED, self.Status.REQUESTED, self.Status.ACTIVE)


class Attendance(models.Model):
    """Whether a participant came to a session."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("participation"),
    )
    present = models.BooleanField(_("present"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participation"], name="attendance_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation.person} · {self.session}"
