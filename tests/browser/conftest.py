"""Browser tests: Playwright driving Debian's Chromium against a live server.

Chromium comes from the system (``apt-get install chromium``, done by .ci/run); Playwright never
downloads a browser. Without /usr/bin/chromium these tests are skipped with that reason. Every
page is watched for console errors and CSP violations: a test fails on any.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


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


@pytest.fixture
def page(browser, live_server, settings):
    """A fresh browser page; fails the test on any console error or CSP violation."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    yield page
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
