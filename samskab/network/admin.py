from django.contrib import admin
from django.db import models

from .models import Organisation, Partnership


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "cvr", "location"]
    list_filter = ["kind"]
    search_fields = ["name", "cvr"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    """Read in the admin; changed through the pages, whose services keep the rules."""

    list_display = ["title", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    search_fields = ["title", "organisations__name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
