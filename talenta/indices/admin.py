from django.contrib import admin

from .models import MeritAssessment, MeritFramework, MeritIndicator


class IndicatorInline(admin.TabularInline):
    model = MeritIndicator
    extra = 0


@admin.register(MeritFramework)
class FrameworkAdmin(admin.ModelAdmin):
    """The national admin edits the aspects, indicators and criteria of a framework version here."""

    list_display = ("version", "name")
    inlines = [IndicatorInline]


@admin.register(MeritAssessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("organisation", "year", "status", "total", "category")
    raw_id_fields = ("organisation", "verified_by")
