"""Browser tests: Playwright driving Debian's Chromium against a live server.

Chromium comes from the system (``apt-get install chromium``, done by .ci/run); Playwright never
downloads a browser. Without /usr/bin/chromium these tests are skipped with that reason. Every
page is watched for console errors and CSP violations: a test fails on any.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "var" / "screenshots"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, for the page fixture to see a failure."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def pytest_collection_modifyitems(config, items):
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(reason="Chromium not installed (apt-get install chromium)")
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
    + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.fixture
def page(request, browser, live_server, settings):
    """A fresh browser page; fails the test on any console error or CSP violation."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # 1280x800: the size of the README's screenshots, and of a police station's laptop.
    # A journey in Arabic runs in an Arabic browser (Accept-Language, date pickers), as at an
    # Iraqi police station.
    params = getattr(getattr(request.node, "callspec", None), "params", {})
    locale = "ar-IQ" if params.get("language") == "ar" else "en-GB"
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale=locale
    )
    # Chromium reports a CSP violation on the console, but not always as an error (a report-only
    # policy, a blocked frame): the event makes every violation an error the test sees.
    context.add_init_script(CSP_LISTENER)
    # Generous for a loaded CI machine, and still far below pytest's patience.
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text} ({page.url})")
            if m.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e} ({page.url})"))
    # Buttons marked data-confirm ask with window.confirm: the user says yes.
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        # What the page showed when the journey failed, beside the journeys' screenshots.
        folder = SCREENSHOTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    context.close()
    assert problems == [], problems


def sign_in_browser(page, user, password: str) -> None:
    """Sign in through the login page; a user with a device gives his current code."""
    page.goto("/login/")
    page.fill("#id_auth-username", user.username)
    page.fill("#id_auth-password", password)
    page.click("main button[type=submit]")
    if page.locator("#id_token-otp_token").count():
        from tests.support.auth import current_code, totp_device

        page.fill("#id_token-otp_token", current_code(totp_device(user)))
        page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
