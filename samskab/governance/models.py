from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskab.core.models import TimeStampedModel
from samskab.core.validators import validate_sensible_date


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
    starts_at = models.DateTimeField(_("time"), validators=[validate_sensible_date])
    location = models.CharField(_("place"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        # Two meetings of a forum share a title; the date tells them apart in every select.
        on = formats.date_format(timezone.localtime(self.starts_at), "SHORT_DATETIME_FORMAT")
        return f"{self.title or self.forum} · {on}"


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
    decided_on = models.DateField(
        _("date"), default=timezone.localdate, validators=[validate_sensible_date]
    )
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
    despite_keys = models.JSONField(
        _("requirements gone despite"),
        default=list,
        blank=True,
        help_text=_("The keys of the gate's requirements the forum chose to go despite."),
    )
    despite = models.TextField(
        _("go despite"),
        blank=True,
        help_text=_("Requirements the forum chose to override, and why."),
    )
    next_gate_on = models.DateField(
        _("next gate"),
        null=True,
        blank=True,
        validators=[validate_sensible_date],
        help_text=_("The date of the task's next gate, as the forum set it."),
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

    @property
    def waived_requirements(self) -> list[str]:
        """The labels of the requirements the forum went despite, in the reader's language."""
        from samskab.portfolio import gates

        return [str(gates.label(key)) for key in self.despite_keys or ()]


class MeetingPack(models.Model):
    """A meeting's pack as it was when the meeting was held: agenda and briefs, frozen.

    Until the meeting begins its pack follows the portfolio; from then on the pack
    shows what the forum had in front of it, whatever happens to the tasks later.
    The pack is kept in every language of the site, rendered at the time of freezing.
    """

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="frozen_pack"
    )
    frozen_at = models.DateTimeField(_("frozen"), default=timezone.now)
    agenda = models.JSONField(_("agenda"), default=list)
    html = models.JSONField(_("pack"), default=dict)

    class Meta:
        verbose_name = _("frozen meeting pack")
        verbose_name_plural = _("frozen meeting packs")

    def __str__(self) -> str:
        return str(self.meeting)
