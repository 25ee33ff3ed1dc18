"""The benchmark's URLs: the product's, plus what each page is measured against.

- *floors*: the same rows fetched with the same ORM query and rendered by a minimal template
  (no layout, no forms, no menu), behind the same middleware and sign-in as the page; the query
  comes from :data:`FLOORS`, filled by ``bench/pages.py`` in the same process;
- *peers*: a stock ``ModelAdmin`` (with ``list_select_related``) of cases, referrals and
  hearings on an ``AdminSite`` of its own, what a team would otherwise ship;
- a trivial view (a short text) for the throughput ratio.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from cases.casefiles.models import Case
from cases.courts.models import Hearing
from cases.referrals.models import Referral
from cases.security.access import ADMIN_RULE, login_only, public
from caseweb.urls import urlpatterns as product_urlpatterns

#: name -> a function returning the rows of a floor (a QuerySet or a list).
FLOORS: dict[str, Callable] = {}

_TEMPLATE = engines["django"].from_string(
    "<table>{% for row in rows %}<tr><td>{{ row.pk }}</td><td>{{ row }}</td>"
    "{% for v in row.bench_values %}<td>{{ v }}</td>{% endfor %}</tr>{% endfor %}</table>"
)


@login_only
def floor(request: HttpRequest, name: str) -> HttpResponse:
    """The rows of floor ``name`` in a bare table: what any page showing them must spend."""
    rows = list(FLOORS[name](request))
    for row in rows:
        row.bench_values = _columns(row)
    return HttpResponse(_TEMPLATE.render({"rows": rows}))


def _columns(row) -> list:
    """The values a list shows of a row, through the relations the page's query selected."""
    if isinstance(row, Case):
        return [
            row.number,
            row.person.display_name,
            row.get_kind_display(),
            row.get_status_display(),
            row.receiving_unit,
            row.opened_at,
        ]
    if isinstance(row, Referral):
        subject = row.subject.display_name if row.subject_id else row.subject_description
        return [row.number, row.source_code, row.get_channel_display(), subject, row.status]
    if isinstance(row, Hearing):
        return [row.scheduled_at, row.court, row.courtroom, row.case.number, row.judge]
    return []


@public
def trivial(request: HttpRequest) -> HttpResponse:
    """The least a Django view can do here: the middleware, then a short text."""
    return HttpResponse("ok")


class StockCaseAdmin(admin.ModelAdmin):
    list_display = ("number", "person", "kind", "status", "receiving_unit", "opened_at")
    list_select_related = ("person", "receiving_unit")
    list_filter = ("status", "kind", "governorate")
    search_fields = (
        "number",
        "person__given_name_ar",
        "person__family_name_ar",
        "person__given_name_lat",
        "person__family_name_lat",
    )


class StockReferralAdmin(admin.ModelAdmin):
    list_display = ("number", "source_code", "channel", "subject", "status", "received_at")
    list_select_related = ("subject",)
    list_filter = ("status", "channel", "governorate")


class StockHearingAdmin(admin.ModelAdmin):
    list_display = ("scheduled_at", "court", "courtroom", "case", "kind", "judge", "outcome")
    list_select_related = ("court", "case", "judge")
    list_filter = ("court", "scheduled_at")
    ordering = ("scheduled_at", "courtroom", "pk")


class StockSite(admin.AdminSite):
    """A stock admin site; its views carry the admin's access rule, as the product's do (the
    product's middleware refuses a view without one)."""

    def get_urls(self):
        urls = super().get_urls()
        _mark_admin(urls)
        return urls


def _mark_admin(patterns) -> None:
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            _mark_admin(pattern.url_patterns)
        elif not hasattr(pattern.callback, "__func__"):  # bound methods: the site's own
            pattern.callback.access_rule = ADMIN_RULE


site = StockSite(name="benchadmin")
site.register(Case, StockCaseAdmin)
site.register(Referral, StockReferralAdmin)
site.register(Hearing, StockHearingAdmin)

urlpatterns = [
    path("bench/floor/<slug:name>/", floor, name="bench_floor"),
    path("bench/trivial/", trivial, name="bench_trivial"),
    path("bench/admin/", site.urls),
    *product_urlpatterns,
]
