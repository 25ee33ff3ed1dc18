from __future__ import annotations

from django.urls import path

from . import views

app_name = "courts"
urlpatterns = [
    path("courts/docket/", views.docket_view, name="docket"),
    path("courts/my-hearings/", views.my_hearings, name="my_hearings"),
    path("courts/cases/<int:pk>/", views.case_court, name="case"),
    path("courts/cases/<int:pk>/hearings/new/", views.hearing_new, name="hearing_new"),
    path("courts/cases/<int:pk>/verdict/", views.verdict_form, name="verdict"),
    path("courts/hearings/<int:pk>/", views.hearing_detail, name="hearing"),
    path("courts/hearings/<int:pk>/outcome/", views.hearing_outcome, name="hearing_outcome"),
    path("courts/verdicts/<int:pk>/final/", views.verdict_final, name="verdict_final"),
    path("courts/verdicts/<int:pk>/cassation/", views.cassation_new, name="cassation_new"),
    path("courts/cassation/<int:pk>/", views.cassation_decide_view, name="cassation_decide"),
    path("courts/commutations/", views.commutation_list, name="commutations"),
    path("courts/sentences/<int:pk>/commutation/", views.commutation_new, name="commutation_new"),
    path("courts/commutations/<int:pk>/", views.commutation_detail, name="commutation"),
    path(
        "courts/commutations/<int:pk>/decide/",
        views.commutation_decide_view,
        name="commutation_decide",
    ),
]
