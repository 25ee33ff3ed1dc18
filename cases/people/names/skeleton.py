"""The phonetic skeleton: where Arabic script and its Latin transliterations meet.

Arabic script writes the consonants and the long vowels (ا و ي) but not the short ones; Latin
transliterations write every vowel, and one Arabic letter has several Latin spellings (ذ is dh,
th, z or d; ق is q, k or g). A name is reduced to two layers:

* the **skeleton**: consonant classes only, where the Latin spellings of one Arabic letter fall
  into one class (all of ت ث د ذ ض ط ظ ز and t th d dh z are ``D``; ق ك غ and q k g gh c are
  ``K``; ح خ ه and h kh are ``H``), with ``A`` for a name that begins with a vowel or ع, and a
  final h dropped (Fatimah/فاطمة, Abdullah/Abdulla/عبدالله). It is short and identical across
  scripts, so it serves as the blocking key: محمد, Mohammed, Muhammad, Mohamed are all ``MHMD``.
* the **shape**: the same consonants with the letter actually written (ذ or dh) and, between
  them, the vowels: the long vowels of the Arabic, the vowel letters of the Latin. Two shapes
  with the same skeleton are aligned consonant by consonant and the differences priced: a short
  vowel the Arabic does not write costs nothing; an Arabic long vowel the Latin contradicts
  (حسين and "Hassan") costs a full point, as does a consonant no Arabic letter is spelt both
  ways ("Hazim" and "Hatim": ز is never t). So Hussein/Husain/حسين agree while Hassan/حسين,
  Mohammed/محمود and Omar/Amer do not, though each pair shares its skeleton.

Where only the short vowels tell two names apart (عمر Umar and "Ammar", حامد Hāmid and "Hamad"),
the vowelled spelling of common names (:mod:`.lexicon`) supplies what the Arabic script leaves
out, and two Latin spellings that can only be read as two different common names ("Zaid" and
"Ziad") are two names. Letters are compared by class, not by sound: this is a model of how
names are transliterated, not of how they are pronounced.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .arabic import arabic_tokens, fold_letters, is_arabic
from .latin import latin_tokens
from .lexicon import names as lexicon_names
from .lexicon import vowelled

__all__ = ["AGREE", "Shape", "compare", "shapes", "skeleton", "skeleton_variants"]

# --- Arabic ---------------------------------------------------------------------------------

_AR_CLASS = {
    "ب": "B",
    "ت": "D",
    "ث": "D",
    "د": "D",
    "ذ": "D",
    "ض": "D",
    "ط": "D",
    "ظ": "D",
    "ز": "D",
    "ج": "J",
    "ح": "H",
    "خ": "H",
    "ه": "H",
    "س": "S",
    "ص": "S",
    "ش": "X",
    "ق": "K",
    "ك": "K",
    "غ": "K",
    "ف": "F",
    "ل": "L",
    "م": "M",
    "ن": "N",
    "ر": "R",
}
# long vowels and the letters that Latin writes as a vowel or not at all: ع and ء (E), and ى,
# which is ā in مصطفى and ī when a clerk types it for ي (Y: either).
_AR_VOWEL = {"ا": "A", "و": "U", "ي": "I", "ى": "Y", "ع": "E", "ء": "E"}
_AR_INITIAL_VOWEL = frozenset("اعء")

# How each Arabic letter is written in Latin script (Iraqi usage included: ق as g, ك as q in
# Mutlaq/مطلك, ث as t in Tamer/ثامر).
_AR_LATIN = {
    "ب": {"b", "p"},
    "ت": {"t"},
    "ث": {"th", "t"},
    "ج": {"j", "g", "dj"},
    "ح": {"h"},
    "خ": {"kh", "h", "x"},
    "د": {"d"},
    "ذ": {"dh", "th", "z", "d"},
    "ر": {"r"},
    "ز": {"z"},
    "س": {"s"},
    "ش": {"sh", "ch"},
    "ص": {"s"},
    "ض": {"dh", "d", "z"},
    "ط": {"t"},
    "ظ": {"dh", "z", "th", "d"},
    "غ": {"gh", "g"},
    "ف": {"f", "ph", "v"},
    "ق": {"q", "k", "g", "c", "ck"},
    "ك": {"k", "c", "ck", "g", "q"},
    "ل": {"l"},
    "م": {"m"},
    "ن": {"n"},
    "ه": {"h"},
    "و": {"w"},
    "ي": {"y"},
    "ا": {""},
    "ع": {""},
    "ء": {""},
}

# --- Latin ----------------------------------------------------------------------------------

_LA_DIGRAPHS = {
    "sh": "X",
    "ch": "X",
    "kh": "H",
    "gh": "K",
    "th": "D",
    "dh": "D",
    "zh": "D",
    "ph": "F",
    "ck": "K",
    "dj": "J",
}
_LA_CLASS = {
    "b": "B",
    "p": "B",
    "t": "D",
    "d": "D",
    "z": "D",
    "s": "S",
    "j": "J",
    "h": "H",
    "x": "H",
    "k": "K",
    "q": "K",
    "g": "K",
    "c": "K",
    "f": "F",
    "v": "F",
    "l": "L",
    "m": "M",
    "n": "N",
    "r": "R",
}
_LA_VOWELS = frozenset("aeiouwy")
# vowel letters: (class, definite, may stand for two Arabic vowels)
_LA_VOWEL_DIGRAPHS = {
    "aa": ("A", True, ""),
    "ee": ("I", True, ""),
    "ii": ("I", True, ""),
    "ie": ("I", True, ""),
    "iy": ("I", True, ""),
    "yi": ("I", True, ""),
    "ai": ("I", True, "AI"),  # Husain (ī), Raid (رائد: ā then i)
    "ay": ("I", True, "AI"),
    "ei": ("I", True, "AI"),
    "ey": ("I", True, "AI"),
    "oo": ("U", True, ""),
    "ou": ("U", True, ""),
    "uu": ("U", True, ""),
    "uw": ("U", True, ""),
    "wu": ("U", True, ""),
    "aw": ("U", True, "AU"),  # Dawood (داود: ā then ū)
    "ow": ("U", True, "AU"),
}
# single vowel letters are ambiguous: a short vowel (unwritten in Arabic) or a long one
_LA_VOWEL_SINGLE = {
    "a": ("A", False, ""),
    "e": ("E", False, ""),  # e is a short a or i
    "i": ("I", False, ""),
    "o": ("U", False, ""),
    "u": ("U", False, ""),
    "y": ("I", True, ""),
    "w": ("U", True, ""),
}

Unit = tuple[str, bool, str]  # vowel class, definite, split


@dataclass(frozen=True, slots=True)
class Shape:
    """One name token (or one name part) analysed for comparison."""

    script: str  # "ar" or "la"
    classes: str  # the skeleton
    letters: tuple[str, ...]  # the letter or digraph behind each class
    slots: tuple[tuple[Unit, ...], ...]  # vowels before, between and after the consonants
    tail: str = ""  # a dropped final h (ح ه خ / h kh), compared separately
    tail_weak: bool = False  # ه or Latin vowel+h: may be a ta marbuta or simply omitted
    known: tuple[bool, ...] = ()  # per slot: its short vowels are known (a vowelled name)


def _merge_units(units: list[Unit]) -> tuple[Unit, ...]:
    """Adjacent vowels of one class are one vowel (Dawood: aw+oo; داوود: و+و)."""
    out: list[Unit] = []
    for u in units:
        prev = out[-1] if out else None
        # a short vowel and then its letter is one long vowel (ِي is ī); but a letter and then
        # a short vowel is a glide with its own vowel (نَايِف Nāyif: ā, y, i)
        if prev and prev[0].upper() == u[0].upper() and u[0] != "E" and u[0].isupper():
            out[-1] = (u[0], prev[1] or u[1], prev[2] or u[2])
        else:
            out.append(u)
    return tuple(out)


def _finish(
    script: str,
    segs: list[tuple[str, str]],
    slots: list[list[Unit]],
    weak: bool,
    known: bool = False,
) -> Shape:
    tail, tail_weak = "", False
    if len(segs) >= 2 and segs[-1][0] == "H":
        tail = segs.pop()[1]
        after = slots.pop()
        slots[-1] = slots[-1] + after
        tail_weak = weak
        if weak and script == "la" and len(segs) >= 2 and segs[-1][0] == "H" and slots[-1]:
            # Talhah (طلحة): the last h writes the ta marbuta, the one before it is the name's
            tail = segs.pop()[1]
            after = slots.pop()
            slots[-1] = slots[-1] + after
            tail_weak = False
    return Shape(
        script=script,
        classes="".join(c for c, _ in segs),
        letters=tuple(g for _, g in segs),
        slots=tuple(_merge_units(s) for s in slots),
        tail=tail,
        tail_weak=tail_weak,
        known=(known,) * len(slots),
    )


# fatha, damma and kasra are short vowels; the dagger alef is a long ā
_SHORT = {"\u064e": "a", "\u064f": "u", "\u0650": "i", "\u0670": "A"}


def _arabic_shape(token: str) -> Shape:
    if token.startswith("عبد") and len(token) > 4:
        # عبد + a name of God, shaped as two words like the Latin; the article inside عبد ال…
        # is not part of the name (Abdurrahman, Abdul Rahman, Abd al-Rahman)
        rest = token[5:] if token.startswith("عبدال") and len(token) > 6 else token[3:]
        return _concat((_arabic_shape("عبد"), _arabic_shape(rest)))
    marked = vowelled(token)
    if marked:
        # in a vowelled name a hamza inside the word is a glottal stop with its own vowel
        # (رَائِد Rāʾid, لُؤَيّ Luʾayy), not the letter of its seat
        marked = marked[0] + "".join("ء" if c in "أإؤئ" else c for c in marked[1:])
    text = fold_letters(marked) if marked else token
    segs: list[tuple[str, str]] = []
    slots: list[list[Unit]] = [[]]
    first = True
    for ch in text:
        if ch in _SHORT:
            slots[-1].append((_SHORT[ch], ch == "\u0670", ""))
            continue
        if not ("\u0621" <= ch <= "\u064a"):
            continue  # sukun, shadda, tanween, digits: no vowel, no consonant
        if first and ch in _AR_INITIAL_VOWEL:
            segs.append(("A", ch))
            slots.append([])
        elif first and ch in "وي":
            segs.append(("W" if ch == "و" else "Y", ch))
            slots.append([])
        elif ch == "ى" and slots[-1][-1:] == [("a", False, "")]:
            slots[-1].append(("A", True, ""))  # alif maqsura after fatha: ā (مُصْطَفَى)
        elif ch in _AR_VOWEL:
            slots[-1].append((_AR_VOWEL[ch], True, ""))
        elif ch in _AR_CLASS:
            if segs and segs[-1][1] == ch and not slots[-1]:
                continue  # the same letter twice: one consonant
            segs.append((_AR_CLASS[ch], ch))
            slots.append([])
        # ة carries neither a consonant nor a vowel the Latin writes consistently
        first = False
    return _finish("ar", segs, slots, weak=bool(segs) and segs[-1][1] == "ه", known=bool(marked))


def _latin_vowels(cluster: str) -> list[Unit]:
    cluster = cluster.replace("yy", "y").replace("ww", "w")
    units: list[Unit] = []
    i = 0
    while i < len(cluster):
        two = cluster[i : i + 2]
        if two in _LA_VOWEL_DIGRAPHS:
            units.append(_LA_VOWEL_DIGRAPHS[two])
            i += 2
        else:
            units.append(_LA_VOWEL_SINGLE[cluster[i]])
            i += 1
    return units


def _latin_shape(token: str) -> Shape:
    if token.startswith("abdul") and len(token) > 5:
        # two words, so that no digraph straddles them (Abdul Hameed is abd + hameed, not "dh")
        return _concat((_latin_shape("abd"), _latin_shape(token[5:])))
    segs: list[tuple[str, str]] = []
    slots: list[list[Unit]] = [[]]
    i = 0
    n = len(token)
    if n and (token[0] in "aeiou" or (token[0] in "wy" and (n == 1 or token[1] not in "aeiou"))):
        segs.append(("A", ""))  # a vowel first (Ysmail is Ismail)
        slots.append([])
    elif n > 1 and token[0] in "wy" and token[1] in "aeiou":
        segs.append(("W" if token[0] == "w" else "Y", token[0]))
        slots.append([])
        i = 1
    while i < n:
        ch = token[i]
        if ch in _LA_VOWELS:
            j = i
            while j < n and token[j] in _LA_VOWELS:
                j += 1
            slots[-1].extend(_latin_vowels(token[i:j]))
            i = j
            continue
        two = token[i : i + 2]
        if two in _LA_DIGRAPHS:
            cls, letter = _LA_DIGRAPHS[two], two
            i += 2
        elif ch in _LA_CLASS:
            cls, letter = _LA_CLASS[ch], ch
            i += 1
        else:  # pragma: no cover - latin_tokens leaves only a-z
            i += 1
            continue
        if segs and segs[-1][1] == letter and not slots[-1]:
            continue  # a doubled letter (shadda): one consonant
        segs.append((cls, letter))
        slots.append([])
    weak = len(segs) >= 2 and segs[-1][1] == "h" and bool(slots[-2])
    return _finish("la", segs, slots, weak=weak)


def _latin_readings(token: str) -> list[str]:
    """A glued "al" before a vowel, l, w or y is the article or part of the name: keep both."""
    if len(token) >= 5 and token.startswith("al") and token[2] in "aeiouwyl":
        return [token, token[2:]]
    return [token]


@lru_cache(maxsize=20000)
def shapes(text: str) -> tuple[Shape, ...]:
    """The readings of a name part (one or more tokens) as shapes; usually just one.

    Tokens are concatenated: a part is compared as a whole ("Abu Bakr" and "Abubakr").
    """
    if is_arabic(text):
        toks = [[_arabic_shape(t)] for t in arabic_tokens(text, keep_final_forms=True)]
    else:
        toks = [[_latin_shape(r) for r in _latin_readings(t)] for t in latin_tokens(text)]
    toks = [t for t in toks if any(s.classes for s in t)]
    if not toks:
        return ()
    return tuple(_concat(combo) for combo in itertools.islice(itertools.product(*toks), 8))


def _concat(parts: tuple[Shape, ...]) -> Shape:
    if len(parts) == 1:
        return parts[0]
    classes = "".join(p.classes for p in parts)
    letters = tuple(g for p in parts for g in p.letters)
    slots: list[tuple[Unit, ...]] = list(parts[0].slots)
    for p in parts[1:]:
        slots[-1] = slots[-1] + p.slots[0]
        slots.extend(p.slots[1:])
    known: list[bool] = list(parts[0].known)
    for p in parts[1:]:
        known[-1] = known[-1] and p.known[0]
        known.extend(p.known[1:])
    last = parts[-1]
    return Shape(
        parts[0].script, classes, letters, tuple(slots), last.tail, last.tail_weak, tuple(known)
    )


def skeleton(text: str) -> str:
    """The phonetic skeleton of a name in either script; tokens separated by a space.

    ``skeleton("محمد") == skeleton("Mohammed") == skeleton("Muhammad") == "MHMD"``;
    ``skeleton("عبد الله") == skeleton("Abdullah") == skeleton("Abd al-Lah") == "ABDL"``.
    """
    if is_arabic(text):
        toks = [_arabic_shape(t) for t in arabic_tokens(text, keep_final_forms=True)]
    else:
        toks = [_latin_shape(_latin_readings(t)[0]) for t in latin_tokens(text)]
    return " ".join(s.classes for s in toks if s.classes)


def skeleton_variants(text: str) -> set[str]:
    """The skeletons of a name part as one word, for every reading (for blocking keys)."""
    return {s.classes for s in shapes(text)}


# --- comparing two shapes -------------------------------------------------------------------

AGREE = 0.85  # the similarity from which two names are taken to be one
_LA_LA_OK = frozenset((x, y) for letters in _AR_LATIN.values() for x in letters for y in letters)
_COST_SCALE = 0.4  # similarity lost per point of cost: one contradiction leaves 0.6


def _letter_cost(a: str, b: str, mode: str) -> float:
    if a == b:
        return 0.0
    if mode == "al":
        return 0.0 if b in _AR_LATIN.get(a, {a}) else 1.0
    if mode == "ll":
        return 0.0 if (a, b) in _LA_LA_OK else 1.0
    # two Arabic letters: the same sound written two ways (ض/ظ, ق/ك, ت/ط) is a lesser slip
    return 0.5 if _AR_LATIN.get(a, set()) & _AR_LATIN.get(b, set()) else 1.0


# An Arabic short vowel (known from the tashkeel) against a Latin vowel of another class: i and
# u vary with the dialect (Yousif for يُوسُف, Jiburi for جُبُوري), a against i or u does not
# (Ammar is not عُمَر, Hamad is not حَامِد).
_DIALECT = 0.3


def _short_vs_latin(short: str, y: Unit) -> float:
    cy = y[0]
    same = (
        (short == "a" and cy in "AE")
        or (short == "i" and cy in "IE")
        or (short == "u" and cy == "U")
    )
    if same:
        return 0.15 if y[1] else 0.0  # a long Latin vowel (aa, ee, ou) for a short one
    if {short, cy} in ({"i", "U"}, {"u", "I"}, {"u", "E"}):
        return _DIALECT
    return 1.0


def _vowel_match(x: Unit, y: Unit, mode: str, initial: bool) -> float:
    cx, cy = x[0], y[0]
    if mode == "al":  # x Arabic, y Latin
        if cx.islower():
            return _short_vs_latin(cx, y)
        if cx == "E":  # ع or ء: silent or an a (Saad, Jumaa); rarely a long u (Souad), never ī
            return 0.0 if (cy == "A" or not y[1]) else 0.3 if cy == "U" else 1.0
        if cx == "Y":
            return 0.0 if cy in "AIE" else 1.0
        if cx == cy or (cx == "I" and cy == "E"):
            return 0.0
        return 0.5 if (cx == "A" and cy == "E") else 1.0
    if mode == "ll":
        if cx == cy or (cx == "E" and cy in "AI") or (cy == "E" and cx in "AI"):
            return 0.0
        if x[1] or y[1]:
            return 1.0  # a long vowel against another vowel: Mahmoud/Mohammed
        # two short vowels: the first one is stable (Omar/Amer are two names), later ones vary
        # with the dialect (Yusuf/Yousif, Yunus/Younis, Mukhlif/Mikhlif)
        return 0.6 if initial else 0.3
    if cx == cy:
        return 0.0
    return 0.3 if ("Y" in (cx, cy) and (cx in "AI" or cy in "AI")) else 1.0


def _vowel_skip(u: Unit, side: str, mode: str, initial: bool, ctx: str) -> float:
    if side == "ar":
        if u[0].islower():
            return 0.35  # a short vowel the Latin leaves out (Fatma, Dleimi)
        return 0.0 if (u[0] == "E" and mode == "al") else 1.0
    if u[1]:
        return 1.0
    if mode == "al":
        # A short vowel, which Arabic script does not write. Where the tashkeel is known, an
        # extra vowel between two consonants is an epenthesis (Najem for نَجْم, Fahad for فَهْد);
        # beside other vowels it is another name (Ziad is not زَيْد, Ammar is not عُمَر).
        return {"": 0.0, "empty": 0.3}.get(ctx, 0.65)
    return 0.35 if initial else 0.25  # a Latin spelling omits a short vowel (Dleimi, Fatma)


def _expansions(units: tuple[Unit, ...]) -> list[tuple[Unit, ...]]:
    """Readings of a Latin slot: "ai" is ī (Husain) or a + ī (Zaid, Raid); "aw" is ū or a + ū."""
    out: list[tuple[Unit, ...]] = [()]
    for u in units:
        alts = [(u,)]
        if u[2]:
            alts.append(((u[2][0], False, ""), (u[2][1], True, "")))
        out = [o + alt for o in out for alt in alts]
    return out


def _slot_cost(
    x: tuple[Unit, ...], y: tuple[Unit, ...], mode: str, initial: bool, known: bool
) -> float:
    """The cheapest alignment of two vowel slots (an edit distance over vowel units)."""
    if mode == "aa":  # two Arabic spellings: compare what is written, not the table's vowels
        x = tuple(u for u in x if not u[0].islower())
        y = tuple(u for u in y if not u[0].islower())
    if not x and not y:
        return 0.0
    xs = _expansions(x) if mode == "ll" else [x]
    return min(_slot_dp(xx, yy, mode, initial, known) for xx in xs for yy in _expansions(y))


def _slot_dp(
    x: tuple[Unit, ...], y: tuple[Unit, ...], mode: str, initial: bool, known: bool
) -> float:
    # what an extra Latin vowel meets: nothing known, a known sukun, or known vowels
    ctx = "" if not known else "vowels" if any(u[0] != "E" for u in x) else "empty"
    side_x = "ar" if mode in ("al", "aa") else "la"
    side_y = "ar" if mode == "aa" else "la"
    inf = float("inf")
    nx, ny = len(x), len(y)
    d = [[inf] * (ny + 1) for _ in range(nx + 1)]
    d[0][0] = 0.0
    for i in range(nx + 1):
        for j in range(ny + 1):
            cur = d[i][j]
            if cur == inf:
                continue
            if i < nx:
                c = _vowel_skip(x[i], side_x, mode, initial, ctx)
                d[i + 1][j] = min(d[i + 1][j], cur + c)
            if j < ny:
                c = _vowel_skip(y[j], side_y, mode, initial, ctx)
                d[i][j + 1] = min(d[i][j + 1], cur + c)
            if i < nx and j < ny:
                c = _vowel_match(x[i], y[j], mode, initial)
                d[i + 1][j + 1] = min(d[i + 1][j + 1], cur + c)
    return d[nx][ny]


def _tail_cost(a: Shape, b: Shape, mode: str) -> float:
    if a.tail and b.tail:
        return _letter_cost(a.tail, b.tail, mode)
    if a.tail or b.tail:
        weak = a.tail_weak if a.tail else b.tail_weak
        return 0.1 if weak else 1.0
    return 0.0


def _aligned_cost(a: Shape, b: Shape) -> float:
    """Cost of two shapes with the same skeleton, aligned consonant by consonant."""
    if a.script == "la" and b.script == "ar":
        a, b = b, a
    mode = {"ar": "a", "la": "l"}[a.script] + {"ar": "a", "la": "l"}[b.script]
    cost = sum(_letter_cost(x, y, mode) for x, y in zip(a.letters, b.letters, strict=True))
    initial = a.classes[:1] == "A"  # slot 1 then holds the name's first vowel
    known = a.known if mode == "al" else (False,) * len(a.slots)
    cost += sum(
        _slot_cost(x, y, mode, initial and k == 1, known[k])
        for k, (x, y) in enumerate(zip(a.slots, b.slots, strict=True))
    )
    return cost + _tail_cost(a, b, mode)


@lru_cache(maxsize=1)
def _lexicon_shapes() -> dict[str, list[tuple[str, Shape]]]:
    index: dict[str, list[tuple[str, Shape]]] = {}
    for name in lexicon_names():
        shape = _arabic_shape(name)
        index.setdefault(shape.classes, []).append((name, shape))
    return index


@lru_cache(maxsize=20000)
def _readings(shape: Shape) -> frozenset[str]:
    """The common Arabic names a Latin spelling can be read as ("Hamid": حامد or حميد)."""
    return frozenset(
        name
        for name, ar in _lexicon_shapes().get(shape.classes, ())
        if 1.0 - _COST_SCALE * _aligned_cost(ar, shape) >= AGREE
    )


def _shape_similarity(a: Shape, b: Shape) -> float:
    if a.classes == b.classes:
        sim = max(0.0, 1.0 - _COST_SCALE * _aligned_cost(a, b))
        if sim > 0.6 and a.script == b.script == "la":
            # two Latin spellings that can only be read as two different common names
            # (Hamid and Hamad, Zaid and Ziad, Omar and Ammar) are two names
            ra, rb = _readings(a), _readings(b)
            if ra and rb and not ra & rb:
                sim = 0.6
        return sim
    # Different skeletons: a slip of the pen or another name. Short names one letter apart
    # are mostly other names (Hamad/Mahmoud, Hamida/Khalida, Muhannad/Mohammed), long ones
    # mostly slips; so one edit leaves 0.6 of a four-letter skeleton and 0.75 of a seven-letter
    # one, and never more than "similar". The shared عبد of compound names is no evidence, and a
    # name that begins with a vowel or ع never loses it in writing (Ahmed/Hamed: two edits).
    x, y = a.classes, b.classes
    if x.startswith("ABD") and y.startswith("ABD") and len(x) > 3 and len(y) > 3:
        x, y = x[3:], y[3:]
    dist = Levenshtein.distance(x, y) + ((x[:1] == "A") != (y[:1] == "A"))
    return min(0.8, max(0.0, 1.0 - 2.0 * dist / (max(len(x), len(y)) + 1)))


@lru_cache(maxsize=200000)
def compare(a: str, b: str) -> float:
    """Similarity in [0, 1] of two names (one part each), in either script.

    1.0: the same name however spelt; 0.75-0.9: a variant or a slip of the pen; 0.6 and below:
    another name (a long vowel or a letter that contradicts, or a different skeleton).
    """
    sa, sb = shapes(a), shapes(b)
    if not sa or not sb:
        return 0.0
    sim = max(_shape_similarity(x, y) for x in sa for y in sb)
    if sim < _TRANSPOSED and _transposed(a, b):
        sim = _TRANSPOSED
    return sim


_TRANSPOSED = 0.8  # two neighbouring letters swapped (حيسن, Kahlid): a slip of the keyboard


def _transposed(a: str, b: str) -> bool:
    """Whether the two names, in one script, differ only by two neighbouring letters swapped."""
    if is_arabic(a) != is_arabic(b):
        return False
    x = "".join(arabic_tokens(a) if is_arabic(a) else latin_tokens(a))
    y = "".join(arabic_tokens(b) if is_arabic(b) else latin_tokens(b))
    if len(x) != len(y) or len(x) < 4:
        return False
    diff = [i for i, (p, q) in enumerate(zip(x, y, strict=True)) if p != q]
    if len(diff) != 2 or diff[1] != diff[0] + 1 or diff[0] == 0:
        return False  # the first letter is rarely the slip (and Ahmed/Hamed are two names)
    i, j = diff
    if x[i] in _VOWEL_LETTERS and x[j] in _VOWEL_LETTERS:
        return False  # Zaid/Ziad: the vowels are the name, not a slip
    return x[i] == y[j] and x[j] == y[i]


_VOWEL_LETTERS = frozenset("aeiouyاويى")
