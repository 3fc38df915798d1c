from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationSetting(models.Model):
    """How often a person wants e-mail from Samskab."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Right away, one e-mail per event")
        DAILY = "daily", _("Once a day, in one e-mail")
        NONE = "none", _("Never")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_setting"
    )
    frequency = models.CharField(
        _("e-mail about ideas I follow"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return self.get_frequency_display()


class Notification(models.Model):
    """One thing to tell one person, by e-mail now, in the daily digest, or not at all.

    Kept until sent, so that a mail server that is down delays the e-mail but
    never loses it. Anonymous submitters have no user, only an e-mail address.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    digest = models.BooleanField(_("for the daily digest"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["sent_at", "digest"], name="notification_unsent")]

    def __str__(self) -> str:
        return self.subject
