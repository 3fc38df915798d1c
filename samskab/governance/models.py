from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskab.core.models import TimeStampedModel


class Forum(models.Model):
    """A body that decides or advises (seed §3)."""

    class Kind(models.TextChoices):
        COUNCIL = "council", pgettext_lazy("forum", "Municipal council")
        EXECUTIVE = "executive", _("Executive board with the heads' forum")
        COMMITTEE = "committee", _("Task committee (advises only)")
        CHIEF = "chief", pgettext_lazy("forum", "Innovation chief")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def advises_only(self) -> bool:
        return self.kind == self.Kind.COMMITTEE


class Meeting(TimeStampedModel):
    """A meeting of a forum; Samskab proposes its agenda."""

    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("time"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title or f"{self.forum} {timezone.localtime(self.starts_at):%d.%m.%Y}"


class Decision(models.Model):
    """What a forum decided, on what evidence, recorded by whom. Never changed once written:
    a wrong decision is corrected by a new one that points to it (DESIGN rule 10)."""

    class Kind(models.TextChoices):
        START = "start", _("Prioritise and start")
        GATE_GO = "gate_go", _("Gate: go")
        GATE_STOP = "gate_stop", _("Gate: stop")
        RECALIBRATE = "recalibrate", _("Recalibrate")
        COMPLETE = "complete", _("Complete")
        PAUSE = "pause", _("Pause")
        RESUME = "resume", _("Resume")
        WIP_OVERRIDE = "wip_override", _("Exceed the limit of active tasks")
        REJECT = "reject", _("Do not start")
        RECOMMENDATION = "recommendation", _("Recommendation")
        CORRECTION = "correction", _("Correction of a record")

    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="decisions"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    task = models.ForeignKey(
        "portfolio.InnovationTask",
        verbose_name=_("task"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    proposal = models.ForeignKey(
        "portfolio.TaskProposal",
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    decided_on = models.DateField(_("date"), default=timezone.localdate)
    rationale = models.TextField(_("rationale"), max_length=10_000)
    evidence = models.TextField(
        _("evidence"),
        max_length=10_000,
        blank=True,
        help_text=_("What the decision rested on: assessments, trials, benefit figures."),
    )
    assessments = models.ManyToManyField(
        "portfolio.Assessment", verbose_name=_("assessments"), blank=True, related_name="decisions"
    )
    political_reference = models.CharField(
        _("political prioritisation"), max_length=300, blank=True
    )
    from_phase = models.PositiveSmallIntegerField(_("from phase"), null=True, blank=True)
    to_phase = models.PositiveSmallIntegerField(_("to phase"), null=True, blank=True)
    despite = models.TextField(
        _("go despite"),
        blank=True,
        help_text=_("Requirements the forum chose to override, and why."),
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "-decided_on"], name="decision_by_kind"),
            models.Index(fields=["forum", "-decided_on"], name="decision_by_forum"),
            # The log's order: its first page reads 25 rows, not every decision and a sort.
            models.Index(fields=["-decided_on", "-recorded_at", "-id"], name="decision_log"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.decided_on:%d.%m.%Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A decision is never changed; record a new one that corrects it.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A decision is never deleted; record a new one that corrects it.")
