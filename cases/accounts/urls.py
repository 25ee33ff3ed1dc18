from __future__ import annotations

from django.urls import include, path
from two_factor import views as two_factor_views

from cases.security.access import login_only, public

from . import views

# django-two-factor-auth's pages, each with its access rule, under the namespace it expects.
two_factor_patterns = (
    [
        path("login/", public(views.LoginView.as_view()), name="login"),
        path(
            "account/two-factor/setup/",
            login_only(two_factor_views.SetupView.as_view()),
            name="setup",
        ),
        path(
            "account/two-factor/qrcode/",
            login_only(two_factor_views.QRGeneratorView.as_view()),
            name="qr",
        ),
        path(
            "account/two-factor/setup/complete/",
            login_only(two_factor_views.SetupCompleteView.as_view()),
            name="setup_complete",
        ),
        path(
            "account/two-factor/backup/tokens/",
            login_only(two_factor_views.BackupTokensView.as_view()),
            name="backup_tokens",
        ),
        path(
            "account/two-factor/",
            login_only(two_factor_views.ProfileView.as_view()),
            name="profile",
        ),
        path(
            "account/two-factor/disable/",
            login_only(views.DisableTwoFactorView.as_view()),
            name="disable",
        ),
    ],
    "two_factor",
)

urlpatterns = [
    path("", include(two_factor_patterns)),
    path("login/", public(views.LoginView.as_view()), name="login"),
    path("logout/", public(views.LogoutView.as_view()), name="logout"),
    path("account/", views.profile, name="profile"),
    path(
        "account/password/",
        login_only(views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path("language/", public(views.set_language), name="set_language"),
]
