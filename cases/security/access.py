"""Access rules: every view declares who may use it, and a view that declares nothing is refused.

A rule is attached to the view function by one of the decorators below (in ``urls.py`` for
class-based views: ``require_perms("app.perm")(MyView.as_view())``):

- :func:`public`: anyone, signed in or not (the login page);
- :func:`login_only`: any signed-in user (his own start page, his account);
- :func:`require_perms`: a signed-in user holding the permissions (a role's).

Jurisdiction is the second half of every rule and is enforced where the rows are read: lists start
from ``Model.objects.in_jurisdiction(user)`` and single records come through the ``*_get_for_user``
helpers, which answer 404 outside the user's governorates and 403 inside them without the
permission to change. :class:`cases.security.middleware.AccessRuleMiddleware` refuses any view
without a rule, and the URL-matrix test fails on one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = "public"
LOGIN = "login"
PERMISSION = "permission"
ADMIN = "admin"


@dataclass(frozen=True)
class AccessRule:
    kind: str
    permissions: tuple[str, ...] = ()
    #: True: any one of ``permissions`` is enough; False: all of them are needed.
    any_of: bool = False

    def allows(self, user: Any) -> bool:
        if self.kind == PUBLIC:
            return True
        if not user.is_authenticated:
            return False
        if self.kind == LOGIN:
            return True
        if self.kind == ADMIN:
            return user.is_active and user.is_staff
        check = any if self.any_of else all
        return check(user.has_perm(p) for p in self.permissions)


#: The rule of the Django admin: staff only (the admin checks it too, and asks for 2FA).
ADMIN_RULE = AccessRule(ADMIN)


def _mark(view: Callable, rule: AccessRule) -> Callable:
    view.access_rule = rule  # type: ignore[attr-defined]
    return view


def public(view: Callable) -> Callable:
    """Anyone may use ``view``, signed in or not. Use sparingly: login, health checks."""
    return _mark(view, AccessRule(PUBLIC))


def login_only(view: Callable) -> Callable:
    """Any signed-in user may use ``view``; anonymous visitors are sent to the login page."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _mark(wrapped, AccessRule(LOGIN))


def require_perms(*permissions: str, any_of: bool = False) -> Callable[[Callable], Callable]:
    """Signed-in users holding ``permissions`` (all, or any with ``any_of``) may use the view.

    Anonymous visitors are sent to the login page; signed-in users without them get 403.
    """
    if not permissions:
        raise ValueError("require_perms needs at least one permission")
    rule = AccessRule(PERMISSION, tuple(permissions), any_of)

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule.allows(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return _mark(wrapped, rule)

    return decorator


def rule_of(view: Callable, namespaces: list[str] | tuple[str, ...] = ()) -> AccessRule | None:
    """The rule declared for ``view`` (reached under ``namespaces``), or None when it has none."""
    rule = getattr(view, "access_rule", None)
    if rule is None and "admin" in namespaces:
        return ADMIN_RULE
    return rule


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    namespaces: tuple[str, ...]
    callback: Callable
    pattern: URLPattern

    @property
    def view_name(self) -> str | None:
        if self.name is None:
            return None
        return ":".join([*self.namespaces, self.name])

    @property
    def rule(self) -> AccessRule | None:
        return rule_of(self.callback, self.namespaces)


def iter_routes(urlconf: str | None = None) -> Iterator[Route]:
    """Every URL pattern of the project (or of ``urlconf``), with its full route and namespaces."""

    def walk(patterns, prefix: str, namespaces: tuple[str, ...]):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = (*namespaces, p.namespace) if p.namespace else namespaces
                yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                yield Route(prefix + str(p.pattern), p.name, namespaces, p.callback, p)

    yield from walk(get_resolver(urlconf).url_patterns, "", ())


def undeclared_routes(urlconf: str | None = None) -> list[Route]:
    """Routes whose view declares no access rule: each is a defect (and refused at run time)."""
    return [route for route in iter_routes(urlconf) if route.rule is None]
