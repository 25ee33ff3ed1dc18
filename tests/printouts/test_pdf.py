"""The PDF itself: Arabic shaped and in reading order, set in the vendored fonts and nothing else,
and a renderer that reads no file but the print resources."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from weasyprint.urls import FatalURLFetchingError

from cases.printouts.pdf import FONTS, StaticOnlyFetcher, render_pdf
from tests.printouts.conftest import has_phrase, pdf_fonts, pdf_text, shaped_letters

NAME = "عمر خالد جاسم الدليمي"
COURT = "محكمة تحقيق الرمادي"
VENDORED = {"Caseweb-Naskh", "Caseweb-Naskh-Bold", "Caseweb-Sans", "Caseweb-Sans-Bold"}


def _document(extra_head: str = "", *, lang: str = "ar") -> str:
    direction = "rtl" if lang == "ar" else "ltr"
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        f"{extra_head}</head><body><h1>ANB-2026-00001</h1><p>{NAME}</p><p><b>{COURT}</b></p>"
        "<p>Printed by officer</p></body></html>"
    )


def test_the_phrase_check_fails_on_broken_arabic():
    """What a broken rendering extracts as: letters reversed, letters apart, missing glyphs."""
    assert has_phrase(f"… {NAME} …", NAME)
    assert has_phrase("ﻋﻤﺮ ﺧﺎﻟﺪ ﺟﺎﺳﻢ ﺍﻟﺪﻟﻴﻤﻲ", NAME)  # presentation forms: the same words
    assert not has_phrase(NAME[::-1], NAME)  # visual order, letter by letter
    assert not has_phrase(" ".join(NAME.replace(" ", "")), NAME)  # isolated letters
    assert not has_phrase(" ".join(w[::-1] for w in NAME.split()), NAME)
    assert not has_phrase("\x0c\x0cı\x0cö\x00 \x0cœ\x0cı", NAME)  # .notdef boxes
    assert not has_phrase("", NAME)


def test_shaping_shows_in_the_glyphs_not_in_the_text():
    """Without Arabic shaping the extracted text is the same; only the glyphs tell."""
    shaped = render_pdf(_document())
    unshaped = render_pdf(
        _document(
            "<style>p, h1 { font-feature-settings: 'init' 0, 'medi' 0, 'fina' 0, 'rlig' 0,"
            " 'calt' 0, 'liga' 0; }</style>"
        )
    )
    assert has_phrase(pdf_text(shaped), NAME) and has_phrase(pdf_text(unshaped), NAME)
    assert len(shaped_letters(shaped)) >= 3
    assert shaped_letters(unshaped) == set()


def test_arabic_is_set_in_the_vendored_fonts_only():
    pdf = render_pdf(_document())
    text = pdf_text(pdf)
    assert has_phrase(text, NAME) and has_phrase(text, COURT)
    assert has_phrase(text, "ANB-2026-00001") and has_phrase(text, "Printed by officer")
    assert pdf_fonts(pdf) == VENDORED


def test_a_machine_without_fonts_prints_the_same_arabic(tmp_path):
    """With fontconfig knowing no font at all, the PDF still has its Arabic, shaped, in the
    vendored fonts: nothing comes from the system."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>"
    )
    out = tmp_path / "out.pdf"
    script = (
        "import sys, django; django.setup()\n"
        "from cases.printouts.pdf import render_pdf\n"
        "from tests.printouts.test_pdf import _document\n"
        "open(sys.argv[1], 'wb').write(render_pdf(_document()))\n"
    )
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(config),
        "DJANGO_SETTINGS_MODULE": "caseweb.settings.test",
        # Never the tests' embedded PostgreSQL: this process reads no database.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    result = subprocess.run(
        [sys.executable, "-c", script, str(out)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    pdf = out.read_bytes()
    assert has_phrase(pdf_text(pdf), NAME)
    assert len(shaped_letters(pdf)) >= 3
    assert pdf_fonts(pdf) == VENDORED


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://example.org/font.ttf",
        "data:font/ttf;base64,AAAA",
        "static:../caseweb/settings/base.py",
        "static:fonts/OFL.txt",
        "static:css/caseweb.css",
    ],
)
def test_the_fetcher_reads_nothing_but_the_print_resources(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises(ValueError, match="Refused"):
        fetcher.fetch(url)
    assert fetcher.fetched == []


def test_a_document_asking_for_another_file_is_not_printed():
    with pytest.raises(FatalURLFetchingError):
        render_pdf(_document('<link rel="stylesheet" href="file:///etc/passwd">'))


def test_the_fonts_are_vendored_with_their_licence():
    fetcher = StaticOnlyFetcher()
    render_pdf(_document(), fetcher=fetcher)
    assert set(fetcher.fetched) >= {"printouts/case_file.css", *FONTS}
    fonts = Path(settings.BASE_DIR) / "static" / "fonts"
    for name in FONTS:
        assert (fonts.parent / name).read_bytes()[:4] == b"\x00\x01\x00\x00"  # a TrueType file
    licence = (fonts / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Google LLC" in licence
