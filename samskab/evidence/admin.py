"""Trials in the admin: to read and search, never to add, change or delete.

An experiment, its measurements and its learning card are written through
services.py, which keeps the rules (a concluded trial keeps its figures) and
recomputes the evidence level; corrections happen on Samskab's own pages.
"""

from django.contrib import admin

from .models import Experiment, LearningCard, Measurement


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MeasurementInline(admin.TabularInline):
    model = Measurement
    fields = ["measured_on", "group", "value", "observations", "source", "note", "recorded_by"]
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Experiment)
class ExperimentAdmin(ReadOnlyAdmin):
    list_display = ["title", "task", "design", "evidence_level", "criterion_met", "starts_on"]
    list_filter = ["design", "evidence_level", "criterion_met", "value_served"]
    search_fields = ["title", "hypothesis", "metric", "task__title"]
    date_hierarchy = "starts_on"
    list_select_related = ["task"]
    raw_id_fields = ["task", "repeats", "owner", "created_by"]
    inlines = [MeasurementInline]


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "measured_on", "group", "value", "observations", "recorded_by"]
    list_filter = ["group", "measured_on"]
    search_fields = ["experiment__title", "source", "note"]
    list_select_related = ["experiment", "recorded_by"]
    raw_id_fields = ["experiment", "recorded_by"]


@admin.register(LearningCard)
class LearningCardAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "advice", "evidence_level", "criterion_met", "effect_documented"]
    list_filter = ["advice", "evidence_level", "effect_documented"]
    search_fields = ["experiment__title", "saw", "learned", "decide"]
    list_select_related = ["experiment"]
    raw_id_fields = ["experiment", "concluded_by"]
