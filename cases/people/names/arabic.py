"""Arabic-script names: folding the spellings one name is written in down to one comparison key.

A clerk may write أحمد or احمد, فاطمة or فاطمه, مصطفى or مصطفي, عبد الله or عبدالله, with or
without diacritics (tashkeel) and tatweel, on an Arabic or a Persian keyboard (ی, ک in Kirkuk).
``normalize_arabic`` removes those differences; it is a comparison key, not a display form.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["arabic_tokens", "fold_letters", "is_arabic", "normalize_arabic"]

# Tashkeel, Quranic marks and the superscript alef; tatweel (U+0640) is a stretched joint.
_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]"
)
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")

_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ٲ": "ا",
        "ٳ": "ا",
        "ٵ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ی": "ي",  # Persian yeh
        "ې": "ي",
        "ۍ": "ي",
        "ے": "ي",
        "ک": "ك",  # Persian keheh
        "ڪ": "ك",
        "گ": "ك",  # Iraqi /g/ typed on a Persian layout
        "ڤ": "ف",
        "پ": "ب",
        "چ": "ج",
        "ۀ": "ه",
        "ە": "ه",
        "ھ": "ه",
        "،": " ",
        "؛": " ",
        "؟": " ",
        "٫": " ",
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Extended (Persian) digits
    }
)

# "son of" / "daughter of" between the parts of a name chain
_CONNECTORS = frozenset({"بن", "ابن", "بنت"})
# Words that begin with ا-ل without it being the article.
_NOT_ARTICLE = frozenset({"الياس", "الهام", "الفت", "الطاف", "الماس"})
_COMPOUND_HEAD = "عبد"  # عبد + a name of God: one name, however it is spaced
_GOD = "الله"


def is_arabic(text: str) -> bool:
    """Whether ``text`` is written (mostly) in Arabic script."""
    ar = len(_ARABIC_LETTER.findall(text))
    return ar > 0 and ar >= len(_LATIN_LETTER.findall(text))


def fold_letters(text: str) -> str:
    """Letter variants folded (hamza seats, Persian letters), tashkeel and ة ى kept."""
    return unicodedata.normalize("NFKC", text).replace("آ", "اا").translate(_LETTERS)


def _fold(text: str, *, keep_final_forms: bool) -> str:
    """Letters folded; with ``keep_final_forms`` ة, ى and ء survive (the skeleton needs them)."""
    text = unicodedata.normalize("NFKC", text)
    text = _MARKS.sub("", text)
    # آ is alef + a long a: keep the length for the skeleton, fold to ا for the key
    text = text.replace("آ", "اا" if keep_final_forms else "ا")
    text = text.translate(_LETTERS)
    if not keep_final_forms:
        text = text.replace("ة", "ه").replace("ى", "ي").replace("ء", "")
    return re.sub(r"[^\w\s]|_", " ", text)


def _strip_article(token: str) -> str:
    if token.startswith("ال") and len(token) > 3 and token not in _NOT_ARTICLE:
        return token[2:]
    return token


def arabic_tokens(text: str, *, keep_final_forms: bool = False) -> list[str]:
    """The tokens of an Arabic name, folded, compounds joined, connectors and article dropped."""
    raw = _fold(text, keep_final_forms=keep_final_forms).split()
    tokens: list[str] = []
    i = 0
    while i < len(raw):
        tok = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        if tok in _CONNECTORS and tokens and nxt is not None:
            i += 1
            continue
        if tok in ("ال", "اال") and nxt is not None:  # آل "the family of", written apart
            i += 1
            continue
        if tok == _COMPOUND_HEAD and nxt is not None:
            tok, i = tok + nxt, i + 1
        elif nxt == _GOD and tok not in _CONNECTORS and tok != "ابو":
            # نصر الله, خير الله, عطا الله: one name, written as one word in Latin
            tok, i = tok + nxt, i + 1
        tokens.append(tok)
        i += 1
    return [t if t.startswith(_COMPOUND_HEAD) else _strip_article(t) for t in tokens]


def normalize_arabic(text: str) -> str:
    """A comparison key for an Arabic-script name.

    Removes tashkeel and tatweel; folds أ إ آ ٱ to ا, ة to ه, ى to ي, ؤ to و, ئ to ي and drops a
    standalone ء; maps Persian letters and Arabic-Indic digits; joins "عبد ال…" compounds into one
    token (عبد الله → عبدالله); drops بن/ابن/بنت between the parts of a name; strips the article
    ال from each token (الدليمي → دليمي) but not inside a compound; collapses whitespace.
    """
    return " ".join(arabic_tokens(text))
