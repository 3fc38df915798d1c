from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Booking, Residency, ResidencySkill, Resource


@admin.register(Resource)
class ResourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "capacity", "location", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """Bookings are made and cancelled on the house's pages, where the rules are checked."""

    list_display = ["title", "resource", "starts_at", "ends_at", "booked_for", "cancelled_at"]
    list_filter = ["resource"]
    date_hierarchy = "starts_at"
    readonly_fields = [field.name for field in Booking._meta.fields]

    def has_add_permission(self, request):
        return False


class SkillInline(admin.TabularInline):
    model = ResidencySkill
    extra = 0


@admin.register(Residency)
class ResidencyAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "starts_on", "ends_on", "desk", "consent_on"]
    inlines = [SkillInline]
    raw_id_fields = ["person", "organisation"]
