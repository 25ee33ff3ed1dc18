"""Deadline sweep over N open deadlines of which D are due (default 1,000,000 and 10,000).

Generates the deadlines with set-based SQL, then runs the sweep several times, each time on the
same D due deadlines (reset between runs), and reports the median time of the sweep's
transaction, the time to queue the D send tasks on the configured broker, and the number of SQL
statements (which must not depend on N or D).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.report import median_ms, write_section
from cases.accounts.models import Unit
from cases.deadlines import services
from cases.deadlines.models import DeadlineKind, DeadlineRule

KIND = "bench.sweep"


def generate(total: int, due: int, now: dt.datetime) -> None:
    """``total`` open deadlines: ``due`` of them with a reminder stage reached, the rest later."""
    from django.contrib.contenttypes.models import ContentType

    kind, _ = DeadlineKind.objects.get_or_create(
        code=KIND, defaults={"label_en": "Bench", "label_ar": "قياس"}
    )
    rule, _ = DeadlineRule.objects.get_or_create(
        kind=kind,
        effective_from=dt.date(2000, 1, 1),
        defaults={
            "reminder_offsets": [604800, 86400, 7200],
            "escalate_after": dt.timedelta(hours=1),
            "legal_source": "benchmark",
        },
    )
    from cases.accounts.models import Governorate

    unit, _ = Unit.objects.get_or_create(
        code="bench-unit",
        defaults={
            "kind": Unit.Kind.POLICE_STATION,
            "governorate": Governorate.objects.first(),
            "name_en": "Bench station",
            "name_ar": "مركز القياس",
        },
    )
    content_type = ContentType.objects.get_for_model(Unit)
    governorates = list(Governorate.objects.order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cur:
        # Synthetic rows: no history triggers, no foreign-key checks while they are written.
        cur.execute("SET session_replication_role = replica")
        cur.execute("DELETE FROM deadlines_reminder")
        cur.execute("DELETE FROM deadlines_deadline WHERE kind_id = %s", [kind.pk])
        cur.execute(
            """
            INSERT INTO deadlines_deadline
                (kind_id, rule_id, content_type_id, object_id, object_label, event_key,
                 governorate_id, responsible_unit_id, starts_at, due_at, status, note,
                 generation, next_action_at, created_at, close_reason)
            SELECT %(kind)s, %(rule)s, %(ct)s, g::text, 'BENCH-' || g, '',
                   (%(governorates)s::bigint[])[1 + g %% %(n_gov)s],
                   %(unit)s, %(now)s - interval '1 day',
                   CASE WHEN g <= %(due)s THEN %(now)s + interval '90 minutes'
                        ELSE %(now)s + interval '8 days' + (g %% 300) * interval '1 day' END,
                   'open', '', 1,
                   CASE WHEN g <= %(due)s THEN %(now)s - interval '30 minutes'
                        ELSE %(now)s + interval '1 day' + (g %% 300) * interval '1 day' END,
                   %(now)s, ''
            FROM generate_series(1, %(total)s) AS g
            """,
            {
                "kind": kind.pk,
                "rule": rule.pk,
                "ct": content_type.pk,
                "unit": unit.pk,
                "now": now,
                "due": due,
                "total": total,
                "governorates": governorates,
                "n_gov": len(governorates),
            },
        )
        cur.execute("SET session_replication_role = DEFAULT")
        cur.execute("ANALYZE deadlines_deadline")


def reset(due: int, now: dt.datetime) -> None:
    """Put the D due deadlines back as they were before a sweep."""
    with connection.cursor() as cur:
        cur.execute("DELETE FROM deadlines_reminder")
        cur.execute(
            "UPDATE deadlines_deadline SET next_action_at = %s, generation = 1 WHERE due_at = %s",
            [now - dt.timedelta(minutes=30), now + dt.timedelta(minutes=90)],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--total", type=int, default=None, help="default: 1,000,000 x scale")
    parser.add_argument("--due", type=int, default=None, help="default: 10,000 x scale")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    args, _unknown = parser.parse_known_args()  # make bench passes one BENCH_ARGS to all
    if args.total is None:
        args.total = max(int(1_000_000 * args.scale), 100)
    if args.due is None:
        args.due = max(int(10_000 * args.scale), 10)

    call_command("migrate", verbosity=0)
    now = timezone.now()
    started = time.perf_counter()
    generate(args.total, args.due, now)
    print(f"generated {args.total:,} deadlines in {time.perf_counter() - started:.1f} s")

    sql_times, sweep_times, fanout_times, statements = [], [], [], set()
    queued_ids: list[int] = []
    publish = services._publish
    services._publish = lambda ids: queued_ids.extend(ids)  # timed apart, below
    try:
        for _ in range(args.runs):
            reset(args.due, now)
            queued_ids.clear()
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                result = services.deadline_sweep(now=now)
                sql_times.append(time.perf_counter() - t0)
            statements.add(len(queries.captured_queries))
            assert len(result.queued) == args.due, (len(result.queued), args.due)
            # What the sweep task does after commit: queue the batches (fan-out) ...
            t0 = time.perf_counter()
            publish(list(queued_ids))
            sweep_times.append(sql_times[-1] + time.perf_counter() - t0)
            # ... and what the workers then do: one send task per reminder (here in one process).
            t0 = time.perf_counter()
            for start in range(0, len(queued_ids), services.DISPATCH_BATCH):
                batch = queued_ids[start : start + services.DISPATCH_BATCH]
                services.reminders_dispatch(reminder_ids=batch)
            fanout_times.append(time.perf_counter() - t0)
    finally:
        services._publish = publish

    with connection.cursor() as cur:
        cur.execute("EXPLAIN SELECT id FROM deadlines_deadline WHERE next_action_at <= %s", [now])
        plan = "\n".join(row[0] for row in cur.fetchall())
    from django.conf import settings

    broker = settings.CELERY_BROKER_URL.split("://")[0]
    body = f"""
{args.total:,} open deadlines, {args.due:,} of them with a reminder stage reached; {args.runs} runs.

| figure | median | target |
|---|---|---|
| sweep transaction (mark missed, write {args.due:,} reminders, next actions, take them) | {median_ms(sql_times)} | |
| **sweep task**: the transaction, then queueing the batches on `{broker}` | {median_ms(sweep_times)} | < 2 s |
| fan-out: {args.due:,} send tasks queued by the batch tasks (one process; workers share it) | {median_ms(fanout_times)} | |
| SQL statements per sweep | {", ".join(str(s) for s in sorted(statements))} | constant |

A broker takes about 0.4 ms per message here, so a sweep that queued 10,000 send tasks itself
would run for about 4 s; it queues batches of {services.DISPATCH_BATCH} instead, which the workers fan out
in parallel.

The statement count is the same for any number of deadlines (asserted in
`tests/deadlines/test_sweep.py` with 10 and 100). The sweep finds its work through the partial
index on `next_action_at`:

```
{plan}
```
"""
    write_section("Deadline sweep", body)
    print(body)
    # The benchmark's messages and rows are not kept: they would weigh on what runs next.
    from caseweb.celery import app

    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM deadlines_reminder")
        cur.execute("SET session_replication_role = replica")
        cur.execute(
            "DELETE FROM deadlines_deadline WHERE kind_id IN "
            "(SELECT id FROM deadlines_deadlinekind WHERE code = %s)",
            [KIND],
        )
        cur.execute("SET session_replication_role = DEFAULT")


if __name__ == "__main__":
    main()
