from django.contrib import admin

from talenta.competency.models import PositionStandard

from .models import ActingAssignment, DisciplinePenalty, Employee, PerformanceRating, Position, PositionChange
from .moves import record_admin_change


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

    def save_model(self, request, obj, form, change):
        """A changed position is a move: it goes into the history like a form's or an import's."""
        old = Employee.objects.filter(pk=obj.pk).values_list("position_id", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        record_admin_change(actor=request.user, employee=obj, old_position_id=old)


@admin.register(PerformanceRating)
class PerformanceRatingAdmin(admin.ModelAdmin):
    list_display = ("employee", "year", "hasil_kerja", "perilaku", "predikat", "score")
    raw_id_fields = ("employee",)


@admin.register(DisciplinePenalty)
class DisciplineAdmin(admin.ModelAdmin):
    list_display = ("employee", "level", "start", "end")
    raw_id_fields = ("employee",)


@admin.register(PositionChange)
class PositionChangeAdmin(admin.ModelAdmin):
    list_display = ("employee", "position_name", "organisation", "tmt", "decree_no", "approval_no", "source")
    raw_id_fields = ("employee", "organisation", "position")


@admin.register(ActingAssignment)
class ActingAssignmentAdmin(admin.ModelAdmin):
    list_display = ("employee", "kind", "position", "start", "end")
    raw_id_fields = ("employee", "position")
