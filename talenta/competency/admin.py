from django.contrib import admin

from .models import Assessment, AssessmentScore, Competency


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "owner")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    raw_id_fields = ("owner",)


class ScoreInline(admin.TabularInline):
    model = AssessmentScore
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("employee", "date", "source", "potential_score")
    raw_id_fields = ("employee",)
    inlines = [ScoreInline]
