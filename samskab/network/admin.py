from django.contrib import admin
from django.db import models

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "cvr"]
    list_filter = ["kind"]
    search_fields = ["name", "cvr"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
