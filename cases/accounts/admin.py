"""The admin of users, units and the jurisdictions' reference data."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import District, Governorate, Unit, User

admin.site.site_header = _("Caseweb administration")
admin.site.site_title = _("Caseweb")
admin.site.index_title = _("Programme administration")


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0
    fields = ("name_en", "name_ar")


@admin.register(Governorate)
class GovernorateAdmin(admin.ModelAdmin):
    list_display = ("code", "name_en", "name_ar")
    search_fields = ("code", "name_en", "name_ar")
    inlines = [DistrictInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # reference data of the state: renamed, never deleted


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_ar", "governorate")
    list_filter = ("governorate",)
    search_fields = ("name_en", "name_ar")
    list_select_related = ("governorate",)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_ar", "code", "kind", "governorate", "district", "is_active")
    list_filter = ("kind", "is_active", "governorate")
    search_fields = ("name_en", "name_ar", "code")
    list_select_related = ("governorate", "district")
    autocomplete_fields = ("district", "parent")
    prepopulated_fields = {"code": ("name_en",)}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "unit", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups", "unit__governorate", "national_scope")
    search_fields = ("username", "first_name", "last_name", "email", "unit__name_en")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    filter_horizontal = ("groups", "user_permissions", "governorates")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (
            _("Unit and jurisdiction"),
            {"fields": ("unit", "governorates", "national_scope", "language")},
        ),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Unit and jurisdiction"), {"fields": ("unit", "governorates", "language")}),
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        # Users are deactivated, never deleted: their name stays on the records they made.
        return False
