"""403, 404 and 500 pages, in both languages, with no traces."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from cases.security.access import public
from caseweb import urls as project_urls

pytestmark = pytest.mark.django_db


@public
def _forbidden(request):
    raise PermissionDenied


@public
def _broken(request):
    raise RuntimeError("secret detail that must not reach the page")


urlpatterns = [
    path("forbidden/", _forbidden),
    path("broken/", _broken),
    *project_urls.urlpatterns,
]


@pytest.mark.urls("tests.test_error_pages")
@pytest.mark.parametrize(("language", "text"), [("en", "Access refused"), ("ar", "تم رفض الوصول")])
def test_403_page(client, language, text):
    client.cookies["caseweb_language"] = language
    response = client.get("/forbidden/")
    assert response.status_code == 403
    assert text in response.content.decode()


@pytest.mark.parametrize(("language", "text"), [("en", "Not found"), ("ar", "غير موجود")])
def test_404_page(client, language, text):
    client.cookies["caseweb_language"] = language
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()


@pytest.mark.urls("tests.test_error_pages")
@pytest.mark.parametrize(("language", "text"), [("en", "Server error"), ("ar", "خطأ في الخادم")])
def test_500_page_has_no_trace(language, text):
    client = Client(raise_request_exception=False)
    client.cookies["caseweb_language"] = language
    response = client.get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert text in html
    assert "secret detail" not in html
    assert "Traceback" not in html
