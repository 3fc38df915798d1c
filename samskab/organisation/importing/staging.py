"""Uploads kept between the admin page's preview and its confirmation."""

import re
import uuid
from datetime import timedelta
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from .reading import ImportSource, source_from_file
from .report import ImportFileError

STAGING_DIR = "imports"
STAGING_MAX_AGE = timedelta(days=1)

_TOKEN = re.compile(r"^[0-9a-f]{32}\.(csv|xlsx)$")


def stage_upload(source: ImportSource) -> str:
    """Keep an uploaded file until the user confirms the import; returns its token."""
    extension = PurePath(source.name).suffix.lower()
    token = f"{uuid.uuid4().hex}{extension}"
    saved = default_storage.save(f"{STAGING_DIR}/{token}", ContentFile(source.data))
    if saved != f"{STAGING_DIR}/{token}":  # a storage that renamed it: never expected
        default_storage.delete(saved)
        raise ImportFileError(_("The file could not be kept for the import."))
    return token


def staged_source(*, token: str, name: str, kind: str = "") -> ImportSource:
    """The file kept under ``token``; ImportFileError for a token that is not ours."""
    path = f"{STAGING_DIR}/{token}"
    if not _TOKEN.match(token) or not default_storage.exists(path):
        raise ImportFileError(_("The uploaded file is no longer available. Upload it again."))
    extension = PurePath(token).suffix
    if not name.lower().endswith(extension):
        name = f"import{extension}"
    with default_storage.open(path, "rb") as file:
        return source_from_file(name=name, file=file, kind=kind)


def discard_staged(token: str) -> None:
    if _TOKEN.match(token):
        default_storage.delete(f"{STAGING_DIR}/{token}")


def discard_stale_staged() -> None:
    """Remove uploads that were previewed but never confirmed."""
    try:
        _dirs, files = default_storage.listdir(STAGING_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - STAGING_MAX_AGE
    for name in files:
        if (
            _TOKEN.match(name)
            and default_storage.get_modified_time(f"{STAGING_DIR}/{name}") < cutoff
        ):
            default_storage.delete(f"{STAGING_DIR}/{name}")
