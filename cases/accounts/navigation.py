"""The main menu: entries registered by apps, each shown to users holding its permission.

Apps add entries in their ``AppConfig.ready()`` with :func:`register`; a lower app never needs to
know about a higher one's pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuItem:
    url_name: str
    label: Any  # a lazy translation
    permission: str | None = None  # None: every signed-in user
    order: int = 100
    icon: str = ""

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_REGISTRY: dict[str, MenuItem] = {}


def register(item: MenuItem) -> None:
    _REGISTRY[item.url_name] = item


def menu_for(user: Any) -> list[MenuItem]:
    items = []
    for item in sorted(_REGISTRY.values(), key=lambda i: (i.order, i.url_name)):
        if item.permission and not user.has_perm(item.permission):
            continue
        try:
            item.url  # noqa: B018 - a menu entry whose page is not mounted is left out
        except NoReverseMatch:
            continue
        items.append(item)
    return items
