from django.contrib import admin

from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "cvr"]
    list_filter = ["kind"]
    search_fields = ["name", "cvr"]
