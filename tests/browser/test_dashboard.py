"""The dashboard in a real browser: the charts draw under the CSP, and read right to left in
Arabic. Chromium from the system, as in tests/browser (skipped without it)."""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import CHROMIUM, sign_in_browser
from tests.conftest import PASSWORD
from tests.factories import make_case
from tests.referrals.conftest import make_referral
from tests.support.auth import totp_device

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Chromium not installed"),
]


def _charts(tab) -> list[dict]:
    """Every chart drawn on the page: its canvas's key, size and axis directions."""
    tab.wait_for_selector("canvas[data-chart]")
    return tab.evaluate(
        """() => Array.from(document.querySelectorAll('canvas[data-chart]')).map((c) => {
            const chart = window.Chart.getChart(c);
            return chart ? {key: c.dataset.chart, width: c.width,
                            x: chart.options.scales.x.reverse,
                            legendRtl: chart.options.plugins.legend.rtl} : {key: c.dataset.chart};
        })"""
    )


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_charts_draw_under_the_csp_and_follow_the_language(
    page,
    supervisor,
    officer,
    language,
):
    make_case(by=officer)
    make_case(by=officer, kind="arrest")
    make_referral(by=officer)
    supervisor.language = language
    supervisor.save()
    totp_device(supervisor)  # a supervisor must give a second factor
    sign_in_browser(page, supervisor, PASSWORD)
    page.goto("/dashboard/")
    charts = _charts(page)
    drawn = {c["key"]: c for c in charts}
    assert {"chart-surrenders-month", "chart-referrals-status", "chart-stages"} <= set(drawn)
    assert all(c.get("width", 0) > 0 for c in drawn.values()), charts
    rtl = language == "ar"
    assert drawn["chart-surrenders-month"]["x"] is rtl  # months run right to left in Arabic
    assert drawn["chart-surrenders-month"]["legendRtl"] is rtl
    if os.environ.get("DASHBOARD_SCREENSHOT"):
        page.screenshot(path=f"var/dashboard-{language}.png", full_page=True)
