"""Shared helpers of list pages: pagination that keeps the page's filters in its links.

:func:`paginate` numbers pages (OFFSET and an exact COUNT): fine for the small lists.
:func:`keyset_paginate` is for the lists that grow to a million rows (cases, referrals, the
docket): each page starts after the last row of the one before, with no OFFSET and no exact COUNT.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value
from django.forms import CheckboxInput, Select
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def paginate(request: HttpRequest, items: Any, per_page: int = 50) -> tuple[Page, str]:
    """The requested page of ``items``, and the query string of the other filters (without
    ``page``) for the links of ``includes/pagination.html``."""
    page = Paginator(items, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def plain_filter_widgets(form) -> None:
    """Bootstrap's classes on the widgets of a list's filter form, so that the list renders its
    fields with ``includes/filter_field.html`` rather than crispy-forms' templates, which took a
    third of a list page's server time."""
    for field in form.fields.values():
        widget = field.widget
        css = (
            "form-check-input"
            if isinstance(widget, CheckboxInput)
            else "form-select"
            if isinstance(widget, Select)
            else "form-control"
        )
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class ReadOnlyAdminMixin:
    """An admin that shows and never adds, changes or deletes (logs, outboxes)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- Keyset pagination: lists that grow to a million rows ---------------------------------------

#: A first page counts its rows up to this many, then says "more than" (never an exact COUNT over
#: a million rows).
COUNT_CAP = 10_000
_SALT = "cases.security.listing.cursor"


@dataclass(frozen=True)
class Total:
    """How many rows a list holds: exact up to :data:`COUNT_CAP`, else "more than" the cap, or
    "about" the table's size from the planner's statistics when the list is not filtered."""

    value: int
    kind: str  # "exact", "more", "about"

    def __str__(self) -> str:
        n = number_format(self.value, force_grouping=True)
        if self.kind == "exact":
            return ngettext("%(n)s result", "%(n)s results", self.value) % {"n": n}
        if self.kind == "more":
            return _("more than %(n)s results") % {"n": n}
        return _("about %(n)s results") % {"n": n}


@dataclass
class KeysetPage:
    """One page of a keyset-paginated list, and the links to its neighbours.

    ``number`` is carried by the cursors (page 1 has none); ``invalid_cursor`` says that the
    link asked for was changed or belongs to another order, and the first page is shown instead.
    """

    object_list: list
    number: int = 1
    total: Total | None = None
    has_next: bool = False
    has_previous: bool = False
    first_url: str = "?"
    next_url: str = ""
    previous_url: str = ""
    invalid_cursor: bool = False
    query: str = ""
    #: A page of a list shown without links (``paged=False``) that has more rows than it shows.
    truncated: bool = False

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def _order_of(queryset: QuerySet) -> list[tuple[str, bool]]:
    """The queryset's ordering as (field name, descending); it must end on a unique column."""
    order = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    keys = []
    for item in order:
        if not isinstance(item, str) or "__" in item.lstrip("-") or item.startswith("?"):
            raise ValueError(f"keyset pagination needs plain column names, not {item!r}")
        name = item.lstrip("-")
        keys.append(
            ("pk" if name in ("pk", queryset.model._meta.pk.name) else name, item[0] == "-")
        )
    names = [name for name, _desc in keys]
    meta = queryset.model._meta
    if "pk" not in names and not any(meta.get_field(n).unique for n in names):
        raise ValueError("keyset pagination needs an order that ends on a unique column")
    return keys


def _field(model, name: str):
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


def keyset_condition(model, keys: list[tuple[str, bool]], values: list, *, forward: bool) -> Q:
    """The rows after (``forward``) or before the row whose order values are ``values``.

    When every column runs the same way this is one row comparison, ``(a, b) < (x, y)``, which
    PostgreSQL reads as a range of a matching B-tree index. Mixed directions (status up, date
    down) expand to ``a > x OR (a = x AND b < y)`` with the leading column bounded first."""
    fields = [_field(model, name) for name, _desc in keys]
    lookups = [f.attname if f is not model._meta.pk else "pk" for f in fields]
    # Going forward on a descending column means smaller values.
    smaller = [desc == forward for _name, desc in keys]
    if len(set(smaller)) == 1:
        op = " < " if smaller[0] else " > "
        lhs = Func(*[F(name) for name in lookups], function="ROW")
        rhs = Func(
            *[Value(v, output_field=f) for v, f in zip(values, fields, strict=True)],
            function="ROW",
        )
        return Q(
            Func(lhs, rhs, template="%(expressions)s", arg_joiner=op, output_field=BooleanField())
        )
    condition = Q()
    for i in range(len(keys) - 1, -1, -1):
        beyond = Q(**{f"{lookups[i]}__{'lt' if smaller[i] else 'gt'}": values[i]})
        condition = (
            beyond if i == len(keys) - 1 else beyond | (Q(**{lookups[i]: values[i]}) & condition)
        )
    lead = Q(**{f"{lookups[0]}__{'lte' if smaller[0] else 'gte'}": values[0]})
    return lead & condition


def _encode(obj, model, keys) -> list:
    values = []
    for name, _desc in keys:
        value = getattr(obj, "pk" if name == "pk" else _field(model, name).attname)
        values.append(value.isoformat() if hasattr(value, "isoformat") else value)
    return values


def _decode(raw: list, model, keys) -> list:
    if not isinstance(raw, list) or len(raw) != len(keys):
        raise ValueError("cursor does not match the order")
    return [_field(model, name).to_python(v) for v, (name, _desc) in zip(raw, keys, strict=True)]


def _signature(keys) -> str:
    return ",".join(("-" if desc else "") + name for name, desc in keys)


def keyset_cursor(queryset: QuerySet, obj, number: int, total: Total | None = None) -> str:
    """The ``?after=`` cursor of the page that follows ``obj`` in ``queryset``'s order, as page
    ``number`` (for links made elsewhere than on a page: the benchmarks' deep pages)."""
    keys = _order_of(queryset)
    return signing.dumps(
        {
            "o": _signature(keys),
            "v": _encode(obj, queryset.model, keys),
            "n": number,
            "t": [total.value, total.kind] if total else None,
        },
        salt=_SALT,
        compress=True,
    )


def approximate_total(queryset: QuerySet, cap: int = COUNT_CAP) -> Total:
    """The size of a list without counting a million rows: the planner's estimate of the table
    (``pg_class.reltuples``) when nothing filters it, else a count that stops at ``cap + 1``."""
    if not queryset.query.where and connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                [queryset.model._meta.db_table],
            )
            row = cur.fetchone()
        if row and row[0] > cap:
            return Total(int(row[0]), "about")
    n = queryset.order_by().values("pk")[: cap + 1].count()
    return Total(cap, "more") if n > cap else Total(n, "exact")


def keyset_paginate(
    request: HttpRequest, queryset: QuerySet, per_page: int = 25, *, paged: bool = True
) -> KeysetPage:
    """The page of ``queryset`` (already filtered and ordered) that ``?after=`` or ``?before=``
    names, without OFFSET: the next page is the rows after the last one shown, in the list's
    order, so that page 40,000 costs what page 2 costs when an index matches the order.

    The cursors are signed (a changed one shows the first page, with ``invalid_cursor`` set)
    and carry the page number and the first page's total. ``paged=False`` gives the first page
    only (results of a POST search, whose links could not repeat the search).
    One query per page, plus a capped count on the first page."""
    model = queryset.model
    keys = _order_of(queryset)
    query = request.GET.copy()
    for name in ("after", "before", "page"):
        query.pop(name, None)
    base = query.urlencode()
    page = KeysetPage([], query=base, first_url="?" + base)
    values, forward = None, True
    raw = (request.GET.get("after") or request.GET.get("before")) if paged else None
    if raw:
        forward = bool(request.GET.get("after"))
        try:
            data = signing.loads(raw, salt=_SALT)
            if data.get("o") != _signature(keys):
                raise ValueError("cursor of another order")
            values = _decode(data["v"], model, keys)
            page.number = max(int(data.get("n", 2)), 2 if forward else 1)
            total = data.get("t")
            page.total = Total(int(total[0]), str(total[1])) if total else None
        except (signing.BadSignature, ValueError, TypeError, KeyError, ValidationError):
            page.invalid_cursor, values, forward, page.number = True, None, True, 1
    qs = queryset
    if values is not None:
        qs = qs.filter(keyset_condition(model, keys, values, forward=forward))
        if not forward:
            qs = qs.reverse()
    rows = list(qs[: per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    if not forward:
        rows.reverse()
    page.object_list = rows
    if values is None:
        page.total = approximate_total(queryset) if paged else None
    page.truncated = more and not paged
    if not paged or not rows:
        page.has_previous = values is not None and page.number > 1
        page.previous_url = page.first_url if page.has_previous else ""
        return page
    page.has_next = more if forward else True
    page.has_previous = page.number > 1 and (values is not None) and (forward or more)

    def link(direction: str, obj, number: int) -> str:
        cursor = keyset_cursor(queryset, obj, number, page.total)
        return "?" + (base + "&" if base else "") + urlencode({direction: cursor})

    if page.has_next:
        page.next_url = link("after", rows[-1], page.number + 1)
    if page.has_previous:
        page.previous_url = (
            page.first_url if page.number == 2 else link("before", rows[0], page.number - 1)
        )
    return page
