"""Helpers shared by the browser journeys: translated labels, screenshots, the "no English on an
Arabic page" check, the axe-core accessibility check and keyboard navigation.

Selectors use the *translated* labels (``tr(language, "Source's name")``), so a journey run in
Arabic also proves that the label exists in Arabic on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from django.utils import translation
from django.utils.text import capfirst

ROOT = Path(__file__).resolve().parent.parent.parent
#: Every journey's full-page screenshots (git-ignored); ``readme/`` holds the README's set,
#: copied into docs/screenshots/ by ``python -m tests.browser.screenshots``.
SHOTS = ROOT / "var" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
LANGUAGES = ["ar", "en"]


# --- Words -------------------------------------------------------------------------------------


def tr(language: str, text: str) -> str:
    """``text`` as the interface shows it in ``language`` (gettext, first letter capitalised as
    Django capitalises form labels)."""
    with translation.override(language):
        return str(capfirst(translation.gettext(text)))


def trs(language: str, text: str, *, context: str | None = None) -> str:
    """``text`` translated, as written (no capitalisation): buttons, headings, messages."""
    with translation.override(language):
        if context:
            return translation.pgettext(context, text)
        return translation.gettext(text)


def field(page, language: str, label: str):
    """The form control labelled ``label`` in ``language`` (a required field's label ends in
    crispy-forms' asterisk)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(tr(language, label))}\s*\*?\s*$"))


def set_language(user, language: str) -> None:
    """The user's interface language, stored on his account as the language control does."""
    user.language = language
    user.save(update_fields=["language"])


# --- Screenshots -------------------------------------------------------------------------------


def shoot(page, name: str, *, readme: bool = False) -> Path:
    """A full-page screenshot of the journey's step under var/screenshots/journeys/; with
    ``readme`` also a viewport-sized one (1280x800) for the README's set."""
    folder = SHOTS / "journeys"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    if readme:
        (SHOTS / "readme").mkdir(parents=True, exist_ok=True)
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=str(SHOTS / "readme" / f"{name}.png"), full_page=False)
    return path


# --- No English on an Arabic page ---------------------------------------------------------------

# Every text node of the page (hidden ones too: a dropdown or a refusal shows them later) and the
# attributes a screen reader reads, except what is Latin on purpose: code names and codes
# (<code>), anything marked with a non-Arabic lang (the "English" button, Latin name fields).
_COLLECT_TEXT = """() => {
  const skip = (el) => !el || el.closest('script, style, template, noscript, code, kbd, samp, '
    + '[translate="no"], [lang]:not([lang^="ar"])');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.textContent.trim();
    if (text && !skip(n.parentElement)) out.push(text);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
      const v = el.getAttribute(a);
      if (v && v.trim()) out.push(v.trim());
    }
  }
  for (const el of document.body.querySelectorAll('input[type=submit], input[type=button]')) {
    if (!skip(el) && el.value) out.push(el.value);
  }
  out.push(document.title);
  return out;
}"""

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
# Latin that is data, not interface: codes and numbers (ANB-2026-00012, AK-47, SRC-QJEYS),
# abbreviations in capitals (CPC, ID), units of measure.
_ALLOWED_TOKEN = re.compile(r"^([A-Z][A-Z-]{0,11}|[A-Za-z]*\d[\w-]*|km|kg|mm|cm)$")
_ALWAYS_ALLOWED = {"Caseweb"}


def english_on_page(page, allow: Iterable[str] = ()) -> list[str]:
    """Latin words in an Arabic page that are not data: each with the text around it."""
    allowed = set(_ALWAYS_ALLOWED)
    for value in allow:
        allowed.update(_LATIN_WORD.findall(str(value)))
    found: list[str] = []
    for text in page.evaluate(_COLLECT_TEXT):
        # Codes glued to Latin letters and digits are one token: "ANB-2026-00001".
        cleaned = re.sub(r"\b[\w-]*\d[\w-]*\b", " ", text)
        words = [
            w
            for w in _LATIN_WORD.findall(cleaned)
            if w not in allowed and not _ALLOWED_TOKEN.match(w)
        ]
        if words:
            found.append(text[:120])
    return sorted(set(found))


class ArabicOnly:
    """Collects the English left on each Arabic page a journey visits, and fails at the end of
    the journey with all of them and their pages (the journey's later steps still run, so one
    run names every string to translate). In English it checks nothing. Each finding is also
    appended to var/screenshots/english-on-arabic-pages.txt for the translators."""

    def __init__(self, page, language: str, allow: Iterable[str] = ()) -> None:
        self.page = page
        self.language = language
        self.allow = list(allow)
        self.found: dict[str, list[str]] = {}

    def check(self, *more_allowed: str) -> None:
        if self.language != "ar":
            return
        offenders = english_on_page(self.page, [*self.allow, *more_allowed])
        if offenders:
            path = re.sub(r"^https?://[^/]+", "", self.page.url)
            self.found.setdefault(path, []).extend(offenders)
            SHOTS.mkdir(parents=True, exist_ok=True)
            with (SHOTS / "english-on-arabic-pages.txt").open("a", encoding="utf-8") as out:
                for text in offenders:
                    out.write(f"{path}\t{text}\n")

    def assert_clean(self) -> None:
        assert not self.found, f"English left on Arabic pages: {self.found}"


# --- Accessibility: axe-core ---------------------------------------------------------------------

_RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 6).map(n => n.target.join(' '))}));
}"""


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """axe-core's violations of ``impacts`` on the page as it stands.

    axe is evaluated through the DevTools protocol (``page.evaluate`` of the vendored file's
    text), which the page's Content-Security-Policy does not govern: a <script> tag of it would
    be an inline script, refused by ``script-src 'self'``, and the page stays under its CSP."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return [v for v in page.evaluate(_RUN_AXE) if v["impact"] in impacts]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}: {violations}"


# --- Keyboard ------------------------------------------------------------------------------------

# The form's controls a keyboard user must reach, in document order: a radio group is one stop.
_EXPECTED_STOPS = """(form) => {
  const seen = new Set();
  const stops = [];
  for (const el of form.querySelectorAll('input, select, textarea, button')) {
    if (el.type === 'hidden' || el.disabled || el.tabIndex < 0) continue;
    if (!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) continue;
    if (el.type === 'radio') {
      if (seen.has(el.name)) continue;
      seen.add(el.name);
      stops.push('radio:' + el.name);
    } else {
      stops.push(el.id || el.name || el.type);
    }
  }
  return stops;
}"""

_ACTIVE = """(form) => {
  const el = document.activeElement;
  if (!el || !form.contains(el) || !el.matches('input, select, textarea, button')) return null;
  if (el.type === 'radio') return 'radio:' + el.name;
  return el.id || el.name || el.type;
}"""


def tab_stops(page, form_selector: str) -> tuple[list[str], list[str]]:
    """The controls of the form in document order, and those the Tab key reaches from the first
    one, in the order it reaches them (until it leaves the form)."""
    form = page.locator(form_selector)
    expected = form.evaluate(_EXPECTED_STOPS)
    page.locator(f"{form_selector} input:not([type=hidden]), {form_selector} select").first.focus()
    reached = [form.evaluate(_ACTIVE)]
    for _ in range(len(expected) * 2 + 10):
        page.keyboard.press("Tab")
        stop = form.evaluate(_ACTIVE)
        if stop is None:
            break
        if stop != reached[-1]:
            reached.append(stop)
    return expected, reached
