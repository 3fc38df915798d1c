from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Event, SignUp


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    """Read here; events are made, changed and cancelled on their pages, by the services."""

    list_display = ["title", "starts_at", "status", "audience", "capacity", "confirmed_count"]
    list_filter = ["status", "audience"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    list_display = ["event", "user", "name", "status", "position", "attended"]
    list_filter = ["status"]
    list_select_related = ["event", "user"]
    raw_id_fields = ["event", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
