"""Demo data: idempotent, one user per role, refused outside development."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from cases.accounts.models import Unit, User
from cases.accounts.roles import ROLE_LABELS
from cases.demo.seed import DemoRefused, seed_all
from tests.accounts.test_views import post_login

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_covers_every_role(capsys):
    call_command("seed_demo")
    counts = (User.objects.count(), Unit.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Unit.objects.count()) == counts
    roles_held = set(User.objects.values_list("groups__name", flat=True))
    assert set(ROLE_LABELS) <= roles_held
    assert "password for all" in capsys.readouterr().out


def test_seed_has_units_and_courts_in_the_four_governorates():
    seed_all(with_cases=False)
    for code in ("ANB", "SAL", "NIN", "BGD"):
        units = Unit.objects.filter(governorate__code=code)
        assert units.filter(kind=Unit.Kind.POLICE_STATION).exists(), code
        assert units.filter(kind__endswith="_court").exists(), code


def test_demo_users_can_sign_in_with_the_printed_password(client, settings):
    seed_all(with_cases=False)
    response = post_login(client, "officer", settings.DEMO_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="officer").pk)


def test_seed_is_refused_where_demo_is_not_allowed(settings):
    settings.DEMO_ALLOWED = False
    with pytest.raises(DemoRefused):
        seed_all()
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.filter(username="admin").exists()


def test_two_factor_demo_users_sign_in_with_the_printed_code(client, settings, capsys):
    from tests.accounts.test_two_factor import post_token

    seed_all(with_cases=False)
    call_command("demo_otp", "judge")
    code = capsys.readouterr().out.strip()
    post_login(client, "judge", settings.DEMO_PASSWORD)
    assert post_token(client, code).status_code == 302
    assert client.get("/").status_code == 200
