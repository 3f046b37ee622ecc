from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(User)
class TalentaUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Talenta", {"fields": ("role", "organisation", "employee")}))
    list_display = ("username", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("organisation", "employee")
