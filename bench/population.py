"""Synthetic persons for the benchmarks: realistic Iraqi names, written down the way clerks write
them, with their blocking keys, loaded into ``people_person`` by COPY.

The names come from the generator of the labelled set (``tests/people/data/make_name_pairs.py``:
its name tables, its World of distinct four-part names, its Arabic and Latin clerks). The keys are
computed exactly as :func:`cases.people.selectors.person_name_keys` does, from an unsaved
:class:`~cases.people.models.Person` and its aliases.

Rows are written with ``session_replication_role = replica`` (no history triggers, no foreign-key
checks) and marked by their ``national_id`` so that :func:`delete_marked` removes them afterwards.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import random
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType

from django.db import connection
from django.utils import timezone

from bench.report import ROOT
from cases.accounts.models import Governorate
from cases.people.models import Person
from cases.people.names import name_keys
from cases.people.selectors import person_name_parts

GENERATOR = ROOT / "tests" / "people" / "data" / "make_name_pairs.py"

PERSON_COLUMNS = (
    "id",
    "given_name_ar",
    "father_name_ar",
    "grandfather_name_ar",
    "family_name_ar",
    "mother_name_ar",
    "given_name_lat",
    "father_name_lat",
    "grandfather_name_lat",
    "family_name_lat",
    "kunya",
    "sex",
    "date_of_birth",
    "birth_year_estimated",
    "national_id",
    "service_number",
    "tribe",
    "name_keys",
    "created_at",
    "governorate_id",
    "home_governorate_id",
)


@cache
def generator() -> ModuleType:
    """The labelled set's generator, imported from its file (``tests/`` is not a package path)."""
    spec = importlib.util.spec_from_file_location("make_name_pairs", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@dataclass
class Synthetic:
    """One record to load: an unsaved person, his other names (kind, name), his keys."""

    person: Person
    aliases: list[tuple[str, str]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)

    def compute_keys(self) -> None:
        """His blocking keys, as ``person_name_keys`` computes them for a saved person."""
        parts = person_name_parts(self.person, aliases=[name for _, name in self.aliases])
        self.keys = name_keys(parts)


class Governorates:
    """The 18 governorates, by id and by code (instances, so that no lookup hits the database)."""

    def __init__(self) -> None:
        self.all = list(Governorate.objects.order_by("pk"))
        self.by_code = {g.code: g for g in self.all}


_CHAIN = ("given", "father", "grandfather", "family")


def set_chain(person: Person, rec: dict[str, str], script: str) -> None:
    """Copy a rendered record's name chain into the person's fields of ``script``."""
    suffix = "ar" if script == "ar" else "lat"
    for part in _CHAIN:
        setattr(person, f"{part}_name_{suffix}", rec[part])


def synthetic_persons(
    total: int, seed: int, governorates: Governorates, *, weights: list[float] | None = None
) -> Iterator[Synthetic]:
    """``total`` persons with distinct four-part names: half written in Arabic, a quarter only in
    Latin, a quarter in both; most with the full chain; some with a kunya, a mother's name, a
    tribe, another name; born 1950-2002; registered in any of the 18 governorates (in proportion
    to ``weights``, one per governorate, when given: where the programme registers them)."""
    g = generator()
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data
    world = g.World(rng)
    now = timezone.now()
    for n in range(1, total + 1):
        p = world.person(birth_year=rng.randint(1950, 2002))
        r = rng.random()
        script = "ar" if r < 0.5 else "lat" if r < 0.75 else "both"
        first = "lat" if script == "lat" else "ar"
        parts = rng.choices((g.FULL, g.THREE, g.GFF), weights=(70, 15, 15))[0]
        rec = g.render(
            p,
            first,
            rng,
            parts=parts,
            mother=rng.random() < 0.4,
            kunya="field" if rng.random() < 0.15 else "",
            tribe=rng.random() < 0.2,
        )
        person = Person(
            sex=Person.Sex.MALE,
            mother_name_ar=rec["mother"],
            kunya=rec["kunya"],
            tribe=rec["tribe"],
            national_id=f"BENCH-{n}",
            created_at=now,
        )
        set_chain(person, rec, first)
        if script == "both":
            set_chain(person, g.render(p, "lat", rng, parts=parts), "lat")
        r = rng.random()
        if r < 0.25:
            person.date_of_birth = dt.date(p.birth_year, rng.randint(1, 12), rng.randint(1, 28))
        elif r < 0.85:
            person.birth_year_estimated = p.birth_year
        home = governorates.by_code.get(p.governorate) if rng.random() < 0.7 else None
        person.home_governorate = home
        if weights is not None:
            person.governorate = rng.choices(governorates.all, weights)[0]
        else:
            person.governorate = (
                home if home is not None and rng.random() < 0.5 else rng.choice(governorates.all)
            )
        syn = Synthetic(person)
        r = rng.random()
        if r < 0.04:  # a full name in the other script, or another spelling
            other = rng.choice(("ar", "lat")) if script == "both" else ("lat", "ar")[first == "lat"]
            syn.aliases.append(("spelling", g.full_name(p, other, rng)))
        elif r < 0.06 and p.kunya is not None:  # the kunya he was known by, as an alias
            clerk = g.ArabicClerk(rng) if first == "ar" else g.LatinClerk(rng)
            syn.aliases.append(("kunya", g.kunya_text(p.kunya, first, rng, clerk)))
        syn.compute_keys()
        yield syn


# --- COPY ----------------------------------------------------------------------------------------


def _text(value: object) -> str:
    """One field in COPY's text format."""
    if value is None:
        return r"\N"
    s = str(value)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _array(items: Iterable[str]) -> str:
    """A PostgreSQL array literal, every element quoted."""
    quoted = ('"' + k.replace("\\", "\\\\").replace('"', '\\"') + '"' for k in sorted(items))
    return "{" + ",".join(quoted) + "}"


def _person_line(pk: int, syn: Synthetic) -> str:
    p = syn.person
    values = (
        pk,
        p.given_name_ar,
        p.father_name_ar,
        p.grandfather_name_ar,
        p.family_name_ar,
        p.mother_name_ar,
        p.given_name_lat,
        p.father_name_lat,
        p.grandfather_name_lat,
        p.family_name_lat,
        p.kunya,
        p.sex,
        p.date_of_birth.isoformat() if p.date_of_birth else None,
        p.birth_year_estimated,
        p.national_id,
        p.service_number,
        p.tribe,
        _array(syn.keys),
        p.created_at.isoformat(),
        p.governorate_id,
        p.home_governorate_id,
    )
    return "\t".join(_text(v) for v in values) + "\n"


def copy_persons(batch: list[Synthetic]) -> list[int]:
    """Write ``batch`` (persons and their aliases) by COPY; their new ids, in order.

    The caller has set ``session_replication_role = replica`` on the connection."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT nextval(pg_get_serial_sequence('people_person', 'id')) "
            "FROM generate_series(1, %s)",
            [len(batch)],
        )
        ids = [row[0] for row in cur.fetchall()]
        raw = cur.cursor  # psycopg2's own cursor, for copy_expert
        buf = io.StringIO(
            "".join(_person_line(pk, syn) for pk, syn in zip(ids, batch, strict=True))
        )
        raw.copy_expert(f"COPY people_person ({', '.join(PERSON_COLUMNS)}) FROM STDIN", buf)
        aliases = "".join(
            f"{pk}\t{kind}\t{_text(name)}\n"
            for pk, syn in zip(ids, batch, strict=True)
            for kind, name in syn.aliases
        )
        if aliases:
            raw.copy_expert(
                "COPY people_personalias (person_id, kind, name) FROM STDIN", io.StringIO(aliases)
            )
    return ids


def delete_marked(prefix: str = "BENCH") -> int:
    """Delete the persons whose national ID starts with ``prefix`` and their other names."""
    with connection.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
        try:
            cur.execute(
                "DELETE FROM people_personalias WHERE person_id IN "
                "(SELECT id FROM people_person WHERE national_id LIKE %s)",
                [prefix + "%"],
            )
            cur.execute("DELETE FROM people_person WHERE national_id LIKE %s", [prefix + "%"])
            deleted = cur.rowcount
        finally:
            cur.execute("SET session_replication_role = DEFAULT")
    return deleted
