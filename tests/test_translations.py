"""The Arabic catalogue is complete, and the compiled .mo matches the .po."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "ar" / "LC_MESSAGES"


def _entries() -> list[dict]:
    """A small .po reader: msgid, msgid_plural, msgstr / msgstr[n], and flags."""
    entries, current, key = [], None, None
    for line in [*(LOCALE / "django.po").read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current:
                entries.append(current)
            current, key = None, None
            continue
        current = current or {"flags": "", "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] = line
        elif line.startswith("#"):
            continue
        elif m := re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d)\])?) (\".*\")$", line):
            key = m.group(1)
            value = ast.literal_eval(m.group(3))
            if key.startswith("msgstr"):
                current["msgstr"][key] = value
            else:
                current[key] = value
        elif line.startswith('"') and key:
            value = ast.literal_eval(line)
            if key.startswith("msgstr"):
                current["msgstr"][key] += value
            else:
                current[key] += value
    return [e for e in entries if e.get("msgid")]


def test_every_string_has_an_arabic_translation():
    missing = [e["msgid"] for e in _entries() if not all(e["msgstr"].values())]
    assert missing == []


def test_no_translation_is_left_fuzzy():
    assert [e["msgid"] for e in _entries() if "fuzzy" in e["flags"]] == []


def test_plural_entries_have_all_six_arabic_forms():
    for e in _entries():
        if "msgid_plural" in e:
            assert len(e["msgstr"]) == 6, e["msgid"]


def test_compiled_catalogue_matches_the_source():
    catalogue = gettext.GNUTranslations((LOCALE / "django.mo").open("rb"))
    stale = []
    for e in _entries():
        if "msgid_plural" in e:
            got = catalogue.ngettext(e["msgid"], e["msgid_plural"], 100)  # Arabic form 5
            if got != e["msgstr"]["msgstr[5]"]:
                stale.append(e["msgid"])
        elif "msgctxt" in e:
            if catalogue.pgettext(e["msgctxt"], e["msgid"]) != e["msgstr"]["msgstr"]:
                stale.append(e["msgid"])
        elif catalogue.gettext(e["msgid"]) != e["msgstr"]["msgstr"]:
            stale.append(e["msgid"])
    assert stale == [], "run `make compilemessages`"
