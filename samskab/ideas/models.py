from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.models import TimeStampedModel

from . import trail


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    INTERNAL = "internal", _("Employees only")


class Challenge(TimeStampedModel):
    """An open call (indsatsområde, kampagne): a question the municipality asks for a period."""

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), help_text=_("The question ideas should answer."))
    background = models.TextField(_("background"), blank=True)
    owner = models.ForeignKey(
        "organisation.OrgUnit",
        verbose_name=_("owning area"),
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    audience = models.CharField(
        _("who may answer"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(
        _("closes"), null=True, blank=True, help_text=_("Leave empty for a call without an end.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="challenge_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today and (self.closes_on is None or today <= self.closes_on)


class ChallengeQuestion(models.Model):
    """A question a challenge adds to the idea form."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short", _("Short text")
        LONG_TEXT = "long", _("Long text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yesno", _("Yes or no")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=10, choices=Kind.choices)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice: one option per line.")
    )
    required = models.BooleanField(_("required"), default=False)
    public = models.BooleanField(
        _("answers shown publicly"),
        default=True,
        help_text=_("Otherwise only the innovation unit sees the answers."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("challenge question")
        verbose_name_plural = _("challenge questions")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label

    def options(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Idea(TimeStampedModel):
    """An idea, a need or a challenge to an existing solution, brought by anyone."""

    class Kind(models.TextChoices):
        IDEA = "idea", _("Idea")
        NEED = "need", _("Need or problem")
        CHALLENGE = "challenge", _("Challenge to an existing solution")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        UNDER_ASSESSMENT = "assessment", _("Under assessment")
        ANSWERED = "answered", _("Answered")

    class Answer(models.TextChoices):
        DECLINED = "declined", _("Declined")
        PARKED = "parked", _("Parked")
        MERGED = "merged", _("Merged into another idea")
        SPARRING = "sparring", _("Turned into sparring")
        PROPOSED_TASK = "proposed", _("Proposed as an innovation task")
        PART_OF_TASK = "task", _("Part of an innovation task")

    class Moderation(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        HIDDEN = "hidden", _("Hidden")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.IDEA)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10_000)
    beneficiaries = models.TextField(_("who would it help?"), max_length=2_000, blank=True)
    areas = models.ManyToManyField(
        "organisation.OrgUnit", verbose_name=_("areas"), blank=True, related_name="ideas"
    )
    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("challenge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    audience = models.CharField(
        _("visible to"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
    )
    author_name = models.CharField(_("name"), max_length=200, blank=True)
    author_email = models.EmailField(_("e-mail"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    on_behalf_of = models.CharField(
        _("on behalf of"),
        max_length=200,
        blank=True,
        help_text=_("The association or company you bring the idea for, if any."),
    )
    # Set by idea_submit from a MitID Erhverv login only: the company is then a verified fact.
    on_behalf_of_cvr = models.CharField(
        _("CVR number verified with MitID"), max_length=8, blank=True, editable=False
    )
    # The one-time token of the form the idea came from: the same form sent twice (a
    # double click, a request sent again) finds the idea it made instead of a second one.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    consent_to_publish = models.BooleanField(_("may be published"), default=False)
    wants_help = models.BooleanField(_("would like help to develop the idea"), default=False)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    # Kept by the services that move the status, for the funnel's times (dashboards):
    # the first status change after the idea was received, and its first answer.
    responded_at = models.DateTimeField(_("first responded to"), null=True, blank=True)
    answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
    )
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderation_reason = models.TextField(_("reason for hiding"), blank=True)

    # Counters kept by the services that write supports and comments, so that lists
    # never count the big tables per request.
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    merged_support_count = models.PositiveIntegerField(_("supports of merged ideas"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    # Danish full-text search on PostgreSQL; SQLite uses an FTS5 table (see search.py).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["moderation", "audience", "-created_at"], name="idea_listing"),
            models.Index(fields=["-support_count", "-id"], name="idea_by_support"),
            models.Index(fields=["-comment_count", "-id"], name="idea_by_comments"),
            models.Index(fields=["status", "status_changed_at"], name="idea_by_status_age"),
            models.Index(fields=["kind", "-created_at"], name="idea_by_kind"),
            # The funnel takes the ideas received in a period.
            models.Index(fields=["confirmed_at"], name="idea_by_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="answered") & ~Q(answer=""))
                | (~Q(status="answered") & Q(answer="")),
                name="idea_answered_has_an_answer",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(answer="merged"),
                name="idea_merged_only_when_answered_merged",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="idea_not_merged_into_itself"
            ),
            models.UniqueConstraint(fields=["submission_token"], name="idea_submitted_once"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def is_public(self) -> bool:
        return (
            self.is_confirmed
            and self.consent_to_publish
            and self.moderation == self.Moderation.APPROVED
            and self.audience == Audience.PUBLIC
        )

    def latest_status_change(self) -> "StatusChange | None":
        """The newest step of the trail; uses prefetched changes when there are any."""
        changes = list(self.status_changes.all())
        return changes[-1] if changes else None

    @property
    def is_open_for_support(self) -> bool:
        return self.merged_into_id is None and self.moderation != self.Moderation.HIDDEN


class ChallengeAnswer(models.Model):
    """An idea's answer to one of its challenge's own questions."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="challenge_answers")
    question = models.ForeignKey(
        ChallengeQuestion, on_delete=models.CASCADE, related_name="answers"
    )
    value = models.TextField(_("answer"), max_length=5_000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "question"], name="challengeanswer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.value[:40]}"


class Attachment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="ideer/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Support(models.Model):
    """One person backing an idea; at most once."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="support_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.idea}"


class Follow(models.Model):
    """A person who wants to hear about an idea's comments and status changes."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.idea}"


class Comment(models.Model):
    """A comment on an idea, or a reply to one (one level of replies)."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(_("comment"), max_length=5_000)
    hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    report_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "created_at"], name="comment_by_idea")]

    def __str__(self) -> str:
        return self.body[:60]

    def get_absolute_url(self) -> str:
        """The idea's page at the comment: the page of the conversation that has it."""
        url = reverse("ideas:idea-detail", kwargs={"pk": self.idea_id})
        return f"{url}?kommentar={self.pk}#kommentar-{self.pk}"


class CommentReport(models.Model):
    """Someone finds a comment unacceptable; the innovation unit decides."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("why"), max_length=1_000)
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="report_once")]

    def __str__(self) -> str:
        return self.reason[:60]


class StatusChange(models.Model):
    """One step of an idea's visible status trail; never changed once written.

    Its message is either typed by a person (``message``, shown as typed) or written
    by Samskab (``code`` and ``params``, shown in the reader's language: see trail.py).
    """

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=12, choices=Idea.Status.choices)
    answer = models.CharField(_("answer"), max_length=10, choices=Idea.Answer.choices, blank=True)
    message = models.TextField(_("message"), max_length=5_000, blank=True)
    code = models.SlugField(_("message code"), max_length=50, blank=True, editable=False)
    params = models.JSONField(_("message parameters"), default=dict, blank=True, editable=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(code="") & ~Q(message="")) | (~Q(code="") & Q(message="")),
                name="statuschange_typed_or_coded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea}: {self.get_status_display()}"

    @property
    def text(self) -> str:
        """The message in the reader's language if Samskab wrote it, else as it was typed."""
        return trail.render(self.code, self.params) if self.code else self.message


class InternalNote(models.Model):
    """A note by the innovation unit on an idea; the public never sees it."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="internal_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("note"), max_length=5_000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]
