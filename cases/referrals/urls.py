from __future__ import annotations

from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path("referrals/", views.referral_list_view, name="list"),
    path("referrals/critical/", views.critical_view, name="critical"),
    path("referrals/new/", views.referral_new, name="new"),
    path("referrals/<int:pk>/", views.referral_detail, name="detail"),
    path("referrals/<int:pk>/status/", views.referral_move, name="move"),
    path("referrals/<int:pk>/follow-up/", views.referral_follow_up_view, name="follow_up"),
    path("referrals/<int:pk>/subject/", views.referral_link, name="link"),
    path("referrals/<int:pk>/surrender/", views.record_surrender, name="surrender"),
    path("referrals/<int:pk>/transfer/", views.referral_transfer, name="transfer"),
    path("referrals/transfers/<int:pk>/decide/", views.transfer_decide, name="transfer_decide"),
    path("referrals/<int:pk>/reveal/", views.reveal, name="reveal"),
]
