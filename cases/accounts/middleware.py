"""Middleware of the accounts app: the user's language, and two-factor enforcement."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _
from two_factor.utils import default_device


class UserLanguageMiddleware:
    """After authentication: a signed-in user's stored language wins over cookie and browser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


#: Pages a user who must set up two-factor authentication may still reach.
TWO_FACTOR_SETUP_VIEWS = frozenset(
    {
        "two_factor:setup",
        "two_factor:qr",
        "two_factor:setup_complete",
        "two_factor:backup_tokens",
        "logout",
        "set_language",
        "login",
        "two_factor:login",
    }
)


def requires_two_factor(user) -> bool:
    """Judges, supervisors, auditors and administrators (and anyone in the admin) need 2FA."""
    return user.is_staff or user.has_perm("accounts.two_factor_required")


class TwoFactorRequiredMiddleware:
    """A user whose role requires a second factor reaches nothing until his session is verified:
    without a device he is sent to set one up; with one, back to the login to use it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, args, kwargs) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or user.is_verified() or not requires_two_factor(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in TWO_FACTOR_SETUP_VIEWS:
            return None
        if default_device(user) is None:
            messages.warning(
                request,
                _("Your role requires two-factor authentication. Set it up to continue."),
            )
            return redirect("two_factor:setup")
        # He has a device but this session never proved it: sign in again, with the code.
        logout(request)
        messages.warning(request, _("Sign in with your authentication code to continue."))
        return redirect_to_login(request.get_full_path())
