from __future__ import annotations

from django.contrib import admin

from cases.security.history import HistoryAdminMixin

from .models import Person, PersonAlias


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    fk_name = "person"
    extra = 0
    fields = ("kind", "name")


@admin.register(Person)
class PersonAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ("id", "display_name", "name_lat", "kunya", "birth_year", "governorate")
    list_filter = ("governorate", "sex")
    search_fields = (
        "given_name_ar",
        "family_name_ar",
        "given_name_lat",
        "family_name_lat",
        "kunya",
        "national_id",
        "service_number",
    )
    list_select_related = ("governorate",)
    readonly_fields = ("name_keys", "merged_into", "created_at", "created_by")
    autocomplete_fields = ("home_district",)
    inlines = [PersonAliasInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # nobody deletes a person: records are merged, closed or purged by rule
