"""Copy the README's screenshots from the last browser run into docs/screenshots/.

    .venv/bin/pytest tests/browser -p no:xdist      # the journeys write var/screenshots/readme/
    .venv/bin/python -m tests.browser.screenshots   # the chosen set, optimised, to docs/

Only the pages named below are copied, in Arabic and English, each reduced to a 256-colour
palette (a screenshot of a form keeps its look and shrinks to a fraction). A missing one is
named and the command fails: run the browser tests first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE = ROOT / "var" / "screenshots" / "readme"
TARGET = ROOT / "docs" / "screenshots"

#: The README's set: (file name without language, what it shows).
CHOSEN = [
    ("start-officer", "An officer's start page, with the 24-hour deadline of his new case"),
    ("referral", "A referral: the source sealed under its code name"),
    ("intake", "The intake form, filled from the referral"),
    ("case", "The case page: juvenile flag, weapons handed over"),
    ("court-record", "The court record after the verdict"),
    ("decree", "An amnesty decree and its window"),
    ("duplicates", "The supervisor's queue of possible duplicates"),
    ("notifications", "Reminders in the bell"),
]
LANGUAGES = ("ar", "en")


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    missing = []
    for name, _caption in CHOSEN:
        for language in LANGUAGES:
            source = SOURCE / f"{name}-{language}.png"
            if not source.exists():
                missing.append(str(source.relative_to(ROOT)))
                continue
            target = TARGET / f"{name}-{language}.png"
            with Image.open(source) as image:
                small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
                small.save(target, optimize=True)
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")
    if missing:
        print("missing (run the browser tests first):", *missing, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
