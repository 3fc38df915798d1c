"""Reads of the catalogue: the list with its search and filters, an entry's page, the feed.

The catalogue is small (the municipality's solutions in phase 5 and later, and the
entries of a few other municipalities), so the list reads every published entry that
passes the database's filters in one query, adds their evidence levels and degrees of
scaling in one query each, and is paged in memory: a fixed number of queries whatever
the number of entries.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Max, Prefetch

from samskab.evidence.models import LearningCard
from samskab.portfolio.models import Category
from samskab.spread.queries import NO_TARGETS, Degree, degrees

from . import search
from .models import CatalogueEntry, CatalogueMaterial, ExternalEntry


def evidence_levels(task_ids: Iterable[int]) -> dict[int, int]:
    """Each task's evidence level: the highest of its concluded trials (one query)."""
    rows = (
        LearningCard.objects.filter(experiment__task_id__in=list(task_ids))
        .values("experiment__task_id")
        .annotate(level=Max("evidence_level"))
        .order_by()
    )
    return {row["experiment__task_id"]: row["level"] for row in rows}


def published_entries():
    return CatalogueEntry.objects.filter(published_at__isnull=False).select_related(
        "task", "task__owning_area"
    )


def visible_external_entries():
    return ExternalEntry.objects.filter(subscription__active=True).select_related("subscription")


@dataclass(frozen=True)
class Item:
    """One row of the catalogue's list: our own entry or another municipality's."""

    entry: CatalogueEntry | None = None
    external: ExternalEntry | None = None
    level: int | None = None
    degree: Degree = NO_TARGETS

    @property
    def title(self) -> str:
        return (self.entry or self.external).title

    @property
    def problem(self) -> str:
        return (self.entry or self.external).problem

    @property
    def category(self) -> str:
        """The type of innovation, in the reader's language when it is one of ours."""
        if self.entry is not None:
            return self.entry.task.get_category_display()
        return category_label(self.external.innovation_type)


def category_label(code: str) -> str:
    return str(dict(Category.choices).get(code, code))


def catalogue(
    *,
    text: str = "",
    area: int | None = None,
    category: str = "",
    level: int | None = None,
    include_others: bool = True,
) -> list[Item]:
    """The published entries (ours first, then the other municipalities') that match.

    ``level`` keeps the entries of at least that evidence level. With ``text``, each
    part is ranked by the search; otherwise ours are newest first, the others by title.
    """
    entries = published_entries()
    if area:
        entries = entries.filter(task__owning_area_id=area)
    if category:
        entries = entries.filter(task__category=category)
    ranked = search.search(CatalogueEntry.objects.all(), text) if text.strip() else None
    if ranked is not None:
        entries = entries.filter(pk__in=ranked)
    rows = list(entries.order_by("-published_at", "pk"))
    if ranked is not None:
        order = {pk: position for position, pk in enumerate(ranked)}
        rows.sort(key=lambda entry: order[entry.pk])
    task_ids = [entry.task_id for entry in rows]
    levels = evidence_levels(task_ids) if rows else {}
    scaling = degrees(task_ids) if rows else {}
    items = [
        Item(
            entry=entry,
            level=levels.get(entry.task_id),
            degree=scaling.get(entry.task_id, NO_TARGETS),
        )
        for entry in rows
    ]
    if include_others and not area:
        externals = visible_external_entries()
        if category:
            externals = externals.filter(innovation_type=category)
        ranked_external = search.search(ExternalEntry.objects.all(), text) if text.strip() else None
        if ranked_external is not None:
            externals = externals.filter(pk__in=ranked_external)
        external_rows = list(externals.order_by("title", "pk"))
        if ranked_external is not None:
            order = {pk: position for position, pk in enumerate(ranked_external)}
            external_rows.sort(key=lambda external: order[external.pk])
        items += [
            Item(
                external=external,
                level=external.evidence_level,
                degree=Degree(external.in_operation or 0, external.targets or 0),
            )
            for external in external_rows
        ]
    if level:
        items = [item for item in items if item.level is not None and item.level >= level]
    return items


def feed_entries() -> list[tuple[CatalogueEntry, int | None, Degree]]:
    """Every published entry with its evidence level and degree of scaling: four queries."""
    entries = list(
        published_entries()
        .prefetch_related(
            Prefetch("materials", queryset=CatalogueMaterial.objects.order_by("title", "pk"))
        )
        .order_by("title", "pk")
    )
    task_ids = [entry.task_id for entry in entries]
    levels = evidence_levels(task_ids) if entries else {}
    scaling = degrees(task_ids) if entries else {}
    return [
        (entry, levels.get(entry.task_id), scaling.get(entry.task_id, NO_TARGETS))
        for entry in entries
    ]
