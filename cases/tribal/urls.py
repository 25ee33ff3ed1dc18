from __future__ import annotations

from django.urls import path

from . import views

app_name = "tribal"
urlpatterns = [
    path("tribal/", views.overview, name="overview"),
    path("tribal/tribes/", views.tribes, name="tribes"),
    path("tribal/sheikhs/", views.sheikh_list, name="sheikhs"),
    path("tribal/sheikhs/new/", views.sheikh_new, name="sheikh_new"),
    path("tribal/sheikhs/<int:pk>/", views.sheikh_detail, name="sheikh"),
    path("tribal/sheikhs/<int:pk>/edit/", views.sheikh_edit, name="sheikh_edit"),
    # A case's tribal track.
    path("cases/<int:pk>/tribal/", views.case_tribal, name="case"),
    path("cases/<int:pk>/tribal/family/", views.family, name="family"),
    path("cases/<int:pk>/tribal/family/search/", views.family_search, name="family_search"),
    path("cases/<int:pk>/tribal/family/add/", views.family_add, name="family_add"),
    path("cases/<int:pk>/tribal/disavowals/new/", views.disavowal_new, name="disavowal_new"),
    path("cases/<int:pk>/tribal/guarantees/new/", views.guarantee_new, name="guarantee_new"),
    path("cases/<int:pk>/tribal/settlements/new/", views.settlement_new, name="settlement_new"),
    path("cases/<int:pk>/tribal/petitions/new/", views.petition_new, name="petition_new"),
    path("cases/<int:pk>/tribal/clearances/new/", views.clearance_new, name="clearance_new"),
    path("cases/<int:pk>/tribal/return/", views.return_new, name="return_new"),
    path("cases/<int:pk>/tribal/visits/new/", views.visit_new, name="visit_new"),
    path("cases/<int:pk>/tribal/protection/new/", views.protection_new, name="protection_new"),
    path("cases/<int:pk>/tribal/close/", views.close, name="close"),
    # Records and their actions.
    path("tribal/family-links/<int:pk>/remove/", views.family_remove, name="family_remove"),
    path("tribal/disavowals/", views.disavowal_list, name="disavowals"),
    path("tribal/disavowals/<int:pk>/", views.disavowal_detail, name="disavowal"),
    path("tribal/disavowals/<int:pk>/decide/", views.disavowal_decide, name="disavowal_decide"),
    path("tribal/guarantees/", views.guarantee_list, name="guarantees"),
    path("tribal/guarantees/<int:pk>/", views.guarantee_detail, name="guarantee"),
    path("tribal/guarantees/<int:pk>/report/", views.guarantee_report, name="guarantee_report"),
    path("tribal/guarantees/<int:pk>/breach/", views.guarantee_breach, name="guarantee_breach"),
    path("tribal/guarantees/<int:pk>/end/", views.guarantee_end, name="guarantee_end"),
    path("tribal/settlements/", views.settlement_list, name="settlements"),
    path("tribal/settlements/<int:pk>/", views.settlement_detail, name="settlement"),
    path("tribal/settlements/<int:pk>/status/", views.settlement_move, name="settlement_move"),
    path("tribal/settlements/<int:pk>/waiver/", views.settlement_waiver, name="settlement_waiver"),
    path(
        "tribal/settlements/<int:pk>/payment/", views.settlement_payment, name="settlement_payment"
    ),
    path("tribal/panels/", views.panel_list, name="panels"),
    path("tribal/panels/new/", views.panel_new, name="panel_new"),
    path("tribal/panels/<int:pk>/", views.panel_detail, name="panel"),
    path("tribal/panels/<int:pk>/members/new/", views.member_add, name="member_add"),
    path("tribal/panels/<int:pk>/sittings/new/", views.sitting_new, name="sitting_new"),
    path("tribal/panel-members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("tribal/sittings/<int:pk>/", views.sitting_detail, name="sitting"),
    path("tribal/sittings/<int:pk>/held/", views.sitting_held, name="sitting_held"),
    path("tribal/sittings/<int:pk>/call-off/", views.sitting_call_off, name="sitting_call_off"),
    path("tribal/petitions/", views.petition_list, name="petitions"),
    path("tribal/petitions/<int:pk>/", views.petition_detail, name="petition"),
    path("tribal/petitions/<int:pk>/list/", views.petition_list_at, name="petition_list_at"),
    path("tribal/petitions/<int:pk>/decide/", views.petition_decide, name="petition_decide"),
    path("tribal/petitions/<int:pk>/withdraw/", views.petition_withdraw, name="petition_withdraw"),
    path("tribal/clearances/", views.clearance_list, name="clearances"),
    path("tribal/clearances/<int:pk>/", views.clearance_detail, name="clearance"),
    path("tribal/returnees/", views.returnee_list, name="returnees"),
    path("tribal/visits/<int:pk>/", views.visit_detail, name="visit"),
    path("tribal/visits/<int:pk>/cancel/", views.visit_cancel, name="visit_cancel"),
    path("tribal/protection/<int:pk>/end/", views.protection_end, name="protection_end"),
]
