"""The catalogue feed, schema ``samskab-catalogue/1`` (docs/catalogue-feed.md): written and read.

``document()`` writes this municipality's feed from its published entries; ``read()``
checks another municipality's feed, every field's type and length, before anything of
it is kept. Texts are kept as text and always escaped when shown; addresses must be
http or https.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

SCHEMA = "samskab-catalogue/1"
MAX_ENTRIES = 2_000
MAX_MATERIALS = 50
# The longest text of each string field accepted from a feed.
LIMITS = {
    "id": 200,
    "url": 500,
    "title": 200,
    "problem": 10_000,
    "solution": 20_000,
    "innovation_type": 100,
    "area": 200,
    "licence": 100,
    "name": 200,
    "email": 254,
    "unit": 200,
}


def entry_document(entry, *, level: int | None, degree, absolute: Callable[[str], str]) -> dict:
    """One published entry in the feed's form; ``absolute`` makes a path a full address."""
    return {
        "id": entry.slug,
        "url": absolute(entry_path(entry)),
        "title": entry.title,
        "problem": entry.problem,
        "solution": entry.solution,
        "evidence_level": level,
        "innovation_type": entry.task.category,
        "area": entry.task.owning_area.name,
        "degree_of_scaling": {"in_operation": degree.in_operation, "targets": degree.targets},
        "contact": {
            "name": entry.contact_name,
            "email": entry.contact_email,
            "unit": entry.contact_unit,
        },
        "licence": entry.licence,
        "updated_at": entry.updated_at.isoformat(),
        "materials": [
            {"title": material.title, "url": absolute(material_path(material))}
            for material in entry.materials.all()
        ],
    }


def entry_path(entry) -> str:
    from django.urls import reverse

    return reverse("catalogue:entry-detail", kwargs={"slug": entry.slug})


def material_path(material) -> str:
    from django.urls import reverse

    return reverse("catalogue:material-download", kwargs={"pk": material.pk})


def document(entries: list[dict], *, absolute: Callable[[str], str]) -> dict:
    from django.urls import reverse

    return {
        "schema": SCHEMA,
        "publisher": {
            "name": settings.SAMSKAB_MUNICIPALITY_NAME,
            "url": absolute(reverse("catalogue:entry-list")),
        },
        "generated_at": timezone.now().isoformat(),
        "entries": entries,
    }


# Reading another municipality's feed --------------------------------------------------


class FeedError(Exception):
    """The feed is not a valid ``samskab-catalogue/1`` document; the message says why."""


@dataclass(frozen=True)
class Material:
    title: str
    url: str


@dataclass(frozen=True)
class Entry:
    id: str
    url: str
    title: str
    problem: str
    solution: str
    evidence_level: int | None
    innovation_type: str
    area: str
    in_operation: int | None
    targets: int | None
    contact_name: str
    contact_email: str
    contact_unit: str
    licence: str
    updated_at: datetime | None
    materials: tuple[Material, ...]


def _where(index: int, field: str) -> str:
    return _("entry %(number)d, field “%(field)s”") % {"number": index + 1, "field": field}


def _text(value, *, where: str, limit: int, required: bool = False) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise FeedError(_("%(where)s is not a text.") % {"where": where})
    if "\x00" in value:
        raise FeedError(_("%(where)s holds a character that is not allowed.") % {"where": where})
    if len(value) > limit:
        raise FeedError(
            _("%(where)s is longer than %(limit)d characters.") % {"where": where, "limit": limit}
        )
    if required and not value.strip():
        raise FeedError(_("%(where)s is empty.") % {"where": where})
    return value


def _address(value, *, where: str, required: bool = True) -> str:
    text = _text(value, where=where, limit=LIMITS["url"], required=required)
    if text and not (text.startswith("https://") or text.startswith("http://")):
        raise FeedError(_("%(where)s is not an http or https address.") % {"where": where})
    if any(character.isspace() for character in text):
        raise FeedError(_("%(where)s is not an http or https address.") % {"where": where})
    return text


def _count(value, *, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000:
        raise FeedError(_("%(where)s is not a whole number of 0 or more.") % {"where": where})
    return value


def _object(value, *, where: str) -> dict:
    if not isinstance(value, dict):
        raise FeedError(_("%(where)s is not an object.") % {"where": where})
    return value


def _entry(index: int, raw) -> Entry:
    raw = _object(raw, where=_("entry %(number)d") % {"number": index + 1})

    def text(field: str, *, required: bool = False) -> str:
        return _text(
            raw.get(field), where=_where(index, field), limit=LIMITS[field], required=required
        )

    level = raw.get("evidence_level")
    if level is not None and (isinstance(level, bool) or level not in range(1, 6)):
        raise FeedError(
            _("%(where)s is not a level from 1 to 5.") % {"where": _where(index, "evidence_level")}
        )
    degree = raw.get("degree_of_scaling") or {}
    degree = _object(degree, where=_where(index, "degree_of_scaling"))
    contact = _object(raw.get("contact") or {}, where=_where(index, "contact"))
    updated_text = _text(raw.get("updated_at"), where=_where(index, "updated_at"), limit=40)
    updated = None
    if updated_text:
        try:
            updated = parse_datetime(updated_text)
        except ValueError:
            updated = None
        if updated is None or updated.tzinfo is None:
            raise FeedError(
                _("%(where)s is not a date and time with a time zone.")
                % {"where": _where(index, "updated_at")}
            )
    materials = raw.get("materials") or []
    if not isinstance(materials, list) or len(materials) > MAX_MATERIALS:
        raise FeedError(
            _("%(where)s is not a list of at most %(limit)d materials.")
            % {"where": _where(index, "materials"), "limit": MAX_MATERIALS}
        )
    read_materials = []
    for material in materials:
        material = _object(material, where=_where(index, "materials"))
        read_materials.append(
            Material(
                title=_text(
                    material.get("title"),
                    where=_where(index, "materials"),
                    limit=LIMITS["title"],
                    required=True,
                ),
                url=_address(material.get("url"), where=_where(index, "materials")),
            )
        )
    return Entry(
        id=_text(
            str(raw["id"]) if isinstance(raw.get("id"), int) else raw.get("id"),
            where=_where(index, "id"),
            limit=LIMITS["id"],
            required=True,
        ),
        url=_address(raw.get("url"), where=_where(index, "url")),
        title=text("title", required=True),
        problem=text("problem"),
        solution=text("solution"),
        evidence_level=level,
        innovation_type=text("innovation_type"),
        area=text("area"),
        in_operation=_count(
            degree.get("in_operation"), where=_where(index, "degree_of_scaling.in_operation")
        ),
        targets=_count(degree.get("targets"), where=_where(index, "degree_of_scaling.targets")),
        contact_name=_text(
            contact.get("name"), where=_where(index, "contact.name"), limit=LIMITS["name"]
        ),
        contact_email=_text(
            contact.get("email"), where=_where(index, "contact.email"), limit=LIMITS["email"]
        ),
        contact_unit=_text(
            contact.get("unit"), where=_where(index, "contact.unit"), limit=LIMITS["unit"]
        ),
        licence=text("licence"),
        updated_at=updated,
        materials=tuple(read_materials),
    )


def read(data) -> list[Entry]:
    """The entries of a parsed feed document, or FeedError with the first thing wrong."""
    if not isinstance(data, dict):
        raise FeedError(_("The feed is not a JSON object."))
    if data.get("schema") != SCHEMA:
        raise FeedError(_("The feed is not of the schema %(schema)s.") % {"schema": SCHEMA})
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise FeedError(_("The feed has no list of entries."))
    if len(entries) > MAX_ENTRIES:
        raise FeedError(_("The feed has more than %(limit)d entries.") % {"limit": MAX_ENTRIES})
    read_entries = [_entry(index, raw) for index, raw in enumerate(entries)]
    ids = [entry.id for entry in read_entries]
    if len(set(ids)) != len(ids):
        raise FeedError(_("Two entries of the feed have the same id."))
    return read_entries
