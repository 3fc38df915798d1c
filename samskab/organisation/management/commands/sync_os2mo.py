"""Mirror the organisation from OS2mo: ``manage.py sync_os2mo [--dry-run] [--queue]``.

Reads OS2mo's units, engagements and managers (OS2MO_URL and its client credentials),
then writes them through the organisation import, all or nothing, and reports what
was created, changed and ended. Run it from cron with ``--queue``, e.g. every night:
``15 2 * * * cd /srv/samskab && .venv/bin/python manage.py sync_os2mo --queue``; the task
worker (``manage.py db_worker``) then runs the sync.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samskab.organisation import importing, services
from samskab.organisation.tasks import sync_os2mo


class Command(BaseCommand):
    help = "Mirror org units, employees and managers from OS2mo's GraphQL API."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Read and report, but write nothing."
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue the sync for the task worker instead of running it now.",
        )

    def handle(self, *args, dry_run: bool, queue: bool, **options):
        if queue:
            sync_os2mo.enqueue(dry_run=dry_run)
            self.stdout.write(_("The OS2mo sync is queued."))
            return
        report = services.organisation_sync_os2mo(dry_run=dry_run)
        self.write_report(report, verbose=options["verbosity"] > 1)
        if report.has_errors:
            raise CommandError(
                _("Nothing was changed: %(count)d error(s).") % {"count": report.error_count}
            )

    def write_report(self, report: importing.ImportReport, *, verbose: bool) -> None:
        for error in report.errors:
            self.stderr.write(self.style.ERROR(error.message))
        for file in report.files:
            self.stdout.write(self.style.MIGRATE_HEADING(file.name))
            for error in file.errors:
                self.stderr.write(self.style.ERROR(f"  {error.message}"))
            if file.errors:
                continue
            for row in file.rows if verbose else file.changed_rows:
                self.stdout.write(f"  {row.get_action_display()}: {row.name} ({row.external_id})")
                for change in row.changes:
                    self.stdout.write(
                        f"      {change.field}: {change.old or '–'} → {change.new or '–'}"
                    )
            self.stdout.write(
                _(
                    "  %(created)d new, %(updated)d changed, %(ended)d ended, "
                    "%(unchanged)d unchanged."
                )
                % {
                    "created": file.created,
                    "updated": file.updated,
                    "ended": file.ended,
                    "unchanged": file.unchanged,
                }
            )
        if report.applied:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Synchronised with OS2mo. %(users)d user account(s) created.")
                    % {"users": report.users_created}
                )
            )
        elif report.dry_run and not report.has_errors:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
