"""The name-matching rules of ``cases.people.names``, and their measured quality.

Tables of cases for each rule of the normalisers and the skeleton, then the blocking keys and the
scorer measured on the labelled set ``data/name_pairs.csv`` (made by ``data/make_name_pairs.py``):
at least 220 pairs of records of one man written differently, and at least 220 hard pairs of two
different men who look alike. Run with ``-s`` to see the figures; they are printed either way.

No database: these are pure functions of plain values.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from cases.people.names import (
    MATCH_THRESHOLD,
    Match,
    NameParts,
    Reason,
    is_arabic,
    name_keys,
    normalize_arabic,
    normalize_latin,
    rank,
    score,
    skeleton,
)
from cases.people.names.skeleton import compare

DATA = Path(__file__).parent / "data"
PAIRS_CSV = DATA / "name_pairs.csv"
FIELDS = (
    "given",
    "father",
    "grandfather",
    "family",
    "mother",
    "kunya",
    "aliases",
    "birth_year",
    "governorate",
    "tribe",
)

# --- normalize_arabic ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tashkeel and tatweel removed
        ("مُحَمَّد", "محمد"),
        ("عَبْدُ الله", "عبدالله"),
        ("محـــمد", "محمد"),
        # hamza forms of alef folded to ا
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),
        ("ٱحمد", "احمد"),
        # ta marbuta as ha, alif maqsura as ya
        ("فاطمة", "فاطمه"),
        ("حمزه", "حمزه"),
        ("مصطفى", "مصطفي"),
        ("يحيى", "يحيي"),
        # hamza on its seats and alone
        ("مؤيد", "مويد"),
        ("رائد", "رايد"),
        ("لؤي", "لوي"),
        ("علاء", "علا"),
        ("هناء", "هنا"),
        # Arabic-Indic and Persian digits
        ("١٩٨٥", "1985"),
        ("۱۹۸۵", "1985"),
        # a Persian keyboard (Kirkuk)
        ("علی", "علي"),
        ("کریم", "كريم"),
        # presentation forms (copied from PDFs)
        ("ﻣﺤﻤﺪ", "محمد"),
        # عبد compounds kept together, however spaced
        ("عبد الله", "عبدالله"),
        ("عبدالله", "عبدالله"),
        ("عبد الرحمن", "عبدالرحمن"),
        ("عبد  الستار", "عبدالستار"),
        ("عبد علي", "عبدعلي"),
        # other "… الله" names are one word too
        ("نصر الله", "نصرالله"),
        # بن / ابن / بنت between the parts of a name dropped
        ("محمد بن عبد الله", "محمد عبدالله"),
        ("علي ابن حسين", "علي حسين"),
        ("فاطمة بنت علي", "فاطمه علي"),
        ("ابن تيمية", "ابن تيميه"),
        # the article stripped from each word, not inside a compound, not from names like الياس
        ("الدليمي", "دليمي"),
        ("محمد عبد الله الدليمي", "محمد عبدالله دليمي"),
        ("أبو البراء", "ابو برا"),
        ("الياس", "الياس"),
        ("آل بو نمر", "بو نمر"),
        ("البو نمر", "بو نمر"),
        # whitespace
        ("  محمد \t  احمد  ", "محمد احمد"),
        ("", ""),
    ],
)
def test_normalize_arabic(text: str, expected: str) -> None:
    assert normalize_arabic(text) == expected


def test_normalize_arabic_folds_every_spelling_of_one_name_together() -> None:
    spellings = ["عبد الله", "عبدالله", "عَبْدُ الله", "عبـد اللـه"]
    assert len({normalize_arabic(s) for s in spellings}) == 1
    assert normalize_arabic("الجُبُّوري") == normalize_arabic("جبوري")


# --- normalize_latin ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lower-case ASCII, diacritics and ayn/hamza signs removed
        ("Muḥammad", "muhammad"),
        ("ʿUmar", "umar"),
        ("Sa'ad", "saad"),
        ("Zoba`i", "zobai"),
        ("Ṣāliḥ", "salih"),
        ("MOHAMMED", "mohammed"),
        # the article, apart, hyphenated, capitalised, assimilated, glued on in passports
        ("al-Dulaimi", "dulaimi"),
        ("Al Dulaimi", "dulaimi"),
        ("AL-DULAIMI", "dulaimi"),
        ("el-Ani", "ani"),
        ("ad-Dulaimi", "dulaimi"),
        ("ash-Shammari", "shammari"),
        ("at-Tamimi", "tamimi"),
        ("ar-Rawi", "rawi"),
        ("ALJUBOURI", "jubouri"),
        ("Aldulaimi", "dulaimi"),
        # ... but not where "al" may be the name itself (علواني, علي)
        ("Alwani", "alwani"),
        ("Ali", "ali"),
        ("Ad", "ad"),
        # Abd compounds joined like the Arabic
        ("Abdullah", "abdullah"),
        ("Abdallah", "abdullah"),
        ("Abd Allah", "abdullah"),
        ("Abd al-Lah", "abdullah"),
        ("Abd al-Rahman", "abdulrahman"),
        ("Abdul Rahman", "abdulrahman"),
        ("Abdurrahman", "abdulrahman"),
        ("Abdel Rahman", "abdulrahman"),
        ("Abd-ul-Rahman", "abdulrahman"),
        ("Abdelkader", "abdulkader"),
        ("Abdussalam", "abdulsalam"),
        # "son of" between names dropped
        ("Mohammed bin Abdullah", "mohammed abdullah"),
        ("Ali ibn Hussein", "ali hussein"),
        ("Omar ben Khalid", "omar khalid"),
        # -ud-Din names split like the Arabic (صلاح الدين)
        ("Salahuddin", "salah din"),
        ("Salah al-Din", "salah din"),
        ("Salah Eddin", "salah din"),
        ("Ezzeddine", "ezz din"),
        # punctuation, hyphens and spaces
        ("Abu-Omar", "abu omar"),
        ("  Omar ,  Khalid. ", "omar khalid"),
        ("", ""),
    ],
)
def test_normalize_latin(text: str, expected: str) -> None:
    assert normalize_latin(text) == expected


def test_is_arabic() -> None:
    assert is_arabic("محمد عبد الله")
    assert is_arabic("محمد عبد الله (Abu Omar)")  # mostly Arabic
    assert not is_arabic("Mohammed Abdullah")
    assert not is_arabic("")
    assert not is_arabic("1985")


# --- skeleton -----------------------------------------------------------------------------------

SAME_SKELETON = [
    # the examples of the specification
    ["محمد", "Mohammed", "Muhammad", "Mohamad", "Mohamed", "Mohammad", "مُحَمَّد"],
    ["الدليمي", "al-Dulaimi", "Al Dulaimy", "Dulaymi", "Dleimi", "AL-DULAIMI", "ad-Dulaimi"],
    ["عبد الله", "Abdullah", "Abdallah", "Abd al-Lah", "Abd Allah", "Abdulla", "عبدالله"],
    # dh/th/z/d for ذ ض ظ
    ["ذياب", "Dhiyab", "Thiab", "Ziyab", "Diab"],
    ["كاظم", "Kadhim", "Kazim", "Kathim", "Kadim"],
    ["فاضل", "Fadhil", "Fadil", "Fazil", "Fadel"],
    # q/k/g
    ["قاسم", "Qasim", "Kasim", "Gasim", "Qassim"],
    ["العكيدي", "al-Ogaidi", "Okaidi", "Uqaidi"],
    # kh/h, gh/g
    ["خالد", "Khalid", "Khaled"],
    ["خميس", "Khamis", "Khamees"],
    ["الجغيفي", "al-Jughaifi", "Jgheifi"],
    # sh
    ["الشمري", "ash-Shammari", "al-Shamari", "Shemmari"],
    # j
    ["الجبوري", "al-Jubouri", "Jiburi", "Al-Jubori", "Aljabouri"],
    # w/u/ou/oo, y/i/ee/ie, doubled letters
    ["حسين", "Hussein", "Husain", "Hussain", "Hosein", "Husayn"],
    ["يوسف", "Yousif", "Yusuf", "Yousef", "Youssef"],
    ["محمود", "Mahmoud", "Mahmood", "Mahmud"],
    ["سعيد", "Saeed", "Said", "Sa'id"],
    ["العبيدي", "al-Obaidi", "Ubaydi", "Obeidi"],
    ["عمر", "Omar", "Umar", "Omer"],
    ["عثمان", "Othman", "Uthman"],
    ["الزوبعي", "al-Zobaie", "Zoba'i", "Zawba'i"],
    ["العيساوي", "al-Issawi", "Essawi", "Eisawi"],
    # a final h is dropped: ta marbuta, Abdullah/Abdulla, Saleh/صالح
    ["فاطمة", "Fatima", "Fatimah", "Fatma", "فاطمه"],
    ["صالح", "Saleh", "Salih"],
    ["طلحة", "Talha", "Talhah"],
    # compounds and -ud-Din
    ["عبد الرحمن", "Abdulrahman", "Abd al-Rahman", "Abdurrahman", "Abdel Rahman"],
    ["صلاح الدين", "Salahuddin", "Salah al-Din", "Salah Eddin"],
    ["أبو عمر", "Abu Omar", "Abou Omar", "Abu-Omar", "ابو عُمَر"],
]


@pytest.mark.parametrize("spellings", SAME_SKELETON, ids=lambda s: s[1])
def test_skeleton_is_shared_by_every_spelling(spellings: list[str]) -> None:
    skeletons = {s: skeleton(s) for s in spellings}
    assert len(set(skeletons.values())) == 1, skeletons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("محمد", "MHMD"),
        ("Mohammed", "MHMD"),
        ("عبد الله", "ABDL"),
        ("al-Dulaimi", "DLM"),
        ("Abu Omar", "AB AMR"),
        ("Mohammed Abdullah al-Dulaimi", "MHMD ABDL DLM"),
        ("", ""),
    ],
)
def test_skeleton_values(text: str, expected: str) -> None:
    assert skeleton(text) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("محمد", "Mohammed"),
        ("Mohammed", "Muhammad"),
        ("الدليمي", "Al Dulaimy"),
        ("حسين", "Husain"),
        ("Qasim", "Gasim"),
        ("ذياب", "Thiab"),
        ("رائد", "Raid"),
        ("داود", "Dawood"),
        ("عائشة", "Aisha"),
        ("مؤيد", "Muayad"),
        ("Yousif", "Yusuf"),
        ("فاطمة", "فاطمه"),
        ("مصطفى", "مصطفي"),
        ("Kahlid", "Khalid"),  # a slip of the keyboard
        ("حيسن", "حسين"),
    ],
)
def test_spellings_of_one_name_agree(a: str, b: str) -> None:
    assert compare(a, b) >= 0.8


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one skeleton, two names: the long vowels or the letters tell them apart
        ("حسن", "Hussein"),
        ("Hassan", "Hussein"),
        ("محمد", "Mahmoud"),
        ("Mohammed", "Mahmoud"),
        ("عمر", "عمار"),
        ("Omar", "عامر"),
        ("سعد", "Saeed"),
        ("علي", "علاء"),
        ("Hazim", "Hatim"),
        ("حمزة", "Hamad"),
        # ... and where only the short vowels do, the vowelled spelling of common names
        ("عمر", "Ammar"),
        ("Hamad", "حامد"),
        ("Ziad", "زيد"),
        ("Hassoun", "حسن"),
        ("Hamid", "Hamad"),
        ("Omar", "Amer"),
        # different skeletons, one letter apart
        ("Ahmed", "Hamed"),
        ("Mohammed", "Muhannad"),
        ("Hamad", "Mahmoud"),
        ("عبد الستار", "Abdul Aziz"),
    ],
)
def test_different_names_do_not_agree(a: str, b: str) -> None:
    assert compare(a, b) <= 0.6


# --- blocking keys ------------------------------------------------------------------------------


def test_name_keys_pair_two_parts_by_skeleton() -> None:
    keys = name_keys(NameParts(given="محمد", father="عبد الله", family="الدليمي"))
    assert keys == {"g:MHMD|f:ABDL", "g:MHMD|n:DLM", "f:ABDL|n:DLM"}
    latin = name_keys(NameParts(given="Muhammad", father="Abdallah", family="Al Dulaimy"))
    assert latin == keys


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one record lacks the family name
        (
            NameParts(given="محمد", father="عبد الله", family="الدليمي"),
            NameParts(given="Mohammed", father="Abdullah"),
        ),
        # given + father + grandfather against given + father + family
        (
            NameParts(given="Omar", father="Khalid", grandfather="Hamad"),
            NameParts(given="عمر", father="خالد", family="العاني"),
        ),
        # a typo in the given name: father + grandfather still meet
        (
            NameParts(given="Mohamnmed", father="Saleh", grandfather="Awad"),
            NameParts(given="محمد", father="صالح", grandfather="عواد"),
        ),
        # only a kunya on the wanted list
        (
            NameParts(kunya="Abu Omar", governorate="ANB"),
            NameParts(given="محمد", father="عبد الله", kunya="أبو عمر"),
        ),
        # the kunya among the other record's aliases
        (
            NameParts(kunya="أبو حمزة العيساوي"),
            NameParts(given="Raad", father="Mustafa", aliases=("Abu Hamza",)),
        ),
        # the real name as an alias of a kunya
        (
            NameParts(kunya="Abu Dujana", aliases=("Muhammed Hussein Abdel Rahman",)),
            NameParts(given="محمد", father="حسين", grandfather="عبد الرحمن"),
        ),
    ],
)
def test_name_keys_shared_by_two_records_of_one_man(a: NameParts, b: NameParts) -> None:
    assert name_keys(a) & name_keys(b)


def test_name_keys_never_a_single_common_name_except_the_kunya() -> None:
    keys = name_keys(NameParts(given="محمد", father="أحمد", kunya="أبو عمر"))
    assert keys == {"g:MHMD|f:AHMD", "k:ABAMR"}
    assert name_keys(NameParts(given="Mohammed")) == set()
    assert name_keys(NameParts()) == set()


# --- score and rank -----------------------------------------------------------------------------


def test_score_explains_which_parts_agreed() -> None:
    a = NameParts(
        given="محمد",
        father="عبد الله",
        family="الدليمي",
        mother="فاطمة",
        birth_year=1985,
        governorate="ANB",
    )
    b = NameParts(
        given="Muhammad",
        father="Abdallah",
        grandfather="Hamad",
        family="Al Dulaimy",
        mother="Fatima",
        birth_year=1986,
        governorate="ANB",
    )
    m = score(a, b)
    assert isinstance(m, Match)
    assert m.score >= MATCH_THRESHOLD
    verdicts = {r.part: r.verdict for r in m.reasons}
    assert verdicts == {
        "given": "agree",
        "father": "agree",
        "grandfather": "missing",
        "family": "agree",
        "mother": "agree",
        "kunya": "missing",
        "birth_year": "agree",
        "governorate": "agree",
        "tribe": "missing",
    }
    given = m.reason("given")
    assert given is not None
    assert "محمد" in given.detail and "Muhammad" in given.detail and "MHMD" in given.detail
    assert given.weight > 0
    assert all(r.weight == 0 for r in m.reasons if r.verdict == "missing")
    assert all(isinstance(r, Reason) and r.detail for r in m.reasons)


def test_score_says_why_brothers_differ() -> None:
    a = NameParts(given="حسن", father="علي", grandfather="حمد", family="الجبوري", birth_year=1990)
    b = NameParts(given="Hussein", father="Ali", grandfather="Hamad", family="al-Jubouri")
    m = score(a, b)
    assert m.score < MATCH_THRESHOLD
    given = m.reason("given")
    assert given is not None and given.verdict == "differ" and given.weight < 0
    assert m.reason("father").verdict == "agree"


def test_score_mother_and_birth_year_separate_namesakes() -> None:
    a = NameParts(given="Ahmed", father="Khalid", grandfather="Awad", family="al-Rawi")
    b = NameParts(given="أحمد", father="خالد", grandfather="عواد", family="الراوي")
    assert score(a, b).score >= MATCH_THRESHOLD
    other_mother = score(replace(a, mother="Khadija"), replace(b, mother="زينب"))
    assert other_mother.score < MATCH_THRESHOLD
    assert other_mother.reason("mother").verdict == "differ"
    fifteen_years = score(replace(a, birth_year=1970), replace(b, birth_year=1985))
    assert fifteen_years.score < MATCH_THRESHOLD
    assert fifteen_years.reason("birth_year").verdict == "differ"


def test_score_matches_through_an_alias_and_says_so() -> None:
    wanted = NameParts(kunya="Abu Omar", aliases=("Mohammed Abdullah al-Dulaimi",))
    intake = NameParts(given="محمد", father="عبد الله", family="الدليمي", kunya="أبو عمر")
    m = score(wanted, intake)
    assert m.score >= MATCH_THRESHOLD
    alias = m.reason("alias")
    assert alias is not None and alias.verdict == "agree" and alias.weight > 0
    assert "Mohammed Abdullah al-Dulaimi" in alias.detail
    assert m.reason("kunya").verdict == "agree"


def test_score_is_symmetric_enough() -> None:
    a = NameParts(given="عمر", father="خالد", family="العاني", birth_year=1980)
    b = NameParts(given="Omar", father="Khaled", family="al-Ani", birth_year=1981)
    assert score(a, b).score == score(b, a).score


def test_rank_best_first_and_limited() -> None:
    query = NameParts(given="محمد", father="عبد الله", family="الدليمي", birth_year=1985)
    candidates = [
        ("brother", NameParts(given="Ahmed", father="Abdullah", family="al-Dulaimi")),
        ("him", NameParts(given="Mohammed", father="Abdallah", family="Dulaimi", birth_year=1985)),
        ("namesake", NameParts(given="Mohammed", father="Abdullah", birth_year=1961)),
        ("stranger", NameParts(given="Khalid", father="Hamad")),
    ]
    ranked = rank(query, candidates, limit=3)
    assert [key for key, _ in ranked][:1] == ["him"]
    assert len(ranked) == 3
    assert [m.score for _, m in ranked] == sorted((m.score for _, m in ranked), reverse=True)
    assert rank(query, [], limit=5) == []


# --- the labelled set ---------------------------------------------------------------------------


def _side(row: dict[str, str], side: str) -> NameParts:
    v = {f: row[f"{side}_{f}"] for f in FIELDS}
    return NameParts(
        given=v["given"],
        father=v["father"],
        grandfather=v["grandfather"],
        family=v["family"],
        mother=v["mother"],
        kunya=v["kunya"],
        aliases=tuple(a for a in v["aliases"].split("|") if a),
        birth_year=int(v["birth_year"]) if v["birth_year"] else None,
        governorate=v["governorate"],
        tribe=v["tribe"],
    )


@dataclass
class Evaluation:
    rows: list[dict[str, str]]
    people: dict[tuple[int, str], NameParts]
    keys: dict[tuple[int, str], set[str]]
    index: dict[str, set[tuple[int, str]]]

    @property
    def matches(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r["label"] == "match"]

    @property
    def nonmatches(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if r["label"] == "nonmatch"]

    def candidates(self, query: tuple[int, str]) -> list[tuple[tuple[int, str], NameParts]]:
        """Every other person of the set sharing a blocking key with ``query``: the index
        lookup the database will do, over the b sides and the a sides of all the pairs."""
        found = set().union(*(self.index[k] for k in self.keys[query])) - {query}
        return [(c, self.people[c]) for c in sorted(found)]


@pytest.fixture(scope="module")
def labelled() -> Evaluation:
    with PAIRS_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    people = {(i, s): _side(r, s) for i, r in enumerate(rows) for s in ("a", "b")}
    keys = {pid: name_keys(p) for pid, p in people.items()}
    index: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for pid, ks in keys.items():
        for k in ks:
            index[k].add(pid)
    return Evaluation(rows, people, keys, index)


def _report(capsys: pytest.CaptureFixture[str], *lines: str) -> None:
    with capsys.disabled():
        print()
        for line in lines:
            print(f"  [names] {line}")


def test_labelled_set_is_large_realistic_and_reproducible(labelled: Evaluation) -> None:
    labels = Counter(r["label"] for r in labelled.rows)
    assert set(labels) == {"match", "nonmatch"}
    assert labels["match"] >= 220
    assert labels["nonmatch"] >= 220
    with PAIRS_CSV.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header == ["label", *(f"a_{f}" for f in FIELDS), *(f"b_{f}" for f in FIELDS), "note"]
    notes = {r["note"].split(" (")[0] for r in labelled.rows}
    for kind in (
        "ar-lat",
        "lat-lat",
        "ar-ar",
        "family missing on one side",
        "grandfather on one side, family on the other",
        "kunya only, real name as alias",
        "one-letter typo",
        "brothers",
        "cousins",
        "same common given name, different father",
        "same full name, different mother",
        "same full name, born 15 years apart",
        "father and son",
        "same kunya, different men",
    ):
        assert kind in notes
    # the committed CSV is exactly what the generator writes
    spec = importlib.util.spec_from_file_location("make_name_pairs", DATA / "make_name_pairs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        assert module.generate() == PAIRS_CSV.read_text(encoding="utf-8")
    finally:
        del sys.modules[spec.name]


def test_name_keys_link_the_records_of_one_man(
    labelled: Evaluation, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = [i for i in labelled.matches if labelled.keys[(i, "a")] & labelled.keys[(i, "b")]]
    share = len(shared) / len(labelled.matches)
    sizes = [len(labelled.candidates((i, "a"))) for i in labelled.matches]
    _report(
        capsys,
        f"key coverage: {len(shared)}/{len(labelled.matches)} match pairs share a key "
        f"= {share:.3f} (target >= 0.97)",
        f"candidates per query: mean {sum(sizes) / len(sizes):.1f}, max {max(sizes)} "
        f"of {len(labelled.people) - 1} persons",
    )
    assert share >= 0.97


def test_recall_at_5_and_precision_above_threshold(
    labelled: Evaluation, capsys: pytest.CaptureFixture[str]
) -> None:
    found = 0
    found_reverse = 0
    proposed = 0
    proposed_right = 0
    for i in labelled.matches:
        ranked = rank(labelled.people[(i, "a")], labelled.candidates((i, "a")), limit=5)
        found += (i, "b") in [key for key, _ in ranked]
        if ranked and ranked[0][1].score >= MATCH_THRESHOLD:
            proposed += 1
            proposed_right += ranked[0][0] == (i, "b")
        reverse = rank(labelled.people[(i, "b")], labelled.candidates((i, "b")), limit=5)
        found_reverse += (i, "a") in [key for key, _ in reverse]
    n = len(labelled.matches)
    recall = found / n
    precision = proposed_right / proposed
    above = sum(
        score(labelled.people[(i, "a")], labelled.people[(i, "b")]).score >= MATCH_THRESHOLD
        for i in labelled.matches
    )
    _report(
        capsys,
        f"recall@5: {found}/{n} = {recall:.3f} (target >= 0.95); "
        f"the other way round (b's counterpart): {found_reverse / n:.3f}",
        f"precision of the top candidate at score >= {MATCH_THRESHOLD}: "
        f"{proposed_right}/{proposed} = {precision:.3f} (target >= 0.95)",
        f"match pairs proposed (score >= {MATCH_THRESHOLD}): {above}/{n} = {above / n:.3f}",
    )
    assert recall >= 0.95
    assert precision >= 0.95


def test_hard_non_matches_score_below_the_threshold(
    labelled: Evaluation, capsys: pytest.CaptureFixture[str]
) -> None:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for i in labelled.nonmatches:
        m = score(labelled.people[(i, "a")], labelled.people[(i, "b")])
        by_kind[labelled.rows[i]["note"]].append(m.score < MATCH_THRESHOLD)
    rejected = sum(sum(v) for v in by_kind.values())
    n = len(labelled.nonmatches)
    # a man of the non-match pairs has no counterpart: any proposal for him is a false one
    queries = [(i, s) for i in labelled.nonmatches for s in ("a", "b")]
    false_proposals = sum(
        bool(r) and r[0][1].score >= MATCH_THRESHOLD
        for r in (rank(labelled.people[q], labelled.candidates(q), limit=1) for q in queries)
    )
    _report(
        capsys,
        f"hard non-matches below {MATCH_THRESHOLD}: {rejected}/{n} = {rejected / n:.3f} "
        "(target >= 0.95)",
        *(f"  {kind}: {sum(v)}/{len(v)}" for kind, v in sorted(by_kind.items())),
        f"men without a counterpart for whom some other record is proposed: "
        f"{false_proposals}/{len(queries)}",
    )
    assert rejected / n >= 0.95
