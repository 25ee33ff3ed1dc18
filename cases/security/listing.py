"""Shared helpers of list pages: pagination that keeps the page's filters in its links."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Any, per_page: int = 50) -> tuple[Page, str]:
    """The requested page of ``items``, and the query string of the other filters (without
    ``page``) for the links of ``includes/pagination.html``."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


class ReadOnlyAdminMixin:
    """An admin that shows and never adds, changes or deletes (logs, outboxes)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
