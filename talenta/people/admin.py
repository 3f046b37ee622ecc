from django.contrib import admin

from talenta.competency.models import PositionStandard

from .models import DisciplinePenalty, Employee, PerformanceRating, Position


class StandardInline(admin.TabularInline):
    model = PositionStandard
    extra = 0


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "job_kind", "job_class", "is_key")
    list_filter = ("job_kind", "is_key")
    search_fields = ("name", "organisation__code")
    raw_id_fields = ("organisation",)
    inlines = [StandardInline]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ("nip", "name", "status", "golongan", "organisation", "position")
    list_filter = ("status", "education", "gender")
    search_fields = ("nip", "name")
    raw_id_fields = ("organisation", "position")
    list_select_related = ("organisation", "position")


@admin.register(PerformanceRating)
class PerformanceRatingAdmin(admin.ModelAdmin):
    list_display = ("employee", "year", "hasil_kerja", "perilaku", "predikat", "score")
    raw_id_fields = ("employee",)


@admin.register(DisciplinePenalty)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ("employee", "level", "start", "end")
    raw_id_fields = ("employee",)
