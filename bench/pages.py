"""Pages at scale: each page's server time against its floor and its stock-admin peer.

On the dataset of ``bench/data.py`` (``--scale 1``: 1,000,000 persons and cases, ~3,000,000
deadlines, 10,000,000 access-log entries), each page is requested in-process through Django's test
Client (the real URL resolver and middleware, a signed-in user of the right role, session and
second factor included), ``--runs`` times after ``--warmup`` requests, interleaved with its
references so that a busy machine weighs on all of them alike:

- the **floor**: the same rows from the same ORM query, rendered by a minimal template behind
  the same middleware (``bench/urls.py``);
- the **peer**: the same list in a stock Django admin changelist (a default ``ModelAdmin`` with
  ``list_select_related``), at page 1, at offset 200,000 (``?p=``) and with a search (``?q=``);
- the **bare SQL** of the page's main query, executed and fetched with a cursor.

Then ``EXPLAIN (ANALYZE, BUFFERS)`` of every statement of every page, and of each filter and sort
of the case list, nationally and within a governorate, on the first page and a deep one: no
sequential scan may read the large tables. Writes the section "Pages at 1,000,000 cases" of
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from bench import data
from bench.report import write_section
from bench.urls import FLOORS
from cases.accounts.models import Governorate, User
from cases.casefiles.models import Case
from cases.casefiles.selectors import CaseFilters, case_get_for_user, case_list
from cases.courts.selectors import docket_hearings
from cases.deadlines.selectors import deadlines_for_record
from cases.people.selectors import person_search_ids
from cases.referrals.selectors import ReferralFilters, referral_list
from cases.security.listing import Total, keyset_condition, keyset_cursor
from tests.support.auth import sign_in

CASE_PAGE = 25  # cases.casefiles.views.PAGE_SIZE
ADMIN_PAGE = 100  # a stock ModelAdmin's list_per_page
LARGE_TABLES = (
    "casefiles_case",
    "casefiles_intake",
    "people_person",
    "people_personalias",
    "deadlines_deadline",
    "audit_accesslogentry",
    "referrals_referral",
    "courts_hearing",
)


def pct(samples: list[float], q: float) -> float:
    xs = sorted(samples)
    return xs[max(0, math.ceil(q * len(xs)) - 1)]


def ms(seconds: float | None) -> str:
    if seconds is None:
        return ""
    v = seconds * 1000
    return f"{v:.1f} ms" if v < 10 else f"{v:.0f} ms"


@dataclass
class Request:
    """One thing to time: a request through a client, or a function (bare SQL)."""

    label: str
    client: Client | None = None
    url: str = ""
    post: dict | None = None
    call: Callable | None = None
    times: list[float] = field(default_factory=list)
    queries: int = 0
    statements: list[tuple[str, list]] = field(default_factory=list)
    status: int = 0

    def once(self) -> float:
        t0 = time.perf_counter()
        if self.call is not None:
            self.call()
        else:
            response = (
                self.client.post(self.url, self.post)
                if self.post is not None
                else self.client.get(self.url)
            )
            self.status = response.status_code
        return time.perf_counter() - t0

    def capture(self) -> None:
        """One request with its statements recorded (counted, and explained afterwards)."""
        with CaptureQueriesContext(connection) as ctx:
            self.once()
        self.queries = len(ctx.captured_queries)
        self.statements = [(q["sql"], []) for q in ctx.captured_queries]
        if self.call is None and self.status != 200:
            raise RuntimeError(f"{self.label}: {self.url} answered {self.status}")

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None


@dataclass
class Page:
    name: str
    page: Request
    floor: Request | None = None
    peer: Request | None = None
    sql: Request | None = None
    limit_ms: float | None = None
    floor_ratio: float | None = None  # at most this many times the floor
    peer_factor: float | None = None  # at least this many times faster than the peer
    note: str = ""
    main_table: str = ""

    def requests(self) -> list[Request]:
        return [r for r in (self.page, self.floor, self.peer, self.sql) if r is not None]

    def verdicts(self) -> list[tuple[str, bool]]:
        out = []
        page = self.page.median
        if self.limit_ms is not None:
            out.append((f"< {self.limit_ms:.0f} ms", page * 1000 < self.limit_ms))
        if self.floor_ratio is not None and self.floor is not None:
            out.append(
                (f"≤ {self.floor_ratio:g}× floor", page <= self.floor_ratio * self.floor.median)
            )
        if self.peer_factor is not None and self.peer is not None:
            out.append(
                (
                    f"≥ {self.peer_factor:g}× faster than admin",
                    self.peer.median >= self.peer_factor * page,
                )
            )
        return out


def signed_in(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def bench_users(dataset: data.Dataset) -> dict[str, User]:
    """The officer and judge of Baghdad, the administrator, and a national supervisor."""
    supervisor, created = User.objects.get_or_create(
        username="bench-supervisor",
        defaults={"national_scope": True, "first_name": "Bench", "last_name": "Supervisor"},
    )
    if created:
        supervisor.groups.set([Group.objects.get(name="supervisor")])
    return {
        "officer": dataset.officer,
        "judge": dataset.judge,
        "admin": dataset.admin,
        "supervisor": User.objects.get(pk=supervisor.pk),
    }


def main_statement(req: Request, table: str) -> tuple[str, list] | None:
    """The page's main query: the first SELECT of rows from ``table`` (not a count)."""
    for sql, params in req.statements:
        if (
            f'FROM "{table}"' in sql
            and "COUNT(" not in sql.upper()
            and sql.lstrip().startswith(("SELECT", "DECLARE"))
        ):
            return sql, params
    return None


def bare_sql(sql: str) -> Callable:
    def run() -> None:
        with connection.cursor() as cur:
            cur.execute(sql)
            cur.fetchall()

    return run


def explain(sql: str, analyze: bool = True) -> str:
    sql = re.sub(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITHOUT HOLD FOR ', "", sql)
    options = "ANALYZE, BUFFERS" if analyze else "COSTS OFF"
    with connection.cursor() as cur:
        cur.execute(f"EXPLAIN ({options}) {sql}")
        return "\n".join(r[0] for r in cur.fetchall())


def seq_scans(plan: str) -> list[str]:
    return sorted({t for t in re.findall(r"Seq Scan on (\w+)", plan) if t in LARGE_TABLES})


def scans(plan: str) -> list[str]:
    found = re.findall(
        r"((?:Parallel )?(?:Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)"
        r"(?: Backward)?(?: using| on) \w+)",
        plan,
    )
    return list(dict.fromkeys(found))


def shorten(plan: str, lines: int = 14) -> str:
    rows = [r for r in plan.splitlines() if not r.strip().startswith(("Buffers:", "Planning:"))]
    rows = [r if len(r) < 140 else r[:137] + "..." for r in rows]
    return "\n".join(rows[:lines] + (["  ..."] if len(rows) > lines else []))


# --- the pages -----------------------------------------------------------------------------------


def build_pages(users: dict[str, User], scale: float) -> list[Page]:
    officer, judge, admin, supervisor = (
        users["officer"],
        users["judge"],
        users["admin"],
        users["supervisor"],
    )
    oc, jc, ac, sc = (signed_in(u) for u in (officer, judge, admin, supervisor))
    baghdad = Governorate.objects.get(code="BGD")
    in_gov = case_list(officer, CaseFilters())
    n_gov = Case.objects.filter(governorate=baghdad).count()
    offset = min(200_000, int(n_gov * 0.9)) // ADMIN_PAGE * ADMIN_PAGE
    deep_obj = in_gov[offset - 1 : offset].get()
    deep_number = offset // CASE_PAGE + 1
    cursor = keyset_cursor(in_gov, deep_obj, deep_number, Total(10_000, "more"))
    deep_values = [deep_obj.opened_at, deep_obj.pk]
    keys = [("opened_at", True), ("pk", True)]
    admin_cases = reverse("benchadmin:casefiles_case_changelist")
    gov_filter = f"governorate__id__exact={baghdad.pk}"

    # A name as an officer types it: given and family name of a person with a case in Baghdad.
    person = in_gov[n_gov // 2 : n_gov // 2 + 1].get().person
    given = person.given_name_ar or person.given_name_lat
    family = person.family_name_ar or person.family_name_lat or person.father_name_ar
    name = f"{given} {family}".strip()

    def floor(key: str, fn: Callable) -> Request:
        FLOORS[key] = fn
        return Request(
            "floor", oc if key.startswith(("cases", "referrals")) else None, f"/bench/floor/{key}/"
        )

    pages = [
        Page(
            "Case list, first page (officer, Baghdad)",
            Request("page", oc, reverse("casefiles:list")),
            floor("cases-first", lambda r: case_list(r.user, CaseFilters())[:CASE_PAGE]),
            Request("peer", ac, f"{admin_cases}?{gov_filter}"),
            limit_ms=50,
            floor_ratio=2,
            peer_factor=5,
            main_table="casefiles_case",
        ),
        Page(
            f"Case list, deep page (row {offset:,})",
            Request("page", oc, reverse("casefiles:list") + f"?after={cursor}"),
            floor(
                "cases-deep",
                lambda r: case_list(r.user, CaseFilters()).filter(
                    keyset_condition(Case, keys, deep_values, forward=True)
                )[:CASE_PAGE],
            ),
            Request("peer", ac, f"{admin_cases}?{gov_filter}&p={offset // ADMIN_PAGE + 1}"),
            limit_ms=50,
            floor_ratio=2,
            peer_factor=10,
            main_table="casefiles_case",
            note=f"page {deep_number:,} by cursor; the admin at ?p={offset // ADMIN_PAGE + 1} (OFFSET {offset:,})",
        ),
        Page(
            "Case list, filtered (status: investigation)",
            Request("page", oc, reverse("casefiles:list") + "?status=investigation"),
            floor(
                "cases-filtered",
                lambda r: case_list(r.user, CaseFilters(status="investigation"))[:CASE_PAGE],
            ),
            Request("peer", ac, f"{admin_cases}?{gov_filter}&status__exact=investigation"),
            limit_ms=50,
            floor_ratio=2,
            peer_factor=5,
            main_table="casefiles_case",
        ),
        Page(
            "Case list, name search (POST)",
            Request("page", oc, reverse("casefiles:search"), post={"name": name}),
            floor(
                "cases-search",
                lambda r: case_list(
                    r.user, CaseFilters(person_ids=tuple(person_search_ids(r.user, name)))
                )[:100],
            ),
            Request("peer", ac, f"{admin_cases}?{gov_filter}&q={name}"),
            limit_ms=50,
            floor_ratio=2,
            peer_factor=10,
            main_table="casefiles_case",
            note="the floor runs the same person search (`person_search_ids`) and case query",
        ),
    ]
    case = (
        Case.objects.filter(governorate=baghdad, hearings__isnull=False)
        .order_by("-opened_at")
        .first()
        or in_gov.first()
    )

    def case_floor(r):
        c = case_get_for_user(r.user, case.pk)
        return [c, *deadlines_for_record(r.user, c)]

    pages.append(
        Page(
            "Case page",
            Request("page", oc, reverse("casefiles:detail", args=[case.pk])),
            floor("case-page", case_floor),
            None,
            limit_ms=50,
            main_table="casefiles_case",
            note="access-logged (one chained entry written per view); no stock peer: the "
            "stock change form renders every person in a <select>",
        )
    )
    pages.append(
        Page(
            "Referral list, first page (officer, Baghdad)",
            Request("page", oc, reverse("referrals:list")),
            floor("referrals-first", lambda r: referral_list(r.user, ReferralFilters())[:25]),
            Request(
                "peer",
                ac,
                reverse("benchadmin:referrals_referral_changelist") + f"?{gov_filter}",
            ),
            limit_ms=50,
            floor_ratio=2,
            peer_factor=5,
            main_table="referrals_referral",
        )
    )
    court = judge.unit
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    docket_floor = floor("docket", lambda r: docket_hearings(r.user)[1][:100])
    docket_floor.client = jc
    pages.append(
        Page(
            "Docket, this week (judge, Baghdad felony court)",
            Request("page", jc, reverse("courts:docket")),
            docket_floor,
            Request(
                "peer",
                ac,
                reverse("benchadmin:courts_hearing_changelist")
                + f"?court__id__exact={court.pk}"
                + f"&scheduled_at__gte={today:%Y-%m-%d}"
                + f"&scheduled_at__lt={today + dt.timedelta(days=7):%Y-%m-%d}",
            ),
            limit_ms=50,
            floor_ratio=2,
            peer_factor=5,
            main_table="courts_hearing",
        )
    )
    try:
        dashboard = reverse("reports:dashboard")
    except NoReverseMatch:
        dashboard = ""
    if dashboard:
        pages.append(
            Page(
                "Dashboard (national supervisor)",
                Request("page", sc, dashboard),
                limit_ms=500,
                note="every governorate",
            )
        )
    pages.append(
        Page(
            "Name candidates (intake panel, POST)",
            Request("page", oc, reverse("people:candidates"), post={"name": name}),
            limit_ms=100,
            note="within Baghdad; nationally in § Name candidates",
        )
    )
    for p in pages:
        if p.floor is not None and p.floor.client is None:
            p.floor.client = oc
    return pages


def measure(pages: list[Page], runs: int, warmup: int, log: Callable) -> None:
    for p in pages:
        for req in p.requests():
            for _ in range(warmup):
                req.once()
            req.capture()
        if p.main_table:
            found = main_statement(p.page, p.main_table)
            if found is not None:
                p.sql = Request("sql", call=bare_sql(found[0]))
                p.sql.statements = [found]
        log(f"  {p.name}: {p.page.queries} statements")
    for run in range(runs):
        for p in pages:
            for req in p.requests():
                req.times.append(req.once())
        log(f"  run {run + 1}/{runs}")


@dataclass
class FilterPlan:
    label: str
    scope: str
    execution_ms: float
    scans: list[str]
    seq: list[str]
    plan: str


def filter_plans(users: dict[str, User]) -> list[FilterPlan]:
    """EXPLAIN ANALYZE of the case list's query for each filter and sort, within Baghdad and
    nationally, on the first page and after a deep cursor."""
    from cases.accounts.models import Unit

    baghdad = Governorate.objects.get(code="BGD")
    unit = (
        Unit.objects.filter(governorate=baghdad, code__contains="station").order_by("code").first()
    )
    variants = {
        "no filter": CaseFilters(),
        "status": CaseFilters(status="investigation"),
        "kind": CaseFilters(kind="deserter_return"),
        "governorate": CaseFilters(governorate=baghdad),
        "unit": CaseFilters(unit=unit),
        "juvenile": CaseFilters(juvenile=True),
        "overdue deadlines": CaseFilters(overdue=True),
        "case number starts with": CaseFilters(number="BGD-2019-0001"),
        "sort: oldest": CaseFilters(sort="oldest"),
        "sort: number": CaseFilters(sort="number"),
        "sort: status": CaseFilters(sort="status"),
    }
    out = []
    for scope, user in (("Baghdad officer", users["officer"]), ("national", users["supervisor"])):
        for label, filters in variants.items():
            qs = case_list(user, filters)
            for depth in ("first", "deep"):
                page = qs
                if depth == "deep":
                    n = qs.order_by().count() if label != "no filter" or scope != "national" else 0
                    position = min(200_000, int(n * 0.9)) if n else 200_000
                    row = qs[max(position - 1, 0) : max(position, 1)].first()
                    if row is None:
                        continue
                    from cases.security.listing import _order_of

                    order = _order_of(qs)
                    values = [
                        getattr(row, "pk" if k == "pk" else Case._meta.get_field(k).attname)
                        for k, _ in order
                    ]
                    page = qs.filter(keyset_condition(Case, order, values, forward=True))
                sql, params = page[: CASE_PAGE + 1].query.sql_with_params()
                with connection.cursor() as cur:
                    mogrified = cur.mogrify(sql, params)
                mogrified = mogrified.decode() if isinstance(mogrified, bytes) else mogrified
                plan = explain(mogrified)
                t = re.search(r"Execution Time: ([\d.]+) ms", plan)
                out.append(
                    FilterPlan(
                        f"{label}, {depth} page",
                        scope,
                        float(t.group(1)) if t else float("nan"),
                        scans(plan),
                        seq_scans(plan),
                        plan,
                    )
                )
    return out


def report(
    dataset: data.Dataset, pages: list[Page], plans: list[FilterPlan], args, elapsed: float
) -> str:
    rows = []
    unmet = []
    for p in pages:
        verdicts = p.verdicts()
        for label, ok in verdicts:
            if not ok:
                unmet.append(f"{p.name}: {label}")
        ratio_floor = f"{p.page.median / p.floor.median:.1f}×" if p.floor is not None else ""
        ratio_peer = f"{p.peer.median / p.page.median:.1f}×" if p.peer is not None else ""
        rows.append(
            f"| {p.name} | {p.page.queries} | **{ms(p.page.median)}** / {ms(pct(p.page.times, 0.95))} "
            f"| {ms(p.floor.median) if p.floor else ''} | {ratio_floor} "
            f"| {ms(p.peer.median) if p.peer else ''} | {ratio_peer} "
            f"| {ms(p.sql.median) if p.sql else ''} "
            f"| {'; '.join(('✅ ' if ok else '❌ ') + label for label, ok in verdicts)} |"
        )
    notes = "\n".join(f"- {p.name}: {p.note}" for p in pages if p.note)
    counts = dataset.counts
    timings = "\n".join(
        f"| {k} | {v:,.0f} s |" if k != "total" else f"| **total** | **{v:,.0f} s** |"
        for k, v in dataset.timings.items()
    )
    page_plans = []
    bad_pages = []
    for p in pages:
        for req in (p.page,):
            worst = None
            for sql, _params in req.statements:
                if not any(f'"{t}"' in sql for t in LARGE_TABLES):
                    continue
                if not sql.lstrip().startswith(("SELECT", "DECLARE", "WITH")):
                    continue
                try:
                    plan = explain(sql)
                except Exception as error:  # a statement that cannot be explained
                    connection.rollback() if not connection.get_autocommit() else None
                    plan = f"(not explained: {error})"
                seq = seq_scans(plan)
                if seq:
                    bad_pages.append(f"{p.name}: Seq Scan on {', '.join(seq)}")
                t = re.search(r"Execution Time: ([\d.]+) ms", plan)
                if t and (worst is None or float(t.group(1)) > worst[0]):
                    worst = (float(t.group(1)), plan)
            if worst is not None:
                page_plans.append(
                    f"**{p.name}** (slowest statement, {worst[0]:.1f} ms):\n\n```\n{shorten(worst[1])}\n```"
                )
    plan_rows = "\n".join(
        f"| {fp.scope} | {fp.label} | {fp.execution_ms:.1f} ms | {', '.join(fp.scans)} "
        f"| {'**' + ', '.join(fp.seq) + '**' if fp.seq else 'none'} |"
        for fp in plans
    )
    seq_filters = [f"{fp.scope}, {fp.label}: {', '.join(fp.seq)}" for fp in plans if fp.seq]
    verdict = "Every target above is met." if not unmet else "Not met: " + "; ".join(unmet) + "."
    seq_line = (
        "No statement of the pages reads a large table by a sequential scan."
        if not bad_pages
        else "Sequential scans of large tables: " + "; ".join(dict.fromkeys(bad_pages)) + "."
    )
    filters_line = (
        "Every filter and sort of the case list reads an index (no Seq Scan on a large table)."
        if not seq_filters
        else "Sequential scans in the case list's filters: " + "; ".join(seq_filters) + "."
    )
    with connection.cursor() as cur:
        cur.execute("SHOW shared_buffers")
        shared_buffers = cur.fetchone()[0]
    return f"""
Dataset (`bench/data.py`, `--scale {dataset.scale:g}`{", reused from an earlier run" if dataset.reused else ""};
generated {dataset.generated_at}): {counts.get("persons", 0):,} persons, {counts.get("cases", 0):,}
cases with their intakes, {counts.get("deadlines", 0):,} deadlines, {counts.get("access_log", 0):,}
access-log entries, {counts.get("referrals", 0):,} referrals, {counts.get("hearings", 0):,}
hearings; {counts.get("database_size", "")} on disk. Governorates by population (Baghdad has
{Case.objects.filter(governorate__code="BGD").count():,} cases), statuses along the pipeline,
opened over ten years. Embedded PostgreSQL 16 with its default settings (shared_buffers
{shared_buffers}).

Server time of each page, in-process through Django's test Client (URL resolver, all middleware,
session, second factor), median / p95 of {args.runs} runs after {args.warmup} warm-up requests,
the page, its floor, its peer and its bare SQL interleaved. **Floor**: the same rows from the same
ORM query in a minimal template behind the same middleware. **Peer**: the same list in a stock
Django admin changelist (default `ModelAdmin` with `list_select_related`, 100 rows a page, its
exact counts). **SQL**: the page's main query alone, executed and fetched with a cursor.
Measured in {elapsed:.0f} s.

| page | statements | page median / p95 | floor | page ÷ floor | admin | admin ÷ page | SQL | targets |
|---|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

{notes}

**Verdict.** {verdict}
{seq_line}
{filters_line}

How the lists stay flat as they grow (`cases/security/listing.py`): a page is the rows after
the last one shown, in the list's order (`?after=`, a signed cursor of the order's values; the
id breaks ties), read from an index that matches the filter and the order, so that page 8,000
reads 26 index entries like page 1 (the admin reads and throws away 200,000 rows, then counts
all of them twice). The first page says how many rows there are up to 10,000 (a count that stops
there) or about how many (the planner's estimate, unfiltered); later pages carry that figure in
the cursor instead of counting again. The statements per page are the same at any depth and any
number of rows (`tests/casefiles/test_list_pages.py`, `tests/referrals/test_list_pages.py`,
`tests/courts/test_docket_pages.py`).

Generation of the dataset (`make bench BENCH_ARGS="--regenerate"`; reused otherwise):

| step | time |
|---|---|
{timings}

### Plans of the case list's filters

`EXPLAIN (ANALYZE, BUFFERS)` of the case list's query (26 rows: a page and one to know there
is a next) for each filter and sort, for an officer of Baghdad and for a national user, on the
first page and after a cursor 90 % of the way (at most row 200,000):

| scope | filter | execution | read through | Seq Scan on a large table |
|---|---|---|---|---|
{plan_rows}

### Plans of the pages

{chr(10).join(page_plans)}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    args, _unknown = parser.parse_known_args()  # make bench passes one BENCH_ARGS to all

    dataset = data.ensure(args.scale, regenerate=args.regenerate)
    users = bench_users(dataset)
    started = time.perf_counter()
    print("pages ...")
    pages = build_pages(users, args.scale)
    measure(pages, args.runs, args.warmup, print)
    print("plans of the case list's filters ...")
    plans = filter_plans(users)
    body = report(dataset, pages, plans, args, time.perf_counter() - started)
    write_section("Pages at scale", body)
    print(body)


if __name__ == "__main__":
    main()
