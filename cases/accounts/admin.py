"""The admin of users, units and the jurisdictions' reference data."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.security.access import public
from cases.security.history import HistoryAdminMixin

from .models import District, Governorate, Unit, User


def _admin_login(request, extra_context=None):
    """The admin signs in through Caseweb's own login (second factor, lockout, access log)."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("login"))


admin.site.login = public(_admin_login)
admin.site.site_header = _("Caseweb administration")
admin.site.site_title = _("Caseweb")
admin.site.index_title = _("Programme administration")


class DistrictInline(admin.TabularInline):
    model = District
    extra = 0
    fields = ("name_en", "name_ar")


@admin.register(Governorate)
class GovernorateAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name_en", "name_ar")
    search_fields = ("code", "name_en", "name_ar")
    inlines = [DistrictInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # reference data of the state: renamed, never deleted


@admin.register(District)
class DistrictAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name_en", "name_ar", "governorate")
    list_filter = ("governorate",)
    search_fields = ("name_en", "name_ar")
    list_select_related = ("governorate",)


@admin.register(Unit)
class UnitAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("name_en", "name_ar", "code", "kind", "governorate", "district", "is_active")
    list_filter = ("kind", "is_active", "governorate")
    search_fields = ("name_en", "name_ar", "code")
    list_select_related = ("governorate", "district")
    autocomplete_fields = ("district", "parent")
    prepopulated_fields = {"code": ("name_en",)}


@admin.register(User)
class UserAdmin(HistoryAdminMixin, DjangoUserAdmin):
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
