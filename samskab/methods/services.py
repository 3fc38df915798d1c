"""Every write of the method library, the glossary and the methods used, with its rules.

The innovation unit writes cards and terms; each saved card is a version (its history).
A task's team records a method used, in a phase the task has reached, rated 1–5 (the
database refuses any other rating), with what it learned; the card's counters of uses and
ratings are kept here, so that lists and suggestions never count.
"""

import uuid
from collections.abc import Iterable
from datetime import date
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.catalogue.services import DANISH_LETTERS
from samskab.ideas.services import ATTACHMENT_TYPES, check_attachment
from samskab.organisation.models import Competency
from samskab.portfolio.models import InnovationTask

from . import search
from .models import Method, MethodMaterial, MethodUse, Term

# Addresses of the library's own pages, which a card's slug must not take.
RESERVED_SLUGS = frozenset({"ny", "ordbog", "materialer"})
MAX_MATERIALS = 10


def _require(by: User, perm: str, obj=None) -> None:
    if not by.has_perm(perm, obj):
        raise PermissionDenied


def new_slug(title: str, *, model=Method, fallback: str = "metode") -> str:
    base = (slugify(title.translate(DANISH_LETTERS)) or fallback)[:70].strip("-") or fallback
    if model is Method and base in RESERVED_SLUGS:
        base = f"{base}-{fallback}"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def phases_text(numbers: Iterable[int | str]) -> str:
    """The phases as the card keeps them: digits in order, each once ("135")."""
    return "".join(sorted({str(int(number)) for number in numbers}))


# Method cards ---------------------------------------------------------------------------


@transaction.atomic
def method_save(
    *,
    method: Method,
    competencies: Iterable[Competency] | None = None,
    examples: Iterable[InnovationTask] | None = None,
    by: User,
) -> Method:
    """Create or change a card (a new version in its history); a new card gets its address."""
    _require(by, "methods.edit_method", method)
    if not method.slug:
        method.slug = new_slug(method.title)
    method._history_user = by
    method.full_clean()
    method.save()
    if competencies is not None:
        method.competencies.set(competencies)
    if examples is not None:
        method.examples.set(examples)
    search.index([method.pk])
    return method


@transaction.atomic
def material_add(*, method: Method, title: str, upload: UploadedFile, by: User) -> MethodMaterial:
    """Attach a template or guide, checked as an idea's attachment is (type by content, size)."""
    _require(by, "methods.edit_method", method)
    if method.materials.count() >= MAX_MATERIALS:
        raise ValidationError(
            {
                "material_file": _("A method has at most %(count)d materials.")
                % {"count": MAX_MATERIALS}
            }
        )
    try:
        check_attachment(upload)
    except ValidationError as error:
        raise ValidationError({"material_file": error.messages}) from error
    original = PurePath(upload.name).name[:200]
    extension = PurePath(upload.name).suffix.lower()
    upload.name = f"{uuid.uuid4().hex}{extension}"  # never the user's file name on disk
    material = MethodMaterial(
        method=method,
        title=(title.strip() or original)[:200],
        file=upload,
        name=original,
        content_type=ATTACHMENT_TYPES[extension][0],
        size=upload.size,
    )
    material.full_clean()
    material.save()
    return material


@transaction.atomic
def material_delete(*, material: MethodMaterial, by: User) -> None:
    _require(by, "methods.edit_method", material.method)
    material.file.delete(save=False)
    material.delete()


# Methods used on tasks ----------------------------------------------------------------


@transaction.atomic
def use_record(
    *,
    task: InnovationTask,
    method: Method,
    phase: int,
    rating: int,
    learning: str,
    used_on: date | None = None,
    by: User,
) -> MethodUse:
    """Record that the task's team used ``method`` in ``phase``; the phase must be reached."""
    _require(by, "methods.record_use", task)
    task = InnovationTask.objects.select_for_update().get(pk=task.pk)
    errors = {}
    if not 1 <= phase <= task.phase:
        errors["phase"] = _(
            "The task has not reached phase %(phase)d: choose a phase from 1 to %(reached)d."
        ) % {"phase": phase, "reached": task.phase}
    used_on = used_on or timezone.localdate()
    if used_on > timezone.localdate():
        errors["used_on"] = _("The day the method was used cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    use = MethodUse(
        task=task,
        method=method,
        phase=phase,
        rating=rating,
        learning=learning.strip(),
        used_on=used_on,
        recorded_by=by,
    )
    use.full_clean()
    use.save()
    Method.objects.filter(pk=method.pk).update(
        use_count=F("use_count") + 1, rating_total=F("rating_total") + use.rating
    )
    return use


@transaction.atomic
def use_delete(*, use: MethodUse, by: User) -> None:
    """Remove a use recorded by mistake; the card's counters follow."""
    _require(by, "methods.record_use", use.task)
    Method.objects.filter(pk=use.method_id).update(
        use_count=F("use_count") - 1, rating_total=F("rating_total") - use.rating
    )
    use.delete()


# The glossary -------------------------------------------------------------------------


@transaction.atomic
def term_save(*, term: Term, see_also: Iterable[Term] | None = None, by: User) -> Term:
    """Create or change a term; a new term gets its anchor (``/metoder/ordbog/#<slug>``).

    Saving moves the methods app's data version (core.freshness), so the glossary's
    links in help texts are built anew on the next request.
    """
    _require(by, "methods.edit_term", term)
    if not term.slug:
        term.slug = new_slug(term.term, model=Term, fallback="begreb")
    term._history_user = by
    term.full_clean()
    term.save()
    if see_also is not None:
        term.see_also.set([other for other in see_also if other.pk != term.pk])
    return term
