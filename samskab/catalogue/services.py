"""Every write of the catalogue, with its rules.

The unit drafts an entry; the chief publishes it once its task is in phase 5 or later
(or completed) and may withdraw it. A subscription's feed is fetched with httpx under
timeouts and a size limit, checked whole (``feed.read``), and only then replaces what
was fetched before, in one transaction; a feed refused for any reason changes nothing
but the subscription's ``last_error``.
"""

import json
import logging
import time
import uuid
from pathlib import PurePath
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samskab.accounts.models import User
from samskab.ideas.models import Audience, Idea
from samskab.ideas.services import ATTACHMENT_TYPES, check_attachment, idea_submit
from samskab.portfolio.models import InnovationTask

from . import feed, search
from .models import CatalogueEntry, CatalogueMaterial, ExternalEntry, Subscription, TryHere

logger = logging.getLogger(__name__)

# Addresses of the catalogue's own pages, which an entry's slug must not take.
RESERVED_SLUGS = frozenset({"udkast", "abonnementer", "ekstern", "materialer", "feed"})
MAX_MATERIALS = 10
PUBLISH_FROM_PHASE = 5


# Entries ------------------------------------------------------------------------------


DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def _new_slug(title: str) -> str:
    base = (slugify(title.translate(DANISH_LETTERS)) or "loesning")[:70].strip("-") or "loesning"
    if base in RESERVED_SLUGS:
        base = f"{base}-loesning"
    slug, number = base, 2
    while CatalogueEntry.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


@transaction.atomic
def entry_save(*, entry: CatalogueEntry, by: User) -> CatalogueEntry:
    """Create or change a task's entry; a new entry gets its lasting address from its title."""
    if not entry.slug:
        entry.slug = _new_slug(entry.title)
    entry.full_clean()
    entry.save()
    search.index(CatalogueEntry, [entry.pk])
    return entry


def can_publish(task: InnovationTask) -> bool:
    return task.phase >= PUBLISH_FROM_PHASE or task.status == InnovationTask.Status.COMPLETED


@transaction.atomic
def entry_publish(*, entry: CatalogueEntry, by: User) -> CatalogueEntry:
    """Publish the entry; only for a task in phase 5 or later, or a completed one."""
    entry = CatalogueEntry.objects.select_for_update().select_related("task").get(pk=entry.pk)
    if not can_publish(entry.task):
        raise ValidationError(
            _(
                "The entry can be published once its task has reached phase 5 (scaling) "
                "or is completed; the task is in phase %(phase)d."
            )
            % {"phase": entry.task.phase}
        )
    if entry.is_published:
        raise ValidationError(_("The entry is already published."))
    entry.published_at = timezone.now()
    entry.published_by = by
    entry.save(update_fields=["published_at", "published_by", "updated_at"])
    return entry


@transaction.atomic
def entry_unpublish(*, entry: CatalogueEntry, by: User) -> CatalogueEntry:
    """Withdraw the entry from the public catalogue and the feed; it stays as a draft."""
    entry = CatalogueEntry.objects.select_for_update().get(pk=entry.pk)
    if not entry.is_published:
        raise ValidationError(_("The entry is not published."))
    entry.published_at = None
    entry.published_by = None
    entry.save(update_fields=["published_at", "published_by", "updated_at"])
    return entry


@transaction.atomic
def material_add(
    *, entry: CatalogueEntry, title: str, upload: UploadedFile, by: User
) -> CatalogueMaterial:
    """Attach a file to reuse, checked as an idea's attachment is (type by content, size)."""
    if entry.materials.count() >= MAX_MATERIALS:
        raise ValidationError(
            {
                "material_file": _("An entry has at most %(count)d materials.")
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
    material = CatalogueMaterial(
        entry=entry,
        title=(title.strip() or original)[:200],
        file=upload,
        name=original,
        content_type=ATTACHMENT_TYPES[extension][0],
        size=upload.size,
    )
    material.full_clean()
    material.save()
    entry.save(update_fields=["updated_at"])
    return material


@transaction.atomic
def material_delete(*, material: CatalogueMaterial, by: User) -> None:
    entry = material.entry
    material.file.delete(save=False)
    material.delete()
    entry.save(update_fields=["updated_at"])


# Subscriptions ------------------------------------------------------------------------

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def check_feed_url(url: str) -> None:
    """https only; http on the loopback interface in development and tests."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    loopback_allowed = settings.DEBUG or settings.SAMSKAB_CATALOGUE_ALLOW_LOOPBACK
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS and loopback_allowed:
        return
    raise ValidationError({"feed_url": _("The feed's address must begin with https://.")})


@transaction.atomic
def subscription_add(*, name: str, feed_url: str, by: User) -> Subscription:
    check_feed_url(feed_url)
    subscription = Subscription(name=name.strip(), feed_url=feed_url.strip())
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def subscription_set_active(*, subscription: Subscription, active: bool, by: User) -> Subscription:
    """Stop (or start again) fetching a feed; an inactive one's entries are not shown."""
    subscription.active = active
    subscription.save(update_fields=["active", "updated_at"])
    return subscription


class _Refused(Exception):
    pass


def _download(url: str) -> bytes:
    """The body of ``url``, within the timeouts and the size limit, or _Refused with why."""
    limit = settings.SAMSKAB_CATALOGUE_MAX_BYTES
    connect = settings.SAMSKAB_CATALOGUE_CONNECT_TIMEOUT
    read = settings.SAMSKAB_CATALOGUE_READ_TIMEOUT
    timeout = httpx.Timeout(connect=connect, read=read, write=read, pool=connect)
    # A server that sends a byte now and then never trips the read timeout: the whole
    # download has a deadline too.
    deadline = time.monotonic() + connect + read
    too_big = _("The feed is larger than %(size)d MB.") % {"size": max(1, limit // 1_048_576)}
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client,
            client.stream("GET", url, headers={"Accept": "application/json"}) as response,
        ):
            if response.status_code != 200:
                raise _Refused(
                    _("The feed answered with the HTTP status %(status)d instead of the catalogue.")
                    % {"status": response.status_code}
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _Refused(too_big)
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > limit:
                    raise _Refused(too_big)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("deadline")
            return bytes(body)
    except httpx.TimeoutException as error:
        raise _Refused(
            _("The feed did not answer in time (within %(seconds)s seconds).")
            % {"seconds": f"{connect + read:g}"}
        ) from error
    except httpx.HTTPError as error:
        raise _Refused(
            _("The feed could not be reached: %(reason)s") % {"reason": type(error).__name__}
        ) from error


def _parse(body: bytes) -> list[feed.Entry]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _Refused(_("The feed is not valid JSON.")) from error
    try:
        return feed.read(data)
    except feed.FeedError as error:
        raise _Refused(_("The feed was refused: %(reason)s") % {"reason": error}) from error
    except RecursionError as error:
        raise _Refused(_("The feed is not valid JSON.")) from error


@transaction.atomic
def _replace_entries(subscription: Subscription, entries: list[feed.Entry]) -> int:
    """The subscription's entries become ``entries``: kept ids stay, the rest are removed."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    now = timezone.now()
    existing = {row.remote_id: row for row in subscription.entries.all()}
    kept = []
    for item in entries:
        row = existing.pop(item.id, None) or ExternalEntry(
            subscription=subscription, remote_id=item.id
        )
        row.url = item.url
        row.title = item.title
        row.problem = item.problem
        row.solution = item.solution
        row.evidence_level = item.evidence_level
        row.innovation_type = item.innovation_type
        row.area = item.area
        row.in_operation = item.in_operation
        row.targets = item.targets
        row.contact_name = item.contact_name
        row.contact_email = item.contact_email
        row.contact_unit = item.contact_unit
        row.licence = item.licence
        row.updated_at = item.updated_at
        row.materials = [{"title": m.title, "url": m.url} for m in item.materials]
        row.fetched_at = now
        row.save()
        kept.append(row.pk)
    gone = [row.pk for row in existing.values()]
    ExternalEntry.objects.filter(pk__in=gone).delete()
    search.index(ExternalEntry, kept + gone)
    subscription.last_attempt_at = now
    subscription.last_fetched_at = now
    subscription.last_error = ""
    subscription.save(
        update_fields=["last_attempt_at", "last_fetched_at", "last_error", "updated_at"]
    )
    return len(kept)


def subscription_fetch(*, subscription: Subscription) -> int:
    """Fetch the feed and replace the subscription's entries; returns how many it holds.

    Refused (ValidationError with a Danish message, also kept as ``last_error``) when
    the feed is unreachable, slow, too big, not JSON or not the schema; then nothing
    fetched before changes. Not one transaction: the refusal itself is recorded.
    """
    try:
        check_feed_url(subscription.feed_url)
        entries = _parse(_download(subscription.feed_url))
    except (_Refused, ValidationError) as error:
        message = str(error) if isinstance(error, _Refused) else " ".join(error.messages)
        Subscription.objects.filter(pk=subscription.pk).update(
            last_attempt_at=timezone.now(), last_error=message, updated_at=timezone.now()
        )
        subscription.refresh_from_db()
        logger.warning("Catalogue feed of %s refused: %s", subscription.name, message)
        raise ValidationError(message) from error
    count = _replace_entries(subscription, entries)
    subscription.refresh_from_db()
    return count


# "Let us try it here" -----------------------------------------------------------------


@transaction.atomic
def external_try_here(*, external: ExternalEntry, by: User) -> Idea:
    """An idea here from another municipality's entry, its origin kept; the same person
    asking twice gets the idea they made the first time."""
    earlier = TryHere.objects.filter(external_entry=external, by=by).select_related("idea").first()
    if earlier is not None:
        return earlier.idea
    name = external.subscription.name
    description = _(
        "%(problem)s\n\nThe solution in %(municipality)s: %(solution)s\n\nFrom %(municipality)s's "
        "catalogue: %(url)s"
    ) % {
        "problem": external.problem.strip(),
        "solution": external.solution.strip(),
        "municipality": name,
        "url": external.url,
    }
    if len(description) > 10_000:
        description = description[:9_990].rstrip() + " …"
    idea = Idea(
        kind=Idea.Kind.IDEA,
        title=external.title[:200],
        description=description,
        audience=Audience.INTERNAL,
    )
    idea = idea_submit(idea=idea, author=by)
    TryHere.objects.create(
        external_entry=external,
        origin_url=external.url,
        origin_name=name[:200],
        idea=idea,
        by=by,
    )
    return idea
