"""The benchmark's synthetic programme: persons, cases, intakes, deadlines, the access log,
referrals and hearings, at ``--scale`` (1.0: 1,000,000 persons and cases, about 3,000,000
deadlines, 10,000,000 access-log entries, 100,000 referrals and about 200,000 hearings).

Persons are generated in Python (realistic names, ``bench/population.py``) and written by COPY;
everything else is set-based SQL (``INSERT ... SELECT`` over ``generate_series`` or the rows
already loaded), with ``session_replication_role = replica`` (no history triggers, no foreign-key
checks), the secondary indexes of the big tables dropped while loading and built afterwards, then
``VACUUM ANALYZE``. ``setseed`` makes ``random()`` reproducible.

The dataset is kept between runs: the table ``bench_dataset`` records its scale and the migrations
it was built under, and :func:`ensure` reuses it at the same scale, applying the migrations added
since (``--regenerate`` forces a new one: the benchmark database is dropped and created again).

Access-log rows written here are marked (``reason = 'bench'``, hashes ``bench…``): they are not
chained by the HMAC, so ``manage.py verify_access_log`` fails on the benchmark database.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from cases.accounts.models import Governorate, Unit, User

FULL = {
    "persons": 1_000_000,
    "cases": 1_000_000,
    "access_log": 10_000_000,
    "referrals": 100_000,
}
#: Rough population of the governorates (millions, around 2020): where cases are opened.
POPULATION = {
    "BGD": 8.8,
    "NIN": 3.9,
    "BSR": 3.0,
    "DHQ": 2.2,
    "SUL": 2.2,
    "BAB": 2.1,
    "ERB": 1.9,
    "ANB": 1.8,
    "DIY": 1.7,
    "KRK": 1.6,
    "SAL": 1.6,
    "NJF": 1.5,
    "WAS": 1.4,
    "DUH": 1.3,
    "QAD": 1.3,
    "KRB": 1.3,
    "MYS": 1.1,
    "MUT": 0.8,
}
STATIONS_PER_GOVERNORATE = 5
BATCH = 20_000
SEED = 20260301
META = "bench_dataset"


@dataclass
class Dataset:
    """What :func:`ensure` built or found: the scale, row counts, generation times, and the users
    the benchmarks act as."""

    scale: float
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    generated_at: str = ""
    reused: bool = False

    @property
    def officer(self) -> User:
        """An officer of the first police station of Baghdad, the largest governorate."""
        return User.objects.get(username="bench-officer-BGD-0")

    @property
    def judge(self) -> User:
        return User.objects.get(username="bench-judge-BGD")

    @property
    def admin(self) -> User:
        return User.objects.get(username="bench-admin")


# --- the dataset's record ----------------------------------------------------------------------


def migrations_on_disk() -> list[str]:
    """The migrations on disk (``app.name``)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.disk_migrations)


def reusable(meta: dict | None, scale: float) -> tuple[bool, str]:
    """Whether a kept dataset serves at ``scale``, and why not. Migrations added since it was
    generated are applied to it (a new index, a new column: the rows stay valid); a migration it
    was built under that is gone (squashed, renamed, rewritten) means a new dataset."""
    if not meta or not meta.get("complete"):
        return False, "no complete dataset"
    if meta.get("scale") != scale:
        return False, f"the kept dataset is at scale {meta.get('scale')}"
    gone = set(meta.get("migrations") or ()) - set(migrations_on_disk())
    if gone:
        return False, f"migrations it was built under are gone: {', '.join(sorted(gone)[:3])}"
    return True, ""


def _read_meta() -> dict | None:
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass(%s)", [META])
        if cur.fetchone()[0] is None:
            return None
        cur.execute(f"SELECT value FROM {META} WHERE key = 'dataset'")  # noqa: S608
        row = cur.fetchone()
    if row is None:
        return None
    return row[0] if isinstance(row[0], dict) else json.loads(row[0])


def _write_meta(value: dict) -> None:
    with connection.cursor() as cur:
        cur.execute(f"CREATE TABLE IF NOT EXISTS {META} (key text PRIMARY KEY, value jsonb)")
        cur.execute(
            f"INSERT INTO {META} (key, value) VALUES ('dataset', %s) "  # noqa: S608
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [json.dumps(value)],
        )


def dataset_exists() -> bool:
    """Whether the benchmark database holds a dataset of :func:`ensure` (complete or not)."""
    return _read_meta() is not None


def recreate_database() -> None:
    """Drop the benchmark database and create it again, empty (the quickest way to forget ten
    million rows)."""
    import psycopg2

    settings = dict(connection.settings_dict)
    name = settings["NAME"]
    if "bench" not in name:
        raise RuntimeError(f"refusing to drop {name!r}: not a benchmark database")
    connection.close()
    conn = psycopg2.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"] or None,
    )
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cur.execute(f'CREATE DATABASE "{name}"')
    finally:
        conn.close()


def ensure(scale: float, *, regenerate: bool = False, log: Callable = print) -> Dataset:
    """The dataset at ``scale``: the one kept by an earlier run when its scale and migrations
    match, else a new one (several minutes at full scale)."""
    call_command("migrate", verbosity=0)
    meta = _read_meta()
    ok, why = reusable(meta, scale)
    if ok and not regenerate:
        log(f"reusing the dataset generated {meta['generated_at']} at scale {scale}")
        refresh()
        return Dataset(scale, meta["counts"], meta["timings"], meta["generated_at"], reused=True)
    if meta is not None or regenerate:
        log(f"dropping the benchmark database for a new dataset ({why or '--regenerate'}) ...")
        recreate_database()
        call_command("migrate", verbosity=0)
    fingerprint = migrations_on_disk()
    _write_meta({"scale": scale, "migrations": fingerprint, "complete": False})
    dataset = generate(scale, log=log)
    _write_meta(
        {
            "scale": scale,
            "migrations": fingerprint,
            "complete": True,
            "counts": dataset.counts,
            "timings": dataset.timings,
            "generated_at": dataset.generated_at,
        }
    )
    return dataset


# --- generation ----------------------------------------------------------------------------------


def _defaults(model, given: dict[str, str], params: dict) -> tuple[list[str], list[str]]:
    """Columns and SQL expressions of an INSERT ... SELECT into ``model``: those ``given``, and
    the model's defaults (as parameters) or '' for every other NOT NULL column."""
    cols, exprs = [], []
    for f in model._meta.concrete_fields:
        col = f.column
        if col in given:
            cols.append(col)
            exprs.append(given[col])
        elif f.primary_key:
            continue
        elif f.has_default():
            key = f"d_{col}"
            params[key] = f.get_db_prep_save(f.get_default(), connection)
            cols.append(col)
            exprs.append(f"%({key})s")
        elif f.null:
            continue
        elif f.get_internal_type() in ("CharField", "TextField", "SlugField"):
            cols.append(col)
            exprs.append("''")
        else:
            raise ValueError(f"{model.__name__}.{f.name}: no value given")
    return cols, exprs


def insert_select(model, given: dict[str, str], source: str, params: dict | None = None) -> int:
    """``INSERT INTO <model> (...) SELECT <given and defaults> <source>``; rows written."""
    params = dict(params or {})
    cols, exprs = _defaults(model, given, params)
    sql = (
        f"INSERT INTO {model._meta.db_table} ({', '.join(cols)}) SELECT {', '.join(exprs)} {source}"
    )
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return cur.rowcount


class SecondaryIndexes:
    """Drop a table's plain secondary indexes while it is loaded, build them again afterwards
    (faster than keeping them up to date row by row). Primary keys and unique constraints stay."""

    def __init__(self, *tables: str) -> None:
        self.tables = tables
        self.definitions: list[tuple[str, str]] = []

    def __enter__(self) -> SecondaryIndexes:
        with connection.cursor() as cur:
            cur.execute(
                """
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                JOIN pg_class c ON c.relname = i.indexname
                JOIN pg_index x ON x.indexrelid = c.oid
                WHERE i.tablename = ANY(%s) AND NOT x.indisprimary AND NOT x.indisunique
                """,
                [list(self.tables)],
            )
            self.definitions = cur.fetchall()
            for name, _definition in self.definitions:
                cur.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc) -> None:
        with connection.cursor() as cur:
            for _name, definition in self.definitions:
                cur.execute(definition)


def _timed(timings: dict, name: str, log: Callable):
    class Timer:
        def __enter__(self):
            self.t0 = time.perf_counter()
            log(f"  {name} ...")

        def __exit__(self, *exc):
            timings[name] = round(time.perf_counter() - self.t0, 1)
            log(f"  {name}: {timings[name]:.1f} s")

    return Timer()


def reference_data(governorates: list[Governorate]) -> None:
    """Police stations, an investigating and a felony court per governorate, an officer per
    station, a judge per felony court, and an administrator (the Django admin)."""
    officer_group = Group.objects.get(name="officer")
    judge_group = Group.objects.get(name="judge")
    for gov in governorates:
        for i in range(STATIONS_PER_GOVERNORATE):
            unit, _ = Unit.objects.get_or_create(
                code=f"bench-{gov.code.lower()}-station-{i}",
                defaults={
                    "kind": Unit.Kind.POLICE_STATION,
                    "governorate": gov,
                    "name_en": f"{gov.name_en} police station {i + 1}",
                    "name_ar": f"مركز شرطة {gov.name_ar} {i + 1}",
                },
            )
            user, created = User.objects.get_or_create(
                username=f"bench-officer-{gov.code}-{i}",
                defaults={"unit": unit, "first_name": "Bench", "last_name": f"Officer {i}"},
            )
            if created:
                user.governorates.set([gov])
                user.groups.set([officer_group])
        for kind, label in (
            (Unit.Kind.INVESTIGATING_COURT, "investigating court"),
            (Unit.Kind.FELONY_COURT, "felony court"),
        ):
            court, _ = Unit.objects.get_or_create(
                code=f"bench-{gov.code.lower()}-{kind}".replace("_", "-"),
                defaults={
                    "kind": kind,
                    "governorate": gov,
                    "name_en": f"{gov.name_en} {label}",
                    "name_ar": f"محكمة {gov.name_ar}",
                },
            )
        judge, created = User.objects.get_or_create(
            username=f"bench-judge-{gov.code}",
            defaults={"unit": court, "first_name": "Bench", "last_name": "Judge"},
        )
        if created:
            judge.governorates.set([gov])
            judge.groups.set([judge_group])
    User.objects.get_or_create(
        username="bench-admin",
        defaults={"is_staff": True, "is_superuser": True, "national_scope": True},
    )


def _map_table() -> None:
    """``bench_map``: per governorate, its weight, its stations and their officers, its courts
    and judge (a temporary table the INSERT ... SELECTs join)."""
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_map")
        cur.execute(
            """
            CREATE TABLE bench_map AS
            SELECT g.id AS governorate_id, g.code, s.idx, s.unit_id, s.officer_id,
                   ic.id AS investigating_court_id, fc.id AS felony_court_id, j.id AS judge_id
            FROM accounts_governorate g
            JOIN LATERAL (
                SELECT row_number() OVER (ORDER BY u.code) - 1 AS idx, u.id AS unit_id,
                       o.id AS officer_id
                FROM accounts_unit u JOIN accounts_user o ON o.unit_id = u.id
                WHERE u.governorate_id = g.id AND u.code LIKE 'bench-%%-station-%%'
                  AND o.username LIKE 'bench-officer-%%'
            ) s ON true
            JOIN accounts_unit ic ON ic.governorate_id = g.id
                 AND ic.code LIKE 'bench-%%-investigating-court'
            JOIN accounts_unit fc ON fc.governorate_id = g.id AND fc.code LIKE 'bench-%%-felony-court'
            JOIN accounts_user j ON j.unit_id = fc.id AND j.username LIKE 'bench-judge-%%'
            """
        )
        cur.execute("CREATE INDEX ON bench_map (governorate_id, idx)")
        cur.execute("ANALYZE bench_map")


def generate(scale: float, *, log: Callable = print) -> Dataset:
    """A new dataset at ``scale`` in the (empty, migrated) benchmark database."""
    from bench.population import Governorates

    n = {k: max(int(v * scale), 1) for k, v in FULL.items()}
    dataset = Dataset(scale, generated_at=f"{timezone.now():%Y-%m-%d %H:%M} UTC")
    t = dataset.timings
    started = time.perf_counter()
    governorates = Governorates()
    weights = [POPULATION.get(g.code, 1.0) for g in governorates.all]
    log(f"generating the dataset at scale {scale} ...")
    with _timed(t, "reference data (units, users)", log):
        reference_data(governorates.all)
        _map_table()
    with _timed(t, "persons (names generated in Python, COPY)", log):
        load_persons(n["persons"], governorates, weights, log)
    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
        cur.execute("SET maintenance_work_mem = '512MB'")
        cur.execute("SET synchronous_commit = off")
        cur.execute("SELECT setseed(0.4242)")
    try:
        with (
            _timed(t, "cases and intakes", log),
            SecondaryIndexes("casefiles_case", "casefiles_intake"),
        ):
            dataset.counts["cases"] = load_cases()
            dataset.counts["intakes"] = load_intakes()
        with _timed(t, "deadlines", log), SecondaryIndexes("deadlines_deadline"):
            dataset.counts["deadlines"] = load_deadlines()
        with _timed(t, "access log", log), SecondaryIndexes("audit_accesslogentry"):
            dataset.counts["access_log"] = load_access_log(n["access_log"])
        with _timed(t, "referrals", log), SecondaryIndexes("referrals_referral"):
            dataset.counts["referrals"] = load_referrals(n["referrals"])
        with _timed(t, "hearings", log), SecondaryIndexes("courts_hearing"):
            dataset.counts["hearings"] = load_hearings()
    finally:
        with connection.cursor() as cur:
            cur.execute("SET session_replication_role = DEFAULT")
    with _timed(t, "VACUUM ANALYZE", log), connection.cursor() as cur:
        for table in (
            "people_person",
            "people_personalias",
            "casefiles_case",
            "casefiles_intake",
            "deadlines_deadline",
            "audit_accesslogentry",
            "referrals_referral",
            "courts_hearing",
        ):
            cur.execute(f"VACUUM ANALYZE {table}")
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM people_person")
        dataset.counts["persons"] = cur.fetchone()[0]
        cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        dataset.counts["database_size"] = cur.fetchone()[0]
    t["total"] = round(time.perf_counter() - started, 1)
    log(f"generated in {t['total']:.0f} s: {dataset.counts}")
    return dataset


def load_persons(total: int, governorates, weights: list[float], log: Callable) -> None:
    from bench.population import copy_persons, synthetic_persons

    batch = []
    loaded = 0
    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
    try:
        for syn in synthetic_persons(total, SEED, governorates, weights=weights):
            batch.append(syn)
            if len(batch) == BATCH or loaded + len(batch) == total:
                copy_persons(batch)
                loaded += len(batch)
                batch = []
                if loaded % 100_000 == 0 or loaded == total:
                    log(f"    {loaded:,} / {total:,} persons")
    finally:
        with connection.cursor() as cur:
            cur.execute("SET session_replication_role = DEFAULT")


# Statuses along the pipeline: a case opened in the last quarter is near its start; older ones
# are spread along it (most serve a sentence, were amnestied, released or closed).
_STATUS_RECENT = [
    ("surrendered", 0.25),
    ("screening", 0.30),
    ("investigation", 0.35),
    ("referred_to_trial", 0.10),
]
_STATUS_OLDER = [
    ("investigation", 0.05),
    ("referred_to_trial", 0.03),
    ("trial", 0.06),
    ("verdict", 0.03),
    ("cassation", 0.03),
    ("final", 0.03),
    ("serving", 0.22),
    ("conditional_release", 0.04),
    ("amnestied", 0.16),
    ("released", 0.12),
    ("reintegration", 0.08),
    ("closed", 0.15),
]
_KINDS = [("voluntary", 0.55), ("arrest", 0.25), ("handed_over", 0.12), ("deserter_return", 0.08)]


def _choice(column: str, weighted: list[tuple[str, float]]) -> str:
    """A CASE expression choosing a value by its weight from ``column`` in [0, 1)."""
    total = sum(w for _v, w in weighted)
    acc, parts = 0.0, []
    for value, w in weighted[:-1]:
        acc += w / total
        parts.append(f"WHEN {column} < {acc:.6f} THEN '{value}'")
    return f"CASE {' '.join(parts)} ELSE '{weighted[-1][0]}' END"


def load_cases() -> int:
    """One case per person, in his governorate, opened over ten years (most in the first
    years after 2017, when most came in), received by one of its stations."""
    from cases.casefiles.models import Case

    status = (
        f"CASE WHEN y.age_days < 90 THEN {_choice('y.r2', _STATUS_RECENT)} "
        f"ELSE {_choice('y.r2', _STATUS_OLDER)} END"
    )
    kind = _choice("x.r3", _KINDS)
    return insert_select(
        Case,
        {
            "number": "m.code || '-' || to_char(x.opened_at, 'YYYY') || '-' || "
            "lpad(x.person_id::text, 8, '0')",
            "person_id": "x.person_id",
            "kind": f"CASE WHEN x.s = 'arrested' THEN 'arrest' ELSE {kind} END",
            "governorate_id": "x.governorate_id",
            "receiving_unit_id": "m.unit_id",
            "assigned_officer_id": "m.officer_id",
            "status": "CASE WHEN x.s = 'surrendered' AND x.r3 > 0.75 THEN 'arrested' ELSE x.s END",
            "opened_at": "x.opened_at",
        },
        f"""
        FROM (
            SELECT y.*, {status} AS s,
                   %(now)s - make_interval(days => y.age_days) - make_interval(secs => y.r4 * 86400)
                       AS opened_at
            FROM (
                SELECT p.id AS person_id, p.governorate_id, random() AS r2, random() AS r3,
                       random() AS r4, (p.id %% {STATIONS_PER_GOVERNORATE}) AS station,
                       -- skewed to the early years: 3650 * (1 - u^1.6) days ago
                       floor(3650 * (1 - power(random(), 1.6)))::int AS age_days
                FROM people_person p
                WHERE p.national_id LIKE 'BENCH-%%'
            ) y
        ) x
        JOIN bench_map m ON m.governorate_id = x.governorate_id AND m.idx = x.station
        ORDER BY x.opened_at
        """,  # noqa: S608 - constants of this module, no input
        {"now": timezone.now()},
    )


def load_intakes() -> int:
    """The intake of every case: 3 % of them juveniles at the time of the acts."""
    from cases.casefiles.models import Intake

    return insert_select(
        Intake,
        {
            "case_id": "c.id",
            "at": "c.opened_at",
            "place": "'Bench station'",
            "receiving_officer_id": "c.assigned_officer_id",
            "affiliation": "'ISIS'",
            "role": _choice(
                "random()",
                [
                    ("fighter", 0.35),
                    ("logistics", 0.25),
                    ("hisbah", 0.1),
                    ("administration", 0.15),
                    ("other", 0.15),
                ],
            ),
            "is_juvenile": "j.juvenile",
            "age_band": "CASE WHEN j.juvenile THEN 'juvenile_15_18' ELSE 'adult' END",
            "presented_to_judge_at": "c.opened_at + interval '20 hours'",
            "presented_to_court_id": "m.investigating_court_id",
        },
        """
        FROM casefiles_case c
        CROSS JOIN LATERAL (SELECT random() + c.id * 0 < 0.03 AS juvenile) j
        JOIN bench_map m ON m.governorate_id = c.governorate_id AND m.idx = 0
        """,
    )


def load_deadlines() -> int:
    """1 to 5 deadlines per case (3 on average): the 24-hour presentation and the others of
    the case's kinds; met, missed or cancelled once a case is older than a month, open (due
    within the year, next reminder in the future) while it is recent."""
    from django.contrib.contenttypes.models import ContentType

    from cases.casefiles.models import Case
    from cases.deadlines.models import Deadline, DeadlineKind, DeadlineRule

    kinds = (
        list(DeadlineKind.objects.filter(code__startswith="casefiles.").order_by("code"))
        + list(DeadlineKind.objects.exclude(code__startswith="casefiles.").order_by("code"))[:2]
    )
    rules = {r.kind_id: r.pk for r in DeadlineRule.objects.filter(kind__in=kinds)}
    kind_ids = [k.pk for k in kinds if k.pk in rules]
    rule_ids = [rules[k] for k in kind_ids]
    ct = ContentType.objects.get_for_model(Case).pk
    return insert_select(
        Deadline,
        {
            "kind_id": "(%(kinds)s::bigint[])[1 + (k.n - 1) %% %(n_kinds)s]",
            "rule_id": "(%(rules)s::bigint[])[1 + (k.n - 1) %% %(n_kinds)s]",
            "content_type_id": "%(ct)s",
            "object_id": "c.id::text",
            "object_label": "c.number",
            "event_key": "'bench-' || k.n",
            "governorate_id": "c.governorate_id",
            "responsible_unit_id": "c.receiving_unit_id",
            "starts_at": "c.opened_at",
            "due_at": "CASE WHEN k.open THEN %(now)s + make_interval(days => (30 + c.id %% 330)::int) "
            "ELSE c.opened_at + make_interval(days => k.n::int * 10) END",
            "status": "CASE WHEN k.open THEN 'open' WHEN k.r < 0.85 THEN 'met' "
            "WHEN k.r < 0.9 THEN 'missed' ELSE 'cancelled' END",
            "next_action_at": "CASE WHEN k.open THEN %(now)s + make_interval(days => (20 + c.id %% 330)::int) END",
            "met_at": "CASE WHEN NOT k.open AND k.r < 0.85 "
            "THEN c.opened_at + make_interval(days => k.n::int * 9) END",
            "missed_at": "CASE WHEN NOT k.open AND k.r >= 0.85 AND k.r < 0.9 "
            "THEN c.opened_at + make_interval(days => k.n::int * 10) END",
            "created_at": "c.opened_at",
        },
        """
        FROM casefiles_case c
        CROSS JOIN LATERAL (
            SELECT g AS n, random() AS r, c.opened_at > %(now)s - interval '30 days' AS open
            FROM generate_series(1, 1 + (c.id * 7919 %% 5)::int) g
        ) k
        """,
        {
            "kinds": kind_ids,
            "rules": rule_ids,
            "n_kinds": len(kind_ids),
            "ct": ct,
            "now": timezone.now(),
        },
    )


def load_access_log(total: int) -> int:
    """``total`` entries over ten years, oldest first: mostly case pages viewed by the officers
    of the case's governorate, searches, sign-ins. Marked ``bench``; not chained."""
    from django.contrib.contenttypes.models import ContentType

    from cases.audit.models import AccessLogEntry
    from cases.casefiles.models import Case

    ct = ContentType.objects.get_for_model(Case).pk
    with connection.cursor() as cur:
        cur.execute("SELECT min(id), max(id) FROM casefiles_case")
        lo, hi = cur.fetchone()
        cur.execute("SELECT array_agg(officer_id ORDER BY governorate_id, idx) FROM bench_map")
        officers = cur.fetchone()[0]
    return insert_select(
        AccessLogEntry,
        {
            "at": "%(now)s - make_interval(secs => (%(total)s - g) * (315360000.0 / %(total)s))",
            "user_id": "(%(officers)s::bigint[])[1 + g %% %(n_officers)s]",
            "username": "'bench-officer'",
            "action": _choice(
                "a.r",
                [
                    ("view", 0.78),
                    ("search", 0.08),
                    ("login", 0.08),
                    ("logout", 0.04),
                    ("export", 0.02),
                ],
            ),
            "content_type_id": "CASE WHEN a.r < 0.78 THEN %(ct)s END",
            "object_id": "CASE WHEN a.r < 0.78 THEN a.case_id::text ELSE '' END",
            "object_label": "CASE WHEN a.r < 0.78 THEN 'case ' || a.case_id ELSE '' END",
            "ip_address": "'10.0.0.1'",
            "user_agent": "'bench'",
            "path": "CASE WHEN a.r < 0.78 THEN '/cases/' || a.case_id || '/' ELSE '/cases/' END",
            "reason": "'bench'",
            "prev_hash": "'bench' || lpad((g - 1)::text, 59, '0')",
            "hash": "'bench' || lpad(g::text, 59, '0')",
        },
        """
        FROM generate_series(1, %(total)s) g
        CROSS JOIN LATERAL (
            SELECT random() + g * 0 AS r,
                   %(lo)s + floor(random() * (%(hi)s - %(lo)s + 1))::bigint AS case_id
        ) a
        """,
        {
            "now": timezone.now(),
            "total": total,
            "officers": officers,
            "n_officers": len(officers),
            "ct": ct,
            "lo": lo,
            "hi": hi,
        },
    )


def load_referrals(total: int) -> int:
    """``total`` referrals in the stations of each governorate, over ten years; the source's
    sealed fields hold one encrypted name for all of them."""
    from cases.referrals.models import Referral

    sealed = Referral._meta.get_field("source_name").get_db_prep_save("Bench source", connection)
    with connection.cursor() as cur:
        cur.execute("SELECT min(id), max(id) FROM people_person")
        lo, hi = cur.fetchone()
    return insert_select(
        Referral,
        {
            "number": "'BR-' || lpad(g::text, 8, '0')",
            "received_at": "%(now)s - make_interval(secs => floor(random() * 315360000)::int)",
            "place": "'Bench station'",
            "received_by_id": "m.officer_id",
            "unit_id": "m.unit_id",
            "governorate_id": "m.governorate_id",
            "assigned_officer_id": "m.officer_id",
            "channel": _choice(
                "random()",
                [
                    ("family", 0.5),
                    ("sheikh", 0.2),
                    ("mukhtar", 0.1),
                    ("community", 0.1),
                    ("intermediary", 0.05),
                    ("self_phone", 0.05),
                ],
            ),
            "source_code": "'BS-' || lpad(g::text, 8, '0')",
            "source_name": "%(sealed)s",
            "subject_id": "CASE WHEN random() < 0.6 THEN "
            "%(lo)s + floor(random() * (%(hi)s - %(lo)s + 1))::bigint END",
            "subject_description": "'Bench subject'",
            "requested_action": _choice(
                "random()",
                [
                    ("arrange_surrender", 0.6),
                    ("rescue", 0.15),
                    ("protect_family", 0.15),
                    ("information", 0.1),
                ],
            ),
            "source_risk": _choice(
                "random()", [("low", 0.3), ("medium", 0.35), ("high", 0.3), ("critical", 0.05)]
            ),
            "family_risk": _choice(
                "random()", [("low", 0.3), ("medium", 0.35), ("high", 0.3), ("critical", 0.05)]
            ),
            "status": _choice(
                "random()",
                [
                    ("received", 0.05),
                    ("assessing", 0.05),
                    ("contact", 0.05),
                    ("arranged", 0.05),
                    ("surrendered", 0.5),
                    ("closed", 0.3),
                ],
            ),
        },
        """
        FROM generate_series(1, %(total)s) g
        JOIN bench_map m ON m.governorate_id = (
            SELECT governorate_id FROM people_person
            WHERE id = %(lo)s + (g * 7919 %% (%(hi)s - %(lo)s + 1))
        ) AND m.idx = g %% 5
        """,
        {"now": timezone.now(), "total": total, "sealed": sealed, "lo": lo, "hi": hi},
    )


def load_hearings() -> int:
    """Two hearings for a third of the cases before or in court, at the felony court of their
    governorate, eight a day per court, the last ones sixty days from now (the docket of the
    coming week is full)."""
    from cases.courts.models import Hearing

    return insert_select(
        Hearing,
        {
            "case_id": "h.case_id",
            "court_id": "h.felony_court_id",
            "courtroom": "'1'",
            "scheduled_at": "h.start + make_interval(days => (h.k / 8)::int, hours => 8 + (h.k %% 8)::int)",
            "kind": "'trial'",
            "judge_id": "h.judge_id",
            "outcome": "CASE WHEN h.start + make_interval(days => (h.k / 8)::int) < %(now)s "
            "THEN 'held' ELSE 'scheduled' END",
            "scheduled_by_id": "h.judge_id",
            "created_at": "h.start",
        },
        """
        FROM (
            SELECT z.*, date_trunc('day', %(now)s) + interval '60 days'
                        - make_interval(days => (z.n_court / 8)::int) AS start
            FROM (
                SELECT c.id AS case_id, m.felony_court_id, m.judge_id,
                       row_number() OVER (PARTITION BY m.felony_court_id ORDER BY c.opened_at, c.id, t.n)
                           - 1 AS k,
                       count(*) OVER (PARTITION BY m.felony_court_id) AS n_court
                FROM casefiles_case c
                JOIN bench_map m ON m.governorate_id = c.governorate_id AND m.idx = 0
                CROSS JOIN generate_series(1, 2) t(n)
                WHERE c.id %% 3 = 0 AND c.status IN
                    ('referred_to_trial', 'trial', 'verdict', 'cassation', 'final', 'serving')
            ) z
        ) h
        """,
        {"now": timezone.now()},
    )


def refresh() -> None:
    """Keep a reused dataset as it was generated relative to now: the open deadlines' next
    reminders move forward so that the sweep benchmark finds only its own due deadlines."""
    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
        try:
            cur.execute(
                """
                UPDATE deadlines_deadline
                SET due_at = due_at + interval '400 days',
                    next_action_at = next_action_at + interval '400 days'
                WHERE status = 'open' AND event_key LIKE 'bench-%%'
                  AND next_action_at <= now() + interval '1 day'
                """
            )
        finally:
            cur.execute("SET session_replication_role = DEFAULT")
