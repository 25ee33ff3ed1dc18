"""Demo of the imports: the Ramadi police station's list of three more men absent without leave,
and a wanted list from the Anbar investigating court of three persons, one of whom the matcher
finds among the demo's deserters (Bakr Salih al-Halbousi) and the officer confirms.

Both go through the services as a user's upload would: read, checked, confirmed, imported. A run
after the first creates nothing (the demo's imports are known by their file names).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from .models import ImportJob
from .services import import_job_confirm, import_job_create, import_job_run

ABSENCE_FILE = "demo-ramadi-ps-absences-2015.csv"
WANTED_FILE = "demo-anbar-court-wanted-2016.csv"

ABSENCE_ROWS = (
    (
        "الرقم العسكري",
        "الاسم الرباعي",
        "اسم الأم",
        "الرتبة",
        "تاريخ الغياب",
        "الظرف",
        "المواليد",
        "رقم البطاقة الوطنية",
    ),
    # The demo's persons carry DEMO- national ids, so that no one takes them for real men.
    (
        "DEMO-RPS-0101",
        "مصطفى كريم جاسم المحمدي",
        "زينب",
        "شرطي",
        "12/03/2015",
        "غياب",
        "1993",
        "DEMO-NID-RPS-0101",
    ),
    (
        "DEMO-RPS-0102",
        "عبد الله ناصر حميد الدليمي",
        "خديجة",
        "نائب عريف",
        "15/03/2015",
        "هروب",
        "1989",
        "DEMO-NID-RPS-0102",
    ),
    (
        "DEMO-RPS-0103",
        "وليد سعد عبيد العيساوي",
        "سعاد",
        "شرطي",
        "02/04/2015",
        "غياب",
        "1995",
        "DEMO-NID-RPS-0103",
    ),
)

WANTED_ROWS = (
    (
        "Issuing court",
        "Warrant number",
        "Warrant date",
        "Article",
        "Full name",
        "Mother's name",
        "Year of birth",
        "Governorate",
    ),
    (
        "محكمة تحقيق الأنبار",
        "DEMO-W-17/2016",
        "2016-02-10",
        "4/1 مكافحة الإرهاب",
        "بكر صالح الحلبوسي",
        "",
        "",
        "ANB",
    ),
    (
        "محكمة تحقيق الأنبار",
        "DEMO-W-18/2016",
        "2016-02-10",
        "4/1 مكافحة الإرهاب",
        "نزار حامد فرحان الجميلي",
        "هدى",
        "1984",
        "ANB",
    ),
    (
        "محكمة تحقيق الأنبار",
        "DEMO-W-19/2016",
        "2016-02-11",
        "4/2 مكافحة الإرهاب",
        "قصي عادل مهدي الفلاحي",
        "نوال",
        "1991",
        "الأنبار",
    ),
)


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _import(job, by) -> None:
    job = import_job_confirm(
        job=job, by=by, choices={row["line"]: row.get("proposed") for row in job.rows}
    )
    # The worker would do it; the demo does not wait for one (a second run is a no-op).
    import_job_run(job_id=job.pk)


def seed(*, units, users) -> int:
    """Load the demo's two imports if they are not there yet; returns how many were made."""
    officer = users["officer"]
    known = set(
        ImportJob.objects.filter(file_name__in=[ABSENCE_FILE, WANTED_FILE]).values_list(
            "file_name", flat=True
        )
    )
    created = 0
    if ABSENCE_FILE not in known:
        job = import_job_create(
            kind="absences",
            file_name=ABSENCE_FILE,
            data=_csv(ABSENCE_ROWS),
            by=officer,
            unit=units["anb-ramadi-ps"],
        )
        _import(job, officer)
        created += 1
    if WANTED_FILE not in known:
        job = import_job_create(
            kind="wanted",
            file_name=WANTED_FILE,
            data=_csv(WANTED_ROWS),
            by=officer,
            governorate=units["anb-ramadi-ps"].governorate,
            source="Anbar Investigating Court",
            received_on=dt.date(2016, 2, 14),
        )
        _import(job, officer)
        created += 1
    return created
