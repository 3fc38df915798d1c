from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date

from . import closure
from .phases import PhaseNumber


class Novelty(models.TextChoices):
    """Seed §2: radical innovation replaces a solution; incremental changes one."""

    RADICAL = "radical", _("Radical")
    INCREMENTAL = "incremental", _("Incremental")


class Category(models.TextChoices):
    """The types of public innovation in Denmark's innovation barometer."""

    SERVICE = "service", _("Service or product")
    PROCESS = "process", _("Process")
    ORGANISATION = "organisation", _("Organisation")
    COMMUNICATION = "communication", _("Communication")


# Triage -------------------------------------------------------------------------


class Criterion(TimeStampedModel):
    """A criterion ideas are assessed against, with its weight; the chief edits them."""

    name = models.CharField(_("name (Danish)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    description = models.TextField(_("what a high score means"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    higher_is_better = models.BooleanField(
        _("a high score is good"),
        default=True,
        help_text=_("Off for criteria such as risk, where a high score counts against."),
    )
    counts_as = models.CharField(
        _("counts towards"),
        max_length=10,
        choices=[("potential", _("Potential")), ("effort", _("Effort and risk"))],
        default="potential",
    )
    active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Assessment(TimeStampedModel):
    """The triage of a candidate: one idea or a group of related ideas."""

    class Status(models.TextChoices):
        OPEN = "open", _("Being assessed")
        CLOSED = "closed", _("Decided")

    class Outcome(models.TextChoices):
        DECLINED = "declined", _("Declined")
        PARKED = "parked", _("Parked")
        MERGED = "merged", _("Merged")
        SPARRING = "sparring", _("Sparring")
        PROPOSAL = "proposal", _("Task proposal")

    title = models.CharField(_("title"), max_length=200)
    ideas = models.ManyToManyField(
        "ideas.Idea", verbose_name=_("ideas"), related_name="assessments", blank=True
    )
    novelty = models.CharField(
        _("radical or incremental"), max_length=12, choices=Novelty.choices, blank=True
    )
    category = models.CharField(
        _("type of innovation"), max_length=15, choices=Category.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="closed") & ~Q(outcome=""))
                | (Q(status="open") & Q(outcome="")),
                name="assessment_closed_has_an_outcome",
            )
        ]

    def __str__(self) -> str:
        return self.title


class AssessorAssignment(models.Model):
    """One assessor's part in an assessment; scores stay private until they submit."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "assessor"], name="assessor_once")
        ]

    def __str__(self) -> str:
        return f"{self.assessor} · {self.assessment}"


class Score(models.Model):
    """One assessor's score of one criterion, 1-5, with the reason."""

    assignment = models.ForeignKey(
        AssessorAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reason = models.TextField(_("reason"), max_length=2_000)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once"),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


# Sparring -----------------------------------------------------------------------


class SparringRequest(TimeStampedModel):
    """Short, time-boxed help from the innovation unit, queued by the chief (DESIGN rule 3)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In the queue")
        ACTIVE = "active", _("In progress")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what help is needed"), max_length=5_000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sparring_requests",
    )
    area = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sparring_requests",
    )
    idea = models.ForeignKey(
        "ideas.Idea",
        verbose_name=_("idea"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sparring_requests",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    position = models.PositiveIntegerField(_("place in the queue"), default=0)
    time_box_hours = models.DecimalField(
        _("time box (hours)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("20.0"),
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    hours_used = models.DecimalField(
        _("hours used"), max_digits=7, decimal_places=1, default=Decimal("0")
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.TextField(_("outcome"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sparring request")
        verbose_name_plural = _("sparring requests")
        ordering = ["position", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_over_time_box(self) -> bool:
        return self.hours_used > self.time_box_hours


class SparringLog(models.Model):
    """Hours spent on a sparring request, by whom, with what."""

    request = models.ForeignKey(SparringRequest, on_delete=models.CASCADE, related_name="logs")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    worked_on = models.DateField(
        _("date"), default=timezone.localdate, validators=[validate_sensible_date]
    )
    hours = models.DecimalField(
        _("hours"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    note = models.TextField(_("what was done"), max_length=2_000, blank=True)

    class Meta:
        ordering = ["worked_on", "pk"]

    def __str__(self) -> str:
        return f"{self.request}: {self.hours} t"


# Proposals and tasks ------------------------------------------------------------


class TaskFields(TimeStampedModel):
    """What a proposal and the task started from it describe alike."""

    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"), max_length=5_000)
    ambition = models.TextField(
        _("ambition"),
        max_length=5_000,
        help_text=_("The height of the innovation: what should be different, for whom, how much."),
    )
    novelty = models.CharField(_("radical or incremental"), max_length=12, choices=Novelty.choices)
    category = models.CharField(_("type of innovation"), max_length=15, choices=Category.choices)
    owning_area = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("owning area"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("A manager or employee of the owning area."),
    )

    class Meta:
        abstract = True


class TaskProposal(TaskFields):
    """A candidate for the portfolio, awaiting a start decision of direktion and chefforum."""

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting decision")
        STARTED = "started", _("Started as a task")
        REJECTED = "rejected", _("Not started")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    ideas = models.ManyToManyField(
        "ideas.Idea", verbose_name=_("ideas"), related_name="proposals", blank=True
    )
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AWAITING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    developed_from = models.ForeignKey(
        "InnovationTask",
        verbose_name=_("developed further from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="developments",
        help_text=_("The task whose solution this proposal develops further."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task proposal")
        verbose_name_plural = _("task proposals")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class InnovationTask(TaskFields):
    """A deep, politically prioritised innovation task (innovationsopgave)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        STOPPED = "stopped", _("Stopped")
        COMPLETED = "completed", _("Completed")

    proposal = models.OneToOneField(
        TaskProposal, on_delete=models.PROTECT, null=True, blank=True, related_name="task"
    )
    ideas = models.ManyToManyField(
        "ideas.Idea", verbose_name=_("origin ideas"), related_name="tasks", blank=True
    )
    political_reference = models.CharField(
        _("political prioritisation"),
        max_length=300,
        help_text=_("The council's or committee's decision the task rests on, e.g. a case number."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    phase = models.PositiveSmallIntegerField(_("phase"), choices=PhaseNumber.choices, default=1)
    started_on = models.DateField(
        _("started"), default=timezone.localdate, validators=[validate_sensible_date]
    )
    planned_end_on = models.DateField(
        _("planned end"), null=True, blank=True, validators=[validate_sensible_date]
    )
    next_gate_on = models.DateField(
        _("next gate"), null=True, blank=True, validators=[validate_sensible_date]
    )
    ended_on = models.DateField(
        _("ended"), null=True, blank=True, validators=[validate_sensible_date]
    )
    closure_flag = models.TextField(
        _("flagged for closure"),
        blank=True,
        help_text=_("Why the task may not create enough value (DESIGN rule 7)."),
    )
    # A flag Samskab raises by itself (the evidence app, rule 7) is a code with its
    # parameters, shown in the reader's language (portfolio/closure.py); a flag the
    # unit types is ``closure_flag``, shown as typed. ``closure_reason`` is either.
    closure_flag_code = models.SlugField(
        _("closure flag code"), max_length=50, blank=True, editable=False
    )
    closure_flag_params = models.JSONField(
        _("closure flag parameters"), default=dict, blank=True, editable=False
    )
    learned_worked = models.TextField(_("what worked"), blank=True)
    learned_not_worked = models.TextField(_("what did not work"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("innovation task")
        verbose_name_plural = _("innovation tasks")
        ordering = ["phase", "title", "pk"]
        indexes = [models.Index(fields=["status", "phase"], name="task_by_status_phase")]
        constraints = [
            models.CheckConstraint(
                condition=Q(phase__gte=1, phase__lte=7), name="task_phase_1_to_7"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "paused"], ended_on__isnull=True)
                | Q(status__in=["stopped", "completed"], ended_on__isnull=False),
                name="task_ended_when_closed",
            ),
            models.CheckConstraint(
                condition=Q(closure_flag_code="") | Q(closure_flag=""),
                name="task_closure_flag_typed_or_coded",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.STOPPED, self.Status.COMPLETED)

    @property
    def closure_reason(self) -> str:
        """Why the task is flagged for closure, in the reader's language if Samskab flagged
        it, as typed if the unit did; "" when it is not flagged."""
        if self.closure_flag_code:
            return closure.reason(self.closure_flag_code, self.closure_flag_params)
        return self.closure_flag

    @classmethod
    def flagged_for_closure(cls) -> Q:
        """The tasks flagged for closure, by Samskab or by the unit, as a filter."""
        return ~Q(closure_flag="") | ~Q(closure_flag_code="")


class Portfolio(models.Model):
    """One row, locked while a task starts or resumes, so that the WIP rule holds under concurrency."""

    name = models.CharField(max_length=20, default="portfolio", unique=True)

    def __str__(self) -> str:
        return self.name


class ExitCriterion(TimeStampedModel):
    """One item of a phase's exit checklist; the innovation unit edits the list."""

    phase = models.PositiveSmallIntegerField(_("phase"), choices=PhaseNumber.choices)
    text = models.CharField(_("criterion"), max_length=300)
    # Set for the items Samskab comes with, which are shown in the reader's language
    # (portfolio/checklists.py); an item the unit writes or rewrites has none.
    code = models.SlugField(_("code"), max_length=50, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("exit criterion")
        verbose_name_plural = _("exit criteria")
        ordering = ["phase", "position", "pk"]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        """The item in the reader's language when Samskab knows it, else as the unit wrote it."""
        from .checklists import LABELS

        return str(LABELS[self.code]) if self.code in LABELS else self.text


class ExitCheck(models.Model):
    """That a task meets an exit criterion, ticked by the unit with a note."""

    task = models.ForeignKey(InnovationTask, on_delete=models.CASCADE, related_name="exit_checks")
    criterion = models.ForeignKey(ExitCriterion, on_delete=models.CASCADE, related_name="checks")
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["task", "criterion"], name="exitcheck_once")]

    def __str__(self) -> str:
        return f"{self.task}: {self.criterion}"
