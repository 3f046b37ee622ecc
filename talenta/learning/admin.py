from django.contrib import admin

from .models import Budget, LearningRecord, Programme, ProgrammeCompetency


class RaisesInline(admin.TabularInline):
    model = ProgrammeCompetency
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "form", "jp", "cost", "capacity", "owner")
    search_fields = ("code", "name")
    raw_id_fields = ("owner",)
    inlines = [RaisesInline]


@admin.register(LearningRecord)
class LearningRecordAdmin(admin.ModelAdmin):
    list_display = ("employee", "title", "type", "form", "start", "jp", "status")
    raw_id_fields = ("employee", "programme")


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ("organisation", "year", "amount")
    raw_id_fields = ("organisation",)
