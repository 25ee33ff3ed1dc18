"""HTML to PDF with WeasyPrint, from the project's own fonts and stylesheet only.

The print stylesheet names its fonts as ``static:fonts/<file>`` and is itself loaded as
``static:printouts/case_file.css``. :class:`StaticOnlyFetcher` answers those URLs, and only those
in :data:`ALLOWED`, from the project's static files; anything else (a web address, a file path, a
``data:`` URL) is refused and stops the rendering. So a PDF never depends on the fonts of the
machine, never makes a network request, and never reads a file it was not meant to.
"""

from __future__ import annotations

import mimetypes
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

SCHEME = "static:"
STYLESHEET = "printouts/case_file.css"
#: The vendored fonts (static/fonts, with their licence, OFL.txt).
FONTS = (
    "fonts/NotoNaskhArabic-Regular.ttf",
    "fonts/NotoNaskhArabic-Bold.ttf",
    "fonts/NotoSans-Regular.ttf",
    "fonts/NotoSans-Bold.ttf",
)
ALLOWED = frozenset({STYLESHEET, *FONTS})
#: The families the stylesheet gives the vendored fonts. No system font has these names, so a
#: PDF whose fonts carry them was set in the vendored files (WeasyPrint names an embedded
#: @font-face font after its family: "ABCDEF+Caseweb-Naskh").
ARABIC_FAMILY = "Caseweb Naskh"
LATIN_FAMILY = "Caseweb Sans"


class PrintResourceError(ValueError):
    """A resource the print stylesheet or document asked for that it may not have."""


@cache
def static_path(name: str) -> Path:
    """The file of the static asset ``name``: from the source folders (``STATICFILES_DIRS``, the
    apps' ``static/``), else from ``STATIC_ROOT`` after ``collectstatic``."""
    found = finders.find(name)
    if found:
        return Path(found).resolve()
    try:
        path = Path(staticfiles_storage.path(name)).resolve()
    except NotImplementedError:  # a storage without local files
        path = None
    if path is None or not path.is_file():
        raise ImproperlyConfigured(f"The printable case file needs the static file {name}.")
    return path


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that reads the allowed static files and nothing else."""

    def __init__(self) -> None:
        # Any refused or missing resource stops the rendering: a case file set in the wrong
        # font (or none) must not reach a court.
        super().__init__(allowed_protocols=(), fail_on_errors=True)
        self.fetched: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if not url.startswith(SCHEME):
            raise PrintResourceError(f"Refused to fetch {url[:80]!r}: not a static file.")
        name = url.removeprefix(SCHEME)
        if name not in ALLOWED:
            raise PrintResourceError(f"Refused to fetch {name[:80]!r}: not a print resource.")
        path = static_path(name)
        self.fetched.append(name)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".ttf":
            content_type = "font/ttf"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )


def render_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """The PDF of ``html`` (a complete document), set with the print stylesheet."""
    fetcher = fetcher or StaticOnlyFetcher()
    font_config = FontConfiguration()
    stylesheet = CSS(url=SCHEME + STYLESHEET, url_fetcher=fetcher, font_config=font_config)
    document = HTML(string=html, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config)
