"""The catalogue of solutions: published entries for anyone, drafts for the unit."""

from datetime import datetime

from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from samskab.catalogue import queries
from samskab.catalogue.models import CatalogueEntry
from samskab.catalogue.permissions import get_entry_for

from .common import PAGE, Cursor

router = Router(tags=["catalogue"])


class EntryOut(Schema):
    id: int
    slug: str
    title: str
    problem: str
    category: str
    owning_area: str
    published_at: datetime | None
    url: str

    @staticmethod
    def resolve_category(entry: CatalogueEntry) -> str:
        return entry.task.category

    @staticmethod
    def resolve_owning_area(entry: CatalogueEntry) -> str:
        return entry.task.owning_area.name

    @staticmethod
    def resolve_url(entry: CatalogueEntry) -> str:
        return reverse("catalogue:entry-detail", kwargs={"slug": entry.slug})


class EntryDetailOut(EntryOut):
    solution: str
    evidence_summary: str
    licence: str


@router.get("/catalogue", response=list[EntryOut], summary="Published catalogue entries")
@paginate(Cursor, **PAGE)
def entry_list(request):
    return queries.published_entries()


@router.get("/catalogue/{slug:slug}", response=EntryDetailOut, summary="A catalogue entry")
def entry_detail(request, slug: str):
    return get_entry_for(request.auth.user, slug)
