"""The organisation in Django's admin, and the page that imports it from the HR system.

Who may do what comes from the rules in permissions.py, not from Django's
per-model permission rows; writes go through the services.
"""

import copy

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import construct_instance
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.core.forms import run_service

from . import importing, services
from .models import Competency, OrgUnit, Person, PersonCompetency

IMPORT_PERM = "organisation.import_organisation"


class RulesModelAdmin(admin.ModelAdmin):
    def has_module_permission(self, request) -> bool:
        # Django asks for permission rows; our rules answer per model instead.
        return self.has_view_or_change_permission(request)


def _typed_instance(form: forms.ModelForm):
    """An unsaved copy of the form's object holding what was typed, for a service's check.

    The forms' clean() hands it to the same check the service runs before saving;
    run_service checks only a form whose fields are valid, and shows a broken
    rule next to its field.
    """
    return construct_instance(form, copy.copy(form.instance), form._meta.fields)


class OrgUnitAdminForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["name", "kind", "parent", "manager", "external_id"]

    def clean(self):
        cleaned = super().clean()
        run_service(self, lambda: services.orgunit_check(unit=_typed_instance(self)))
        return cleaned


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV (UTF-8) or Excel (.xlsx) file exported from the HR system."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("The file holds"),
        choices=[
            ("", gettext_lazy("Detect from the column headers")),
            *importing.ImportKind.choices,
        ],
        required=False,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        importing.check_file(name=upload.name, size=upload.size)
        return upload


class ImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    name = forms.CharField(widget=forms.HiddenInput, max_length=255)
    kind = forms.ChoiceField(widget=forms.HiddenInput, choices=importing.ImportKind.choices)


@admin.register(OrgUnit)
class OrgUnitAdmin(RulesModelAdmin):
    form = OrgUnitAdminForm
    list_display = ["name", "kind", "parent", "external_id"]
    list_filter = ["kind"]
    search_fields = ["name", "external_id"]
    list_select_related = ["parent"]
    raw_id_fields = ["manager"]  # thousands of people: no select of them all
    change_list_template = "admin/organisation/orgunit/change_list.html"

    def save_model(self, request, obj, form, change):
        services.orgunit_save(unit=obj)

    def get_urls(self):
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="organisation_orgunit_import",
            )
        ]
        return custom + super().get_urls()

    def import_view(self, request):
        """Upload, always preview, then confirm: the confirmation applies the very same file."""
        if not request.user.has_perm(IMPORT_PERM):
            raise PermissionDenied
        importing.discard_stale_staged()
        form, report, confirm, status = ImportUploadForm(), None, None, 200
        if request.method == "POST" and "token" in request.POST:
            report, status = self._apply_staged(request)
        elif request.method == "POST":
            form = ImportUploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                source = importing.source_from_file(
                    name=upload.name, file=upload, kind=form.cleaned_data["kind"]
                )
                report = importing.import_organisation(sources=[source], dry_run=True)
                if not report.has_errors:
                    confirm = ImportConfirmForm(
                        initial={
                            "token": importing.stage_upload(source),
                            "name": source.name,
                            "kind": report.files[0].kind,
                        }
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Import organisation"),
            "form": form,
            "report": report,
            "confirm": confirm,
            "unit_columns": importing.UNIT_COLUMNS,
            "employee_columns": importing.EMPLOYEE_COLUMNS,
        }
        return TemplateResponse(request, "admin/organisation/import.html", context, status=status)

    def _apply_staged(self, request) -> tuple[importing.ImportReport | None, int]:
        confirm = ImportConfirmForm(request.POST)
        if not confirm.is_valid():
            messages.error(request, _("The import could not be confirmed. Upload the file again."))
            return None, 400
        token = confirm.cleaned_data["token"]
        try:
            source = importing.staged_source(
                token=token, name=confirm.cleaned_data["name"], kind=confirm.cleaned_data["kind"]
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return None, 400
        try:
            report = importing.import_organisation(sources=[source])
        finally:
            importing.discard_staged(token)
        if report.applied:
            messages.success(
                request,
                _(
                    "The import is done: %(created)d new, %(updated)d changed, %(unchanged)d unchanged."
                )
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                },
            )
        return report, 200


class PersonCompetencyInline(admin.TabularInline):
    model = PersonCompetency
    extra = 0


class PersonAdminForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "kind",
            "name",
            "email",
            "phone",
            "title",
            "about",
            "user",
            "org_unit",
            "organisation",
            "external_id",
            "ended_on",
        ]

    def clean(self):
        cleaned = super().clean()
        run_service(self, lambda: services.person_check(person=_typed_instance(self)))
        return cleaned


@admin.register(Person)
class PersonAdmin(RulesModelAdmin):
    form = PersonAdminForm
    list_display = ["name", "kind", "title", "org_unit", "email", "external_id", "ended_on"]
    list_filter = ["kind", "org_unit__kind", "competencies"]
    search_fields = ["name", "email", "title", "external_id", "org_unit__name"]
    # Plain selects and a raw id field: the admin's autocomplete widget has no accessible name.
    raw_id_fields = ["user"]
    list_select_related = ["org_unit"]
    inlines = [PersonCompetencyInline]

    def save_model(self, request, obj, form, change):
        services.person_save(person=obj)


@admin.register(Competency)
class CompetencyAdmin(RulesModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        services.competency_save(competency=obj)
