"""The URL matrix: every URL pattern of the project, checked for an anonymous visitor, a user
without the role, a user of another jurisdiction, and an insider.

A route that declares no access rule fails here (and is refused at run time). A route with
parameters needs an entry in ROUTE_KWARGS that builds them from objects in the insider's
jurisdiction, so that the outsider's 404 is really tested.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import path, reverse

from cases.accounts.models import User
from cases.casefiles.services import weapon_add
from cases.deadlines.models import Notification
from cases.people.models import DuplicateCandidate, PersonMerge
from cases.security.access import ADMIN, LOGIN, PERMISSION, PUBLIC, Route, iter_routes
from caseweb import urls as project_urls
from tests.factories import (
    DossierFactory,
    UnitFactory,
    UserFactory,
    governorate,
    make_case,
    open_deadline,
)
from tests.support.auth import sign_in

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """Users, and (as later issues add them) records in the insider's jurisdiction."""

    insider: User
    outsider: User
    no_role: User
    objects: dict[str, Any]


#: view name -> function of the world returning the URL kwargs of a record in Anbar.
def _deadline(world: World) -> dict[str, Any]:
    return {"pk": world.objects["deadline"].pk}


def _case(world: World) -> dict[str, Any]:
    return {"pk": world.objects["case"].pk}


ROUTE_KWARGS: dict[str, Callable[[World], dict[str, Any]]] = {
    "casefiles:detail": _case,
    "casefiles:edit": _case,
    "casefiles:status": _case,
    "casefiles:screening": _case,
    "casefiles:weapon_new": _case,
    "casefiles:detention_new": _case,
    "casefiles:presentation": _case,
    "people:detail": lambda w: {"pk": w.objects["case"].person_id},
    "people:review": lambda w: {"pk": w.objects["duplicate"].pk},
    "people:decide": lambda w: {"pk": w.objects["duplicate"].pk},
    "people:merge_undo": lambda w: {"pk": w.objects["merge"].pk},
    "casefiles:weapon_custody": lambda w: {
        "pk": w.objects["case"].pk,
        "weapon_pk": w.objects["weapon"].pk,
    },
    "deadlines:detail": _deadline,
    "deadlines:meet": _deadline,
    "deadlines:move": _deadline,
    "deadlines:cancel": _deadline,
    "deadlines:add": lambda w: {
        "content_type_id": ContentType.objects.get_for_model(w.objects["dossier"]).pk,
        "object_id": w.objects["dossier"].pk,
    },
    # A user's notifications are his own: another user's is "not found" for everyone else.
    "deadlines:notification_read": lambda w: {"pk": w.objects["notification"].pk},
}


def _app_hooks() -> list:
    """``tests/<app>/matrix.py`` of each app that has one: its ``ROUTE_KWARGS`` and an
    ``objects(world)`` that creates its records in the insider's jurisdiction."""
    import importlib
    import importlib.util

    from django.apps import apps

    hooks = []
    for config in apps.get_app_configs():
        if config.name.startswith("cases."):
            name = f"tests.{config.label}.matrix"
            if importlib.util.find_spec(name) is not None:
                hooks.append(importlib.import_module(name))
    return hooks


APP_HOOKS = _app_hooks()
for _hook in APP_HOOKS:
    ROUTE_KWARGS.update(_hook.ROUTE_KWARGS)

#: Routes on national records (an amnesty decree is law in every governorate): the user of
#: another jurisdiction gets the page, not a 404. Apps list them as ``NATIONAL`` in matrix.py.
NATIONAL: set[str] = set()
for _hook in APP_HOOKS:
    NATIONAL |= set(getattr(_hook, "NATIONAL", ()))

#: Routes on records that belong to one user (his notifications): 404 for everyone else.
OWNER_ONLY = {"deadlines:notification_read"}

#: Routes where the insider rightly gets something other than a page, and why.
INSIDER_STATUS = {
    # The QR code exists only while a two-factor set-up is in progress in the session.
    "two_factor:qr": 404,
}


def project_routes() -> list[Route]:
    return [r for r in iter_routes() if "admin" not in r.namespaces]


def admin_routes() -> list[Route]:
    """The admin's index and changelists: the admin enforces staff on all of its pages."""
    return [
        r
        for r in iter_routes()
        if "admin" in r.namespaces and (r.name == "index" or (r.name or "").endswith("_changelist"))
    ]


@pytest.fixture
def world(db) -> World:
    every_role = list(Group.objects.values_list("name", flat=True))
    insider = UserFactory(unit=UnitFactory(governorate=governorate("ANB")), roles=every_role)
    outsider = UserFactory(unit=UnitFactory(governorate=governorate("NIN")), roles=every_role)
    no_role = UserFactory(unit=UnitFactory(governorate=governorate("ANB")))
    dossier = DossierFactory()
    deadline = open_deadline(dossier, responsible_user=insider)
    notification = Notification.objects.create(user=insider, title="t", url="/")
    case = make_case(by=insider)
    weapon = weapon_add(
        case=case,
        data={"kind": "rifle", "condition": "working", "storage_location": "Ramadi armoury"},
        by=insider,
    )
    twin = make_case(by=insider).person  # a second record of the same man: a duplicate pair
    duplicate = DuplicateCandidate.objects.get(person_b=twin)
    merged_away = make_case(by=insider).person
    merge = PersonMerge.objects.create(
        kept=case.person, merged=merged_away, reason="test", merged_by=insider
    )
    objects = {
        "duplicate": duplicate,
        "merge": merge,
        "dossier": dossier,
        "deadline": deadline,
        "notification": notification,
        "case": case,
        "weapon": weapon,
    }
    world = World(insider=insider, outsider=outsider, no_role=no_role, objects=objects)
    for hook in APP_HOOKS:
        world.objects.update(hook.objects(world))
    return world


def url_for(route: Route, world: World) -> str:
    if "<" not in route.route:
        return "/" + route.route.replace("^", "").replace("$", "")
    if route.view_name not in ROUTE_KWARGS:
        raise AssertionError(
            f"{route.route} ({route.view_name}) takes parameters: add it to ROUTE_KWARGS"
        )
    return reverse(route.view_name, kwargs=ROUTE_KWARGS[route.view_name](world))


def _client(user: User | None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        sign_in(client, user)
    return client


def _request(client: Client, url: str):
    """GET the page; a POST-only action (405 to GET) is then tried with an empty POST."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def check_route(route: Route, world: World) -> list[str]:
    """What is wrong with ``route``'s protection; an empty list when nothing is."""
    rule = route.rule
    if rule is None:
        return [f"{route.route} ({route.view_name}) declares no access rule"]
    problems = []
    url = url_for(route, world)
    has_params = "<" in route.route

    anonymous = _request(_client(None), url)
    if rule.kind == PUBLIC:
        # 503 is an answer (/readyz when beat is not running), not a failure.
        if anonymous.status_code >= 500 and anonymous.status_code != 503:
            problems.append(f"anonymous: {anonymous.status_code} on a public page")
    elif not (anonymous.status_code == 302 and "/login/" in anonymous["Location"]):
        problems.append(f"anonymous: expected a redirect to login, got {anonymous.status_code}")

    no_role = _request(_client(world.no_role), url)
    if rule.kind == PERMISSION and no_role.status_code != 403:
        problems.append(f"user without the role: expected 403, got {no_role.status_code}")
    expected_insider = INSIDER_STATUS.get(route.view_name)
    expected_other = 404 if route.view_name in OWNER_ONLY else expected_insider
    if (
        rule.kind in (LOGIN, PUBLIC)
        and no_role.status_code in (403, 404, 500)
        and no_role.status_code != expected_other
    ):
        problems.append(f"signed-in user: got {no_role.status_code} on a page for everyone")

    outsider = _request(_client(world.outsider), url)
    if route.view_name in NATIONAL:
        if outsider.status_code != 200:
            problems.append(
                f"another jurisdiction: expected the national page, got {outsider.status_code}"
            )
    elif has_params and rule.kind != PUBLIC and outsider.status_code != 404:
        problems.append(f"user of another jurisdiction: expected 404, got {outsider.status_code}")

    insider = _request(_client(world.insider), url)
    if expected_insider is not None:
        if insider.status_code != expected_insider:
            problems.append(f"insider: expected {expected_insider}, got {insider.status_code}")
    elif insider.status_code in (403, 404) or insider.status_code in (500, 502):
        problems.append(f"insider: got {insider.status_code}")
    return problems


@pytest.mark.parametrize("route", project_routes(), ids=lambda r: r.view_name or r.route)
def test_every_route_is_protected_by_its_rule(route, world):
    assert check_route(route, world) == []


@pytest.mark.parametrize("route", admin_routes(), ids=lambda r: r.view_name)
def test_admin_pages_are_for_staff_only(route, world):
    assert route.rule is not None and route.rule.kind == ADMIN
    url = url_for(route, world)
    anonymous = _client(None).get(url, follow=True)
    # Through Caseweb's own login (second factor, lockout), never the admin's plain form.
    assert anonymous.redirect_chain[-1][0].startswith("/login/?next=")
    for user in (world.no_role, world.insider):  # officers, judges... are not staff
        response = _client(user).get(url)
        assert response.status_code == 302, f"{user}: {response.status_code}"
    staff = UserFactory(roles=["administrator"], is_staff=True)
    assert _client(staff).get(url).status_code == 200


def test_the_matrix_covers_the_pages_that_exist():
    names = {r.view_name for r in project_routes()}
    assert {"home", "login", "profile", "audit:access_log", "two_factor:setup"} <= names


# --- A view added without a rule is caught: by the matrix, and refused at run time. ---


def _undeclared_view(request):
    from django.http import HttpResponse

    return HttpResponse("secret page")


urlpatterns = [
    path("forgotten/", _undeclared_view, name="forgotten"),
    *project_urls.urlpatterns,
]


@pytest.mark.urls("tests.test_url_matrix")
def test_a_view_without_a_rule_fails_the_matrix_and_is_refused(world):
    route = next(r for r in iter_routes() if r.view_name == "forgotten")
    problems = check_route(route, world)
    assert problems and re.search("declares no access rule", problems[0])
    response = _client(world.insider).get("/forgotten/")
    assert response.status_code == 403
    assert b"secret page" not in response.content
