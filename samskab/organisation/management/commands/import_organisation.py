"""Import units and employees: ``manage.py import_organisation [--units F] [--employees F] [--dry-run]``.

Both files are checked first and imported in one transaction, units before
employees; one bad row and nothing is written. The report lists every change
and every error with its row number.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from samskab.organisation import importing


class Command(BaseCommand):
    help = "Import org units and employees from a CSV or XLSX export of the HR system."

    def add_arguments(self, parser):
        parser.add_argument("--units", metavar="FILE", help="File of units (CSV or XLSX).")
        parser.add_argument("--employees", metavar="FILE", help="File of employees (CSV or XLSX).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but write nothing."
        )

    def handle(self, *args, units: str | None, employees: str | None, dry_run: bool, **options):
        if not units and not employees:
            raise CommandError(_("Give --units FILE, --employees FILE or both."))
        sources = []
        for kind, name in (
            (importing.ImportKind.UNITS, units),
            (importing.ImportKind.EMPLOYEES, employees),
        ):
            if not name:
                continue
            try:
                with Path(name).open("rb") as file:
                    sources.append(importing.source_from_file(name=name, file=file, kind=kind))
            except OSError as error:
                raise CommandError(
                    _("Cannot read %(file)s: %(error)s") % {"file": name, "error": error.strerror}
                ) from None
        report = importing.import_organisation(sources=sources, dry_run=dry_run)
        self.write_report(report, verbose=options["verbosity"] > 1)
        if report.has_errors:
            raise CommandError(
                _("Nothing was imported: %(count)d error(s).") % {"count": report.error_count}
            )

    def write_report(self, report: importing.ImportReport, *, verbose: bool) -> None:
        for error in report.errors:
            self.stderr.write(self.style.ERROR(error.message))
        for file in report.files:
            kind = f" ({str(file.kind_label).lower()})" if file.kind else ""
            self.stdout.write(self.style.MIGRATE_HEADING(f"{file.name}{kind}"))
            for error in file.errors:
                where = _("row %(row)d") % {"row": error.row} if error.row else _("file")
                self.stderr.write(self.style.ERROR(f"  {where}: {error.message}"))
            if file.errors:
                continue
            for row in file.rows if verbose else file.changed_rows:
                self.stdout.write(
                    f"  {_('row %(row)d') % {'row': row.row}}: {row.get_action_display()} "
                    f"{row.external_id} {row.name}"
                )
                for change in row.changes:
                    self.stdout.write(
                        f"      {change.field}: {change.old or '–'} → {change.new or '–'}"
                    )
            self.stdout.write(
                _("  %(created)d new, %(updated)d changed, %(unchanged)d unchanged.")
                % {"created": file.created, "updated": file.updated, "unchanged": file.unchanged}
            )
        if report.applied:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported. %(users)d user account(s) created.")
                    % {"users": report.users_created}
                )
            )
        elif report.dry_run and not report.has_errors:
            self.stdout.write(self.style.WARNING(_("Dry run: nothing was written.")))
