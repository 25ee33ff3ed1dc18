from __future__ import annotations

from django.urls import path

from . import views

app_name = "amnesty"
urlpatterns = [
    path("amnesty/decrees/", views.decree_list, name="decrees"),
    path("amnesty/decrees/<int:pk>/", views.decree_detail, name="decree"),
    path("amnesty/absences/", views.absence_list_view, name="absences"),
    path("amnesty/absences/new/", views.absence_new, name="absence_new"),
    path("amnesty/absences/<int:pk>/", views.absence_detail, name="absence"),
    path("amnesty/absences/<int:pk>/status/", views.absence_status, name="absence_status"),
    path("amnesty/absences/<int:pk>/apply/", views.absence_apply, name="absence_apply"),
    path("amnesty/cases/<int:pk>/apply/", views.case_apply, name="case_apply"),
    path("amnesty/applications/", views.application_list_view, name="applications"),
    path("amnesty/applications/<int:pk>/", views.application_detail, name="application"),
    path(
        "amnesty/applications/<int:pk>/review/",
        views.application_review,
        name="application_review",
    ),
    path(
        "amnesty/applications/<int:pk>/conditions/",
        views.application_condition,
        name="application_condition",
    ),
    path(
        "amnesty/applications/<int:pk>/decide/",
        views.application_decide_view,
        name="application_decide",
    ),
]
