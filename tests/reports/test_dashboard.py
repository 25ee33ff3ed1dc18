"""The dashboard's figures against a programme counted by hand (tests/reports/conftest.py),
its scoping, filters, CSV exports, query counts and Arabic page."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse

from cases.audit.models import AccessLogEntry
from cases.reports import dashboard as board
from tests.factories import UnitFactory, governorate
from tests.reports.conftest import PERIOD, baghdad, intake
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db

URL = "reports:dashboard"


def narrowed(**changes) -> board.DashboardFilters:
    return dataclasses.replace(PERIOD, **changes)


def query(filters: board.DashboardFilters) -> dict[str, str]:
    params = {"date_from": filters.date_from.isoformat(), "date_to": filters.date_to.isoformat()}
    if filters.governorate_id:
        params["governorate"] = str(filters.governorate_id)
    if filters.unit_id:
        params["unit"] = str(filters.unit_id)
    return params


# --- 1. Intakes per month, by mode and governorate -----------------------------------------------


def test_intakes_per_month_and_mode_are_counted_by_hand(intakes, supervisor):
    panel = board.surrenders(supervisor, PERIOD)
    # C1 vol Jan, C2 arrest Jan, C3 vol Mar, C4 handed over Mar (23:30 on 31 March, Baghdad),
    # C5 vol May, C6 deserter May, C9 arrest Jun. C7 (31 Dec 2025) and C8 (Nineveh) are out.
    assert panel.figures["by_month"] == {
        "voluntary": [1, 0, 1, 0, 1, 0],
        "arrest": [1, 0, 0, 0, 0, 1],
        "handed_over": [0, 0, 1, 0, 0, 0],
        "deserter_return": [0, 0, 0, 0, 1, 0],
    }
    assert panel.figures["total"] == 7
    by_governorate = {row[0]: row[1:] for row in panel.tables[1].rows}
    # Columns: voluntary, arrest, handed over, deserter, total. Anbar: C1 C3 / C2 C9 / - / C6.
    assert by_governorate == {"Anbar": [2, 2, 0, 1, 5], "Salahuddin": [1, 0, 1, 0, 2]}
    assert panel.tables[0].total == ["Total", 3, 2, 1, 1, 7]
    assert panel.charts[0].as_json()["datasets"][0]["data"] == [1, 0, 1, 0, 1, 0]


def test_the_unit_filter_counts_only_that_units_intakes(intakes, supervisor, anbar_unit):
    panel = board.surrenders(supervisor, narrowed(unit_id=anbar_unit.pk))
    # Ramadi: C1 voluntary, C2 and C9 arrests, C6 deserter (C7 is before the period).
    assert panel.figures["by_kind"] == {
        "voluntary": 1,
        "arrest": 2,
        "handed_over": 0,
        "deserter_return": 1,
    }


def test_the_governorate_filter_counts_only_that_governorate(intakes, supervisor):
    panel = board.surrenders(supervisor, narrowed(governorate_id=governorate("SAL").pk))
    assert panel.figures["total"] == 2  # C4, C5 in Tikrit
    assert [row[0] for row in panel.tables[1].rows] == ["Salahuddin"]


def test_the_period_is_inclusive_and_cut_at_midnight_in_baghdad(intakes, supervisor):
    # 1 to 31 March: C3, and C4 at 23:30 on the 31st in Baghdad (20:30 UTC).
    march = board.surrenders(
        supervisor, narrowed(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))
    )
    assert march.figures["total"] == 2
    # From 31 December 2025: C7 at 23:30 that day comes in.
    wider = board.surrenders(supervisor, narrowed(date_from=dt.date(2025, 12, 31)))
    assert wider.figures["total"] == 8


def test_a_period_within_one_month_has_one_column(intakes, supervisor):
    may = narrowed(date_from=dt.date(2026, 5, 1), date_to=dt.date(2026, 5, 31))
    panel = board.surrenders(supervisor, may)
    assert panel.figures["by_month"]["voluntary"] == [1]  # C5
    assert panel.figures["by_month"]["deserter_return"] == [1]  # C6
    assert board.juveniles(supervisor, may).figures["total"] == 0


# --- 2. Referrals --------------------------------------------------------------------------------


def test_referral_pipeline_and_conversion_are_counted_by_hand(referral_set, supervisor):
    panel = board.referrals(supervisor, PERIOD)
    # R1 surrendered, R2 assessing, R3 received (Tikrit), R4 closed; R5 before, R6 Nineveh.
    assert panel.figures["by_status"] == {
        "received": 1,
        "assessing": 1,
        "contact": 0,
        "arranged": 0,
        "surrendered": 1,
        "closed": 1,
    }
    assert (panel.figures["total"], panel.figures["converted"]) == (4, 1)
    assert ("Conversion", "25.0%") in panel.summary


# --- 3. Deadlines --------------------------------------------------------------------------------


def test_deadlines_outcomes_are_counted_by_hand(intakes, supervisor):
    panel = board.deadlines(supervisor, PERIOD)
    # Due January to June: C1 met on time; C2 met late; C3 open past due, C5 marked missed and
    # C7 (due 1 January) open past due: 3 overdue; C4 cancelled after its due time: missed;
    # C9 due tonight: not yet due; the dossier's follow-up cancelled before its time. C6 (a
    # deserter) has none; C8 is in Nineveh.
    expected = {
        "met_on_time": 1,
        "met_late": 1,
        "overdue": 3,
        "missed": 1,
        "pending": 1,
        "cancelled": 1,
    }
    assert {k: panel.figures[k] for k in expected} == expected
    assert panel.figures["came_due"] == 6
    rows = {row[0]: row[1:] for row in panel.tables[0].rows}
    assert rows["Papers before an investigating judge"] == [1, 1, 3, 1, 1, 0, 7]
    assert ("Met on time", "16.7%") in panel.summary


def test_deadlines_of_a_unit_are_those_it_answers_for(intakes, supervisor, anbar_unit):
    panel = board.deadlines(supervisor, narrowed(unit_id=anbar_unit.pk))
    # Ramadi: C1 on time, C2 late, C7 overdue, C9 not yet due (the dossier names no unit).
    got = {k: panel.figures[k] for k in board.DEADLINE_OUTCOMES}
    assert got == {
        "met_on_time": 1,
        "met_late": 1,
        "overdue": 1,
        "missed": 0,
        "pending": 1,
        "cancelled": 0,
    }


# --- 4. Stages -----------------------------------------------------------------------------------


def test_cases_by_stage_are_counted_by_hand(intakes, supervisor):
    panel = board.stages(supervisor, PERIOD)
    by_status = {k: v for k, v in panel.figures["by_status"].items() if v}
    # Surrendered: C1 C4 C5 C6; screening: C2 C3; arrested: C9.
    assert by_status == {"surrendered": 4, "screening": 2, "arrested": 1}


# --- 5. Courts -----------------------------------------------------------------------------------


def test_court_outcomes_sentences_and_commutations_are_counted_by_hand(verdict_set, supervisor):
    panel = board.courts(supervisor, PERIOD)
    f = panel.figures
    # V1, V2, V3 in the period; V4 before, V5 in Nineveh. Convictions in V1 and V2.
    assert (f["verdicts"], f["convicted_verdicts"]) == (3, 2)
    # Charges: V1 convicted; V2 convicted and acquitted; V3 acquitted.
    assert f["findings"] == {
        "convicted": 2,
        "acquitted": 2,
        "dismissed": 0,
        "insufficient_evidence": 0,
    }
    assert (f["sentences"], f["custodial"]) == (2, 2)
    assert f["penalties"]["temporary"] == 1 and f["penalties"]["imprisonment"] == 1
    # (3,652 + 730) / 2 = 2,191 days = 72.0 months of 30.4375 days.
    assert f["average_months"] == 72.0
    assert f["commutations"] == {"pending": 1, "accepted": 0, "modified": 0, "rejected": 1}
    assert f["commutations_granted"] == 0


# --- 6. Absences ---------------------------------------------------------------------------------


def test_absences_and_returns_per_unit_and_window_are_counted_by_hand(absence_set, supervisor):
    panel = board.absences(supervisor, PERIOD)
    assert panel.figures["decrees"] == ["deserters-2015"]
    # Columns: left in the period, returned in the period, away now; then for the 2015 window:
    # returned within it, after it, not returned.
    assert panel.figures["units"] == {
        "7th Division": [1, 1, 1, 0, 1, 0],  # A4 left (not covered: after the decree), A5 late
        "Ramadi Police Station": [0, 0, 1, 1, 1, 1],  # A1 in time, A2 late, A3 away
    }


# --- 7. Juveniles --------------------------------------------------------------------------------


def test_juveniles_per_month_and_stage_are_counted_by_hand(intakes, supervisor):
    panel = board.juveniles(supervisor, PERIOD)
    # C3 (screening) and C4 (surrendered), both in March; C8 is in Nineveh.
    assert panel.figures == {"total": 2, "by_status": {"surrendered": 1, "screening": 1}}
    march = panel.tables[0].rows[2]
    assert march[-1] == 2


# --- Scoping -------------------------------------------------------------------------------------


def test_a_supervisor_of_another_governorate_sees_nothing_of_anbar(
    intakes, referral_set, nineveh_supervisor
):
    data = board.dashboard_data(nineveh_supervisor, PERIOD)
    assert data["surrenders"].figures["total"] == 1  # C8, his own
    assert data["referrals"].figures["total"] == 1  # R6, his own
    assert data["juveniles"].figures["total"] == 1
    # Asking for Anbar gives nothing: the filter narrows the jurisdiction, never widens it.
    anbar = narrowed(governorate_id=governorate("ANB").pk)
    data = board.dashboard_data(nineveh_supervisor, anbar)
    assert all(panel.empty for panel in data.values())


def test_the_form_refuses_a_governorate_or_unit_outside_the_jurisdiction(
    client, intakes, nineveh_supervisor, anbar_unit
):
    sign_in(client, nineveh_supervisor)
    for params in ({"governorate": governorate("ANB").pk}, {"unit": anbar_unit.pk}):
        response = client.get(reverse(URL), params)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert response.context["filters"] == board.DashboardFilters.default()
        assert response.context["panels"][0].figures["total"] == 1  # his own C8 only


def test_national_scope_sees_every_governorate_and_may_choose_one(client, intakes, national_admin):
    data = board.dashboard_data(national_admin, PERIOD)
    assert data["surrenders"].figures["total"] == 8  # the seven and C8 in Nineveh
    sign_in(client, national_admin)
    assert "All governorates" in client.get(reverse(URL)).content.decode()
    response = client.get(reverse(URL), query(narrowed(governorate_id=governorate("NIN").pk)))
    assert response.context["panels"][0].figures["total"] == 1
    assert "Nineveh" in response.content.decode()


# --- The page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["supervisor", "committee", "national_admin"])
def test_roles_that_see_the_dashboard(client, request, who):
    sign_in(client, request.getfixturevalue(who))
    response = client.get(reverse(URL))
    assert response.status_code == 200
    assert f'href="{reverse(URL)}"' in response.content.decode()  # in the menu


@pytest.mark.parametrize("who", ["officer", "judge", "auditor", "no_role_user"])
def test_roles_that_do_not(client, request, who):
    sign_in(client, request.getfixturevalue(who))
    assert client.get(reverse(URL)).status_code == 403
    assert client.get(reverse("reports:dashboard_csv", args=["surrenders"])).status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_page_shows_each_panel_with_chart_table_and_csv_link(client, intakes, supervisor):
    sign_in(client, supervisor)
    response = client.get(reverse(URL), query(PERIOD))
    html = response.content.decode()
    for key in board.PANELS:
        assert f'id="panel-{key}"' in html
        assert reverse("reports:dashboard_csv", args=[key]) + "?date_from=2026-01-01" in html
    # The chart's figures travel as JSON (no inline script), the same as in the table.
    data = re.search(
        r'<script id="chart-surrenders-month" type="application/json">(.*?)</script>', html
    )
    chart = json.loads(data.group(1))
    assert chart["datasets"][0]["data"] == [1, 0, 1, 0, 1, 0]
    assert '<th scope="row">Total</th><td class="text-end">3</td>' in html
    assert "vendor/chartjs/chart.umd.min.js" in html and "js/dashboard.js" in html
    assert "<script>" not in html and " style=" not in html


def test_an_empty_jurisdiction_shows_empty_states(client, supervisor):
    sign_in(client, supervisor)
    html = client.get(reverse(URL)).content.decode()
    assert html.count("Nothing to count for these filters.") == len(board.PANELS)


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message(client, supervisor):
    sign_in(client, supervisor)
    response = client.get(reverse(URL), {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    html = response.content.decode()
    assert "The end of the period is before its start." in html
    assert "The filters are not valid" in html
    export = client.get(
        reverse("reports:dashboard_csv", args=["stages"]),
        {"date_from": "2026-05-01", "date_to": "2026-04-01"},
    )
    assert export.status_code == 400


def test_a_governorate_offers_only_its_units(client, supervisor, anbar_unit, tikrit_unit):
    sign_in(client, supervisor)
    response = client.get(reverse(URL), {"governorate": governorate("SAL").pk})
    units = list(response.context["form"].fields["unit"].queryset)
    assert tikrit_unit in units and anbar_unit not in units


def test_the_page_renders_in_arabic_right_to_left(client, intakes, supervisor):
    supervisor.language = "ar"
    supervisor.save()
    sign_in(client, supervisor)
    html = client.get(reverse(URL), query(PERIOD)).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert "الأنبار" in html and "صلاح الدين" in html  # governorates in Arabic, in the tables
    assert "Anbar" not in html
    assert 'id="chart-surrenders-month"' in html


def test_the_query_count_is_the_same_for_one_record_and_many(
    client, supervisor, officer, anbar_unit, tikrit_unit, clock, django_assert_max_num_queries
):
    from tests.referrals.conftest import make_referral

    sign_in(client, supervisor)
    url = reverse(URL)
    intake(officer, anbar_unit, baghdad(2026, 6, 1, 10, 0))
    make_referral(by=officer)
    with django_assert_max_num_queries(21) as one:
        assert client.get(url).status_code == 200
    for day in range(2, 12):
        intake(officer, tikrit_unit, baghdad(2026, 6, day, 10, 0), kind="arrest")
        make_referral(by=officer)
    with django_assert_max_num_queries(21) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(one.captured_queries)


# --- CSV -----------------------------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def test_a_panel_exports_its_figures_as_csv_and_the_export_is_logged(client, intakes, supervisor):
    sign_in(client, supervisor)
    response = client.get(reverse("reports:dashboard_csv", args=["surrenders"]), query(PERIOD))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert ["Period", "2026-01-01", "2026-06-30"] in rows
    assert ["Anbar", "2", "2", "0", "1", "5"] in rows
    assert ["Total", "3", "2", "1", "1", "7"] in rows
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.EXPORT)
    assert entry.user == supervisor
    assert entry.object_label == "dashboard:surrenders"
    assert "2026-01-01..2026-06-30" in entry.reason


def test_the_csv_defuses_a_formula_in_a_name(client, intakes, supervisor):
    trap = UnitFactory(governorate=governorate("ANB"), name_en='=HYPERLINK("http://x")')
    sign_in(client, supervisor)
    response = client.get(
        reverse("reports:dashboard_csv", args=["stages"]),
        {**query(PERIOD), "unit": trap.pk},
    )
    rows = _csv(response)
    unit_line = next(row for row in rows if row and row[0] == "Unit")
    assert unit_line[1].startswith("'=HYPERLINK")


def test_an_unknown_panel_is_not_found(client, supervisor):
    sign_in(client, supervisor)
    assert client.get(reverse("reports:dashboard_csv", args=["salaries"])).status_code == 404
