from __future__ import annotations

from django.urls import path

from . import views

app_name = "casefiles"
urlpatterns = [
    path("cases/", views.case_list_view, name="list"),
    path("cases/search/", views.case_search, name="search"),
    path("cases/new/", views.intake, name="intake"),
    path("cases/<int:pk>/", views.case_detail, name="detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="edit"),
    path("cases/<int:pk>/status/", views.case_status, name="status"),
    path("cases/<int:pk>/screening/", views.screening, name="screening"),
    path("cases/<int:pk>/weapons/new/", views.weapon_new, name="weapon_new"),
    path(
        "cases/<int:pk>/weapons/<int:weapon_pk>/custody/",
        views.weapon_custody,
        name="weapon_custody",
    ),
    path("cases/<int:pk>/detention/new/", views.detention_order_new, name="detention_new"),
    path("cases/<int:pk>/presentation/", views.presentation, name="presentation"),
]
