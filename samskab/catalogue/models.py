"""The public catalogue of solutions, and the catalogues of other municipalities subscribed to.

A ``CatalogueEntry`` is what the unit writes for the public about one task's solution;
the chief publishes it (from phase 5 on). A ``Subscription`` is another municipality's
feed (docs/catalogue-feed.md); what it last held is kept as ``ExternalEntry`` rows, all
replaced at once on each fetch. ``TryHere`` keeps which idea an employee made from an
outside entry ("Lad os prøve den hos os").
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from samskab.core.models import TimeStampedModel


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC0 = "CC0-1.0", "CC0"
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


class CatalogueEntry(TimeStampedModel):
    """The public description of one task's solution."""

    task = models.OneToOneField(
        "portfolio.InnovationTask",
        verbose_name=_("innovation task"),
        on_delete=models.CASCADE,
        related_name="catalogue_entry",
    )
    # Set when the entry is made and never changed: the entry's address stays stable.
    slug = models.SlugField(_("address"), max_length=80, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(
        _("the problem"), max_length=5_000, help_text=_("The problem the solution solves.")
    )
    solution = models.TextField(
        _("the solution"),
        max_length=10_000,
        help_text=_("What the solution is and how it works."),
    )
    evidence_summary = models.TextField(
        _("evidence in brief"),
        max_length=5_000,
        blank=True,
        help_text=_("What the trials showed, in plain words. The trials' figures are shown too."),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact's e-mail"))
    contact_unit = models.CharField(_("contact's unit"), max_length=200, blank=True)
    licence = models.CharField(
        _("licence of the materials"),
        max_length=20,
        choices=Licence.choices,
        default=Licence.CC_BY,
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Danish full-text search on PostgreSQL; SQLite uses an FTS5 table (see search.py).
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class CatalogueMaterial(models.Model):
    """A file to reuse: a guide, a template, a presentation."""

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="katalog/%Y/%m/")
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


class Subscription(TimeStampedModel):
    """Another municipality's catalogue feed, fetched regularly."""

    name = models.CharField(_("municipality"), max_length=200)
    feed_url = models.URLField(
        _("address of the feed"),
        max_length=500,
        unique=True,
        help_text=_("For example https://samskab.gladsaxe.dk/katalog/feed.json"),
    )
    active = models.BooleanField(_("active"), default=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class ExternalEntry(models.Model):
    """One entry of a subscribed feed, as last fetched. Every text is kept and shown as text."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="entries")
    remote_id = models.CharField(_("id in the feed"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("the problem"), blank=True)
    solution = models.TextField(_("the solution"), blank=True)
    evidence_level = models.PositiveSmallIntegerField(_("evidence level"), null=True, blank=True)
    innovation_type = models.CharField(_("type of innovation"), max_length=100, blank=True)
    area = models.CharField(_("area"), max_length=200, blank=True)
    in_operation = models.PositiveIntegerField(_("units in operation"), null=True, blank=True)
    targets = models.PositiveIntegerField(_("target units"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.CharField(_("contact's e-mail"), max_length=254, blank=True)
    contact_unit = models.CharField(_("contact's unit"), max_length=200, blank=True)
    licence = models.CharField(_("licence"), max_length=100, blank=True)
    updated_at = models.DateTimeField(_("updated"), null=True, blank=True)
    materials = models.JSONField(_("materials"), default=list, blank=True)
    fetched_at = models.DateTimeField(_("fetched"))
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("entry of another municipality")
        verbose_name_plural = _("entries of other municipalities")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "remote_id"], name="externalentry_once_per_feed"
            )
        ]

    def __str__(self) -> str:
        return self.title


class TryHere(models.Model):
    """An idea an employee made from another municipality's entry: "let us try it here"."""

    external_entry = models.ForeignKey(
        ExternalEntry, on_delete=models.SET_NULL, null=True, related_name="tries"
    )
    # Kept when the feed drops the entry: where the idea came from.
    origin_url = models.URLField(_("origin"), max_length=500)
    origin_name = models.CharField(_("municipality"), max_length=200)
    idea = models.OneToOneField("ideas.Idea", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("idea from another municipality's catalogue")
        verbose_name_plural = _("ideas from other municipalities' catalogues")

    def __str__(self) -> str:
        return self.origin_url
