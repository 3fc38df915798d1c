"""Decisions in the admin: to read, never to add, change or delete (DESIGN rule 10).

A decision is recorded through services.decision_record, which carries it out;
a wrong one is corrected by a new decision, on Samskab's own pages.
"""

from django.contrib import admin

from .models import Decision


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "forum", "task", "proposal", "decided_on", "recorded_by"]
    list_filter = ["kind", "forum", "decided_on"]
    search_fields = ["rationale", "evidence", "task__title", "proposal__title"]
    date_hierarchy = "decided_on"
    list_select_related = ["forum", "task", "proposal", "recorded_by"]
    raw_id_fields = ["task", "proposal", "meeting", "corrects", "recorded_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
