"""The common method library, the glossary (the common language) and the methods used on tasks.

A ``Method`` is a card in the library: its purpose, the phases (1–7) where it serves,
its steps, the time and people it takes, materials to download, examples from
Samskab's own tasks and the competencies it builds. Its changes are kept
(django-simple-history): each saved change is a version a reader can see. A card
is read by everyone logged in; a public one by anonymous visitors too.

A ``MethodUse`` records that a task's team used a method in one of the phases the
task has reached, with a rating 1–5 and what they learned. A ``Term`` is one word of
the common language with its definition, the other forms it is written in, and the
terms to see also.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel
from samskab.portfolio.phases import BY_NUMBER, PhaseNumber

PHASE_DIGITS = frozenset("1234567")


def check_phases(value: str) -> None:
    if not value or not set(value) <= PHASE_DIGITS:
        raise ValidationError(_("Choose at least one phase."))


class Method(TimeStampedModel):
    """A card in the method library."""

    # Set when the card is made and never changed: its address stays stable.
    slug = models.SlugField(_("address"), max_length=80, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200, unique=True)
    purpose = models.TextField(
        _("purpose"), max_length=5_000, help_text=_("What the method is for, and what it gives.")
    )
    # The phases where the method serves, as digits in order: "135" is phases 1, 3 and 5.
    phases = models.CharField(_("phases"), max_length=7, validators=[check_phases])
    steps = models.TextField(
        _("steps"),
        max_length=10_000,
        help_text=_("One step a line, in the order they are done."),
    )
    time_needed = models.CharField(
        _("time needed"), max_length=200, help_text=_("For example: two hours, or 2–3 weeks.")
    )
    people_needed = models.CharField(
        _("people needed"),
        max_length=200,
        help_text=_("Who takes part, and how many: for example a facilitator and 6–10 citizens."),
    )
    competencies = models.ManyToManyField(
        "organisation.Competency",
        verbose_name=_("competencies it builds"),
        related_name="methods",
        blank=True,
    )
    examples = models.ManyToManyField(
        "portfolio.InnovationTask",
        verbose_name=_("examples from our own tasks"),
        related_name="method_examples",
        blank=True,
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Visitors who are not logged in may read a public card (only the card)."),
    )
    # Kept by the services when a use is recorded or removed, so lists need not count.
    use_count = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    rating_total = models.PositiveIntegerField(default=0, editable=False)
    # Danish full-text search on PostgreSQL; SQLite uses an FTS5 table (see search.py).
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector", "use_count", "rating_total"])

    class Meta:
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating_total__lte=models.F("use_count") * 5),
                name="method_rating_total_within_uses",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def phase_numbers(self) -> list[int]:
        return [int(digit) for digit in self.phases]

    @property
    def phase_list(self) -> list:
        return [BY_NUMBER[number] for number in self.phase_numbers]

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def average_rating(self) -> float | None:
        return self.rating_total / self.use_count if self.use_count else None


class MethodMaterial(models.Model):
    """A template or guide to download with a method card."""

    method = models.ForeignKey(Method, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="metoder/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class MethodUse(TimeStampedModel):
    """A method a task's team used in one of the task's phases, rated, with what they learned."""

    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("innovation task"),
        on_delete=models.CASCADE,
        related_name="method_uses",
    )
    method = models.ForeignKey(
        Method, verbose_name=_("method"), on_delete=models.PROTECT, related_name="uses"
    )
    phase = models.PositiveSmallIntegerField(_("phase"), choices=PhaseNumber.choices)
    rating = models.PositiveSmallIntegerField(
        _("rating"), help_text=_("1 (did not help) to 5 (helped a lot).")
    )
    learning = models.TextField(
        _("what we learned"),
        max_length=5_000,
        help_text=_("What worked, what you would do differently: so the next team gets further."),
    )
    used_on = models.DateField(_("used on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("method used")
        verbose_name_plural = _("methods used")
        ordering = ["used_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="methoduse_rating_1_to_5"
            ),
            models.CheckConstraint(
                condition=models.Q(phase__gte=1, phase__lte=7), name="methoduse_phase_1_to_7"
            ),
        ]
        indexes = [models.Index(fields=["method", "used_on"], name="methoduse_method_idx")]

    def __str__(self) -> str:
        return f"{self.method} ({self.task})"


class Term(TimeStampedModel):
    """A word of the common language, with its definition."""

    slug = models.SlugField(_("anchor"), max_length=80, unique=True, editable=False)
    term = models.CharField(_("term"), max_length=100, unique=True)
    definition = models.TextField(_("definition"), max_length=3_000)
    forms = models.TextField(
        _("synonyms and inflections"),
        max_length=2_000,
        blank=True,
        help_text=_(
            "Other words and forms that mean the same, separated by commas: "
            "for example prøvehandlingen, prøvehandlinger."
        ),
    )
    see_also = models.ManyToManyField(
        "self",
        verbose_name=_("see also"),
        symmetrical=False,
        blank=True,
        related_name="seen_from",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["term", "pk"]

    def __str__(self) -> str:
        return self.term

    @property
    def form_list(self) -> list[str]:
        return [form.strip() for form in self.forms.split(",") if form.strip()]
