"""Journey 4: a unit reports a policeman who fled his post, records his return within the
decree's 30-day window, applies for the amnesty on his return's case, and the amnesty committee
takes the application up and grants it, with the engine's explanation before it. Arabic and
English."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.accounts import roles
from cases.amnesty.models import AbsenceReport, Application, Decree
from cases.casefiles.services import screening_record
from tests.browser.data import sign_in, sign_out
from tests.browser.support import LANGUAGES, ArabicOnly, field, set_language, shoot, trs
from tests.conftest import PASSWORD
from tests.factories import UnitFactory, UserFactory, governorate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_unit_records_absence_and_return_and_the_committee_grants_the_amnesty(
    page, officer, language
):
    # The 2015 deserters' decision, as seeded, taking effect five days ago: its window is open.
    today = timezone.localdate()
    Decree.objects.filter(code="deserters-2015").update(
        issued_on=today - dt.timedelta(days=5),
        effective_on=today - dt.timedelta(days=5),
        acts_until=today - dt.timedelta(days=5),
    )
    decree = Decree.objects.get(code="deserters-2015")
    committee_unit = UnitFactory(governorate=governorate("ANB"), kind="amnesty_committee")
    committee = UserFactory(
        unit=committee_unit, roles=[roles.AMNESTY_COMMITTEE], username="committee"
    )
    set_language(officer, language)
    set_language(committee, language)
    english = ArabicOnly(page, language, [str(officer), str(committee), "IA-7-4410"])

    # The unit reports the absence.
    sign_in(page, officer, PASSWORD)
    page.get_by_role("link", name=trs(language, "Absences"), exact=True).first.click()
    page.wait_for_url("**/amnesty/absences/**")
    english.check()
    page.get_by_role("link", name=trs(language, "Report an absence")).click()
    field(page, language, "given name (Arabic)").fill("علي")
    field(page, language, "father's name (Arabic)").fill("حسن")
    field(page, language, "family or tribe (Arabic)").fill("الجبوري")
    field(page, language, "service number").fill("IA-7-4410")
    field(page, language, "Absent since").fill((today - dt.timedelta(days=60)).isoformat())
    field(page, language, "Circumstances").select_option("fled")
    english.check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/amnesty/absences/\d+/$"))
    absence = AbsenceReport.objects.get()
    assert absence.person.service_number == "IA-7-4410" and absence.status == "absent"
    english.check()

    # He comes back to his unit this morning.
    returned_at = timezone.localtime().replace(second=0, microsecond=0) - dt.timedelta(hours=1)
    field(page, language, "What became of him").select_option("returned")
    field(page, language, "Returned at (day and time)").fill(returned_at.strftime("%Y-%m-%dT%H:%M"))
    field(page, language, "Reason or source").fill("حضر إلى بوابة الوحدة وسلّم نفسه.")
    page.get_by_role("button", name=trs(language, "Record", context="action"), exact=True).click()
    expect(page.locator(".alert-success")).to_be_visible()
    absence.refresh_from_db()
    assert absence.status == "returned" and absence.case is not None
    english.check()
    shoot(page, f"absence-returned-{language}")
    # Screened on his return (the case page's own form, tested with the case files): no
    # warrant, low risk, for the deserters' amnesty.
    screening_record(
        case=absence.case,
        data={"wanted_match": "none", "risk_tier": "low", "outcome": "deserter_amnesty"},
        by=officer,
    )

    # The application, on his return's case, under the decree.
    page.get_by_role("link", name=trs(language, "Apply for amnesty")).click()
    field(page, language, "Decree").select_option(str(decree.pk))
    field(page, language, "Applied on").fill(today.isoformat())
    english.check()
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/amnesty/applications/\d+/$"))
    application = Application.objects.get()
    assert application.absence == absence and application.case == absence.case
    sign_out(page, language)

    # The committee takes it up and grants it.
    sign_in(page, committee, PASSWORD)
    page.get_by_role("link", name=trs(language, "Amnesty applications")).first.click()
    page.wait_for_url("**/amnesty/applications/**")
    english.check()
    page.locator(f"main a[href='{application.get_absolute_url()}']").first.click()
    page.wait_for_url(f"**{application.get_absolute_url()}")
    page.get_by_role("button", name=trs(language, "Take up for review")).click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.get_by_role("radio", name=trs(language, "Grant"), exact=True).check()
    field(page, language, "Grounds").fill("عاد إلى وحدته ضمن المهلة، ولا استثناء يمنع العفو.")
    english.check()
    shoot(page, f"application-{language}", readme=True)
    page.get_by_role("button", name=trs(language, "Record the decision")).click()
    expect(page.locator(".alert-success")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Application.Status.GRANTED
    assert not application.decision.override  # the engine agreed
    english.check()
    english.assert_clean()
