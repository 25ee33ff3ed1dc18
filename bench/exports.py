"""Export of N cases (default 100,000) to CSV and to Excel, through the export task, with its
progress sampled while it runs.

Creates N cases (persons with Arabic names, their cases across the 18 governorates, their
intakes) with set-based SQL in the benchmark's database, or reuses them when a previous run left
exactly N; they are marked by their number (``BEX-0000001``) so that the list's own number filter
selects them whatever else the database holds (bench/pages.py loads a million other cases).
Then, for each format, a national-scope officer asks for the export as the confirmation page does
(``export_preview``, ``export_request``: counted, access-logged) and the task runs it in this
process while a second thread, on a connection of its own, polls the job as the progress bar
does: the samples show that progress is committed as the rows are written, not at the end.
Reports the time, the rows per second, the file's size and the progress samples.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "caseweb.settings.bench")

import django

django.setup()

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from bench.report import write_section
from cases.accounts import roles
from cases.accounts.models import Governorate, Unit, User
from cases.exports import services
from cases.exports.models import ExportJob
from cases.exports.tasks import export_run

PREFIX = "BEX-"
USERNAME = "bench-exports"
UNIT_PREFIX = "bench-exp-"

GIVEN = ["محمد", "أحمد", "علي", "عمر", "خالد", "حسين", "ياسر", "سعد", "مصطفى", "عبد الله"]
FATHER = ["صالح", "خلف", "حمد", "جاسم", "عبد الرحمن", "إبراهيم", "فاضل", "كريم"]
GRANDFATHER = ["حسن", "عباس", "مجيد", "رشيد", "ناصر", "سلمان", "جبار"]
FAMILY = ["الدليمي", "الجبوري", "العبيدي", "الفهداوي", "الكبيسي", "الحلبوسي", "العاني", "الراوي"]
KINDS = ["voluntary", "arrest", "handed_over", "deserter_return"]
STATUSES = ["surrendered", "screening", "investigation", "trial", "serving", "released"]
ROLES = ["fighter", "hisbah", "logistics", "administration", "other"]


def bench_user() -> User:
    """A national-scope officer: he sees every governorate, as a ministry supervisor would."""
    anbar = Governorate.objects.get(code="ANB")
    unit, _ = Unit.objects.get_or_create(
        code=f"{UNIT_PREFIX}{anbar.code}",
        defaults={
            "kind": Unit.Kind.POLICE_STATION,
            "governorate": anbar,
            "name_en": "Bench station ANB",
            "name_ar": "مركز القياس ANB",
        },
    )
    user, _ = User.objects.get_or_create(
        username=USERNAME, defaults={"unit": unit, "national_scope": True, "language": "ar"}
    )
    user.groups.set(Group.objects.filter(name__in=[roles.OFFICER]))
    return User.objects.get(pk=user.pk)  # fresh permission caches


def existing(prefix: str = PREFIX) -> int:
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM casefiles_case WHERE number LIKE %s", [prefix + "%"])
        return cur.fetchone()[0]


def delete_marked() -> None:
    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
        try:
            cur.execute(
                "DELETE FROM casefiles_intake WHERE case_id IN "
                "(SELECT id FROM casefiles_case WHERE number LIKE %s)",
                [PREFIX + "%"],
            )
            cur.execute("DELETE FROM casefiles_case WHERE number LIKE %s", [PREFIX + "%"])
            cur.execute("DELETE FROM people_person WHERE national_id LIKE %s", [PREFIX + "%"])
        finally:
            cur.execute("SET session_replication_role = DEFAULT")


def generate(rows: int, officer: User) -> None:
    """``rows`` persons, cases and intakes by set-based SQL (no history triggers, no
    foreign-key checks while they are written), spread over the 18 governorates."""
    now = timezone.now()
    for gov in Governorate.objects.all():
        Unit.objects.get_or_create(
            code=f"{UNIT_PREFIX}{gov.code}",
            defaults={
                "kind": Unit.Kind.POLICE_STATION,
                "governorate": gov,
                "name_en": f"Bench station {gov.code}",
                "name_ar": f"مركز القياس {gov.code}",
            },
        )
    governorates = list(Governorate.objects.order_by("pk").values_list("pk", flat=True))
    params = {
        "n": rows,
        "now": now,
        "given": GIVEN,
        "father": FATHER,
        "grandfather": GRANDFATHER,
        "family": FAMILY,
        "kinds": KINDS,
        "statuses": STATUSES,
        "roles": ROLES,
        "govs": governorates,
        "officer": officer.pk,
        "prefix": PREFIX,
        "like": PREFIX + "%",
        "unit_prefix": UNIT_PREFIX,
    }
    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
        try:
            cur.execute(
                """
                INSERT INTO people_person
                    (given_name_ar, father_name_ar, grandfather_name_ar, family_name_ar,
                     mother_name_ar, given_name_lat, father_name_lat, grandfather_name_lat,
                     family_name_lat, kunya, sex, birth_year_estimated, national_id,
                     service_number, tribe, name_keys, created_at, governorate_id)
                SELECT (%(given)s::text[])[1 + g %% cardinality(%(given)s::text[])],
                       (%(father)s::text[])[1 + (g / 7) %% cardinality(%(father)s::text[])],
                       (%(grandfather)s::text[])[1 + (g / 11) %%
                            cardinality(%(grandfather)s::text[])],
                       (%(family)s::text[])[1 + (g / 13) %% cardinality(%(family)s::text[])],
                       '', '', '', '', '', '', 'm', 1960 + g %% 45,
                       %(prefix)s || g, '', '', '{}', %(now)s,
                       (%(govs)s::bigint[])[1 + g %% cardinality(%(govs)s::bigint[])]
                FROM generate_series(1, %(n)s) AS g
                """,
                params,
            )
            cur.execute(
                """
                INSERT INTO casefiles_case
                    (number, person_id, kind, governorate_id, receiving_unit_id, status,
                     opened_at, version)
                SELECT %(prefix)s || lpad(p.n::text, 7, '0'), p.id,
                       (%(kinds)s::text[])[1 + p.n %% 4], p.governorate_id, u.id,
                       (%(statuses)s::text[])[1 + p.n %% cardinality(%(statuses)s::text[])],
                       %(now)s - p.n * interval '5 minutes', 1
                FROM (SELECT id, governorate_id, substr(national_id, 5)::int AS n
                      FROM people_person WHERE national_id LIKE %(like)s) AS p
                JOIN accounts_governorate gv ON gv.id = p.governorate_id
                JOIN accounts_unit u ON u.code = %(unit_prefix)s || gv.code
                """,
                params,
            )
            cur.execute(
                """
                INSERT INTO casefiles_intake
                    (case_id, at, place, receiving_officer_id, handed_over_by, affiliation, role,
                     role_detail, killing_declared, coercion_claimed, coercion_details,
                     cooperation_given, information_given, family_at_risk,
                     family_at_risk_details, protection_needed, medical_needs, age_band,
                     is_juvenile)
                SELECT c.id, c.opened_at, 'مركز شرطة', %(officer)s, '', 'داعش',
                       (%(roles)s::text[])[1 + c.id %% 5], '', 'unknown', false, '', false, '',
                       false, '', false, '', 'adult', c.id %% 17 = 0
                FROM casefiles_case c WHERE c.number LIKE %(like)s
                """,
                params,
            )
        finally:
            cur.execute("SET session_replication_role = DEFAULT")
        cur.execute("ANALYZE people_person")
        cur.execute("ANALYZE casefiles_case")
        cur.execute("ANALYZE casefiles_intake")


@dataclass
class Run:
    fmt: str
    rows: int = 0
    seconds: float = 0.0
    size: int = 0
    samples: list[tuple[float, str, int, int]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def sample(job_id: int, started: float, out: list, stop: threading.Event, every: float) -> None:
    """Poll the job as the progress bar does, on this thread's own connection."""
    try:
        while not stop.is_set():
            row = ExportJob.objects.values_list("status", "rows_done", "rows_total").get(pk=job_id)
            out.append((time.perf_counter() - started, *row))
            stop.wait(every)
    finally:
        connections.close_all()


def run(user: User, fmt: str, every: float) -> Run:
    preview = services.export_preview(user=user, dataset="cases", query=f"number={PREFIX}")
    queued: list[int] = []
    publish = services._publish
    services._publish = queued.extend  # the task is run here, below, not by a worker
    try:
        job = services.export_request(
            user=user, dataset="cases", format=fmt, filters=preview.filters, language="ar"
        )
    finally:
        services._publish = publish
    assert queued == [job.pk], queued
    result = Run(fmt)
    stop = threading.Event()
    started = time.perf_counter()
    sampler = threading.Thread(
        target=sample, args=(job.pk, started, result.samples, stop, every), daemon=True
    )
    sampler.start()
    status = export_run(job.pk)  # the task's body, as a worker runs it
    result.seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    job.refresh_from_db()
    assert status == "done" and job.status == ExportJob.Status.DONE, (status, job.error)
    result.rows = job.rows_done
    result.size = job.file.size
    result.samples.append((result.seconds, job.status, job.rows_done, job.rows_total))
    job.file.delete(save=False)
    return result


def progress_table(r: Run, keep: int = 12) -> str:
    """A dozen samples spread over the run (all of them would be hundreds of lines)."""
    step = max(1, len(r.samples) // keep)
    chosen = r.samples[::step]
    if chosen[-1] is not r.samples[-1]:
        chosen.append(r.samples[-1])
    lines = ["| t (s) | status | rows written | of |", "|---|---|---|---|"]
    lines += [f"| {t:.2f} | {s} | {d:,} | {n:,} |" for t, s, d, n in chosen]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--every", type=float, default=0.25, help="seconds between samples")
    parser.add_argument(
        "--no-report", action="store_true", help="print only; leave docs/benchmarks.md alone"
    )
    args, _unknown = parser.parse_known_args()  # make bench passes one BENCH_ARGS to all

    call_command("migrate", verbosity=0)
    user = bench_user()
    have = existing()
    if have != args.rows:
        started = time.perf_counter()
        delete_marked()
        generate(args.rows, user)
        print(f"generated {existing():,} cases in {time.perf_counter() - started:.1f} s")
    else:
        print(f"reusing {have:,} cases")

    root = tempfile.mkdtemp(prefix="caseweb-bench-exports-")
    settings.EXPORTS_ROOT = root  # the files are measured, then deleted with the directory
    ExportJob.objects.filter(requested_by=user).delete()
    try:
        results = [run(user, fmt, args.every) for fmt in ("csv", "xlsx")]
    finally:
        ExportJob.objects.filter(requested_by=user).delete()
        shutil.rmtree(root, ignore_errors=True)

    summary = "\n".join(
        f"| {r.fmt.upper()} | {r.rows:,} | {r.seconds:.1f} s | {r.rate:,.0f} | "
        f"{r.size / 2**20:.1f} MiB | {sum(1 for s in r.samples if s[1] == 'running'):,} |"
        for r in results
    )
    samples = "\n\n".join(f"{r.fmt.upper()}:\n\n{progress_table(r)}" for r in results)
    body = f"""
{args.rows:,} cases (Arabic names, 10 columns, headings in Arabic) exported through the task
(`exports.run`, run in this process) for a national-scope officer, with the list's filter
`number={PREFIX}`; a second connection polls the job every {args.every} s as the progress bar does.
Progress is committed every {services.progress_every():,} rows; rows are read by a server-side
cursor {services.chunk_size():,} at a time.

| format | rows | time | rows/s | file | samples while running |
|---|---|---|---|---|---|
{summary}

Progress seen by the poller (time from the start of the task):

{samples}
"""
    print(body)
    if not args.no_report:
        write_section("Exports", body)


if __name__ == "__main__":
    main()
