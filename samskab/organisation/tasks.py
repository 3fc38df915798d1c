"""Keeping the organisation in step with OS2mo in the background (django-tasks)."""

import logging

from django_tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def sync_os2mo(dry_run: bool = False) -> dict:
    """Mirror OS2mo; the result says what changed, or why nothing did."""
    report = services.organisation_sync_os2mo(dry_run=dry_run)
    errors = [error.message for error in report.errors] + [
        error.message for file in report.files for error in file.errors
    ]
    if errors:
        logger.warning("OS2mo sync refused: %s", "; ".join(errors[:10]))
    return {
        "applied": report.applied,
        "dry_run": report.dry_run,
        "created": report.created,
        "updated": report.updated,
        "ended": report.ended,
        "unchanged": report.unchanged,
        "users_created": report.users_created,
        "errors": errors[:100],
    }
