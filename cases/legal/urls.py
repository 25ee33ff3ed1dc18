from __future__ import annotations

from django.urls import path

from . import views

app_name = "legal"
urlpatterns = [
    path("legal/cases/<int:pk>/charges/", views.case_charges, name="case_charges"),
    path("legal/cases/<int:pk>/charges/add/", views.charge_new, name="charge_add"),
    path("legal/charges/<int:pk>/facts/", views.charge_facts, name="charge_facts"),
    path("legal/charges/<int:pk>/withdraw/", views.charge_withdraw_view, name="charge_withdraw"),
]
