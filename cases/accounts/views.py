"""Sign-in (with a second factor), sign-out, password change, the language switch, the profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from two_factor import views as two_factor_views

from cases.security.access import login_only

from .forms import CasewebPasswordChangeForm, LanguageForm, LoginForm
from .middleware import requires_two_factor
from .roles import ROLE_LABELS
from .selectors import governorates_for_user, roles_of
from .services import user_set_language


class LoginView(two_factor_views.LoginView):
    """Username and password, then the authentication code for users who have a device."""

    form_list = (
        ("auth", LoginForm),
        *[(name, form) for name, form in two_factor_views.LoginView.form_list if name != "auth"],
    )
    redirect_authenticated_user = False


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = CasewebPasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password was changed."))
        return response


class DisableTwoFactorView(two_factor_views.DisableView):
    """Turning two-factor off, refused to those whose role requires it."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and requires_two_factor(request.user):
            messages.error(request, _("Your role requires two-factor authentication."))
            return HttpResponseRedirect(reverse_lazy("two_factor:profile"))
        return super().dispatch(request, *args, **kwargs)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; a signed-in user keeps his choice on every device."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if not form.is_valid():
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_only
def profile(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own page: unit, roles, governorates, language."""
    return render(
        request,
        "accounts/profile.html",
        {
            "roles": [ROLE_LABELS[r] for r in roles_of(request.user)],
            "governorates": governorates_for_user(request.user),
        },
    )
