"""Latin-script names: the many transliterations of one Arabic name folded to one comparison key.

"al-Dulaimi", "Al Dulaimi", "AL-DULAIMI", "ad-Dulaimi" and "Aldulaimi" are one family name;
"Abdul Rahman", "Abd al-Rahman", "Abdurrahman" and "Abdel Rahman" one given name. Only the
spelling conventions are folded here; which letters sound alike is the skeleton's job.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["latin_tokens", "normalize_latin"]

_APOSTROPHES = re.compile("[ʿʾʼʻ'`’‘´\u02b9\u02bc\u02c8]")
_SPECIAL = str.maketrans(
    {"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ħ": "h"}
)

# The article, written apart: al-, el-, ul- (Abd-ul-), and assimilated before a sun letter.
_ARTICLES = frozenset({"al", "el", "ul", "il"})
_ASSIMILATED = frozenset(
    f"{v}{c}" for v in "aeu" for c in ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")
)
_CONNECTORS = frozenset({"bin", "ibn", "ben", "bint", "bn"})
_ABD = frozenset(
    {"abd", "abdul", "abdel", "abdal", "abdil", "abdol", "abdoul", "abdu", "abdo", "abdur", "abdus"}
)
# "-ud-Din" names: Salah al-Din, Salahuddin, Salah Eddine are the Arabic two words صلاح الدين.
_DIN_WORDS = frozenset(
    {"din", "deen", "dine", "uddin", "eddin", "eddine", "addin", "aldin", "eldin"}
)
_DIN_SUFFIX = re.compile(r"^(?P<head>[a-z]{2,}?)(?:[aeiou][ld]|[aeiou]?d)d(?:in|ine|een)$")
_SUN = ("sh", "th", "dh", "t", "d", "r", "z", "s", "n")


def _assimilated(article: str, nxt: str) -> bool:
    """``ad`` before ``Dulaimi``, ``ash`` before ``Shammari``: an article, not a name."""
    return article in _ASSIMILATED and nxt.startswith(article[1:])


def _is_article(tok: str, nxt: str | None) -> bool:
    return nxt is not None and (tok in _ARTICLES or _assimilated(tok, nxt))


def canon_abd(tok: str) -> str:
    """Abdullah, Abdallah, Abdurrahman, Abdelkader: ``abdul`` + the name of God."""
    if not tok.startswith("abd") or len(tok) < 6:
        return tok
    rest = tok[3:]
    if rest[0] in "aeiou":
        after = rest[1:]
        if after.startswith("l"):
            rest = after[1:]  # abdul-, abdel-, abdal-
        else:
            sun = next((c for c in _SUN if after.startswith(c + c)), None)
            rest = after[len(sun) :] if sun else after  # abdur-rahman, abdu-rahman
    return "abdul" + rest


def _glued_article(tok: str) -> str:
    """ALDULAIMI, Aljubouri: the article glued on, as Iraqi passports print it.

    Stripped only before a consonant other than l, w, y: "Alwani", "Allawi" and "Alani" may be
    the name itself (علواني, علاوي) or the article (العاني); the skeleton keeps both readings.
    """
    if len(tok) >= 5 and tok.startswith("al") and tok[2] not in "aeiouwyl":
        return tok[2:]
    return tok


def latin_tokens(text: str) -> list[str]:
    """The tokens of a Latin-script name, folded as described in :func:`normalize_latin`."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_SPECIAL)
    text = _APOSTROPHES.sub("", text).lower()
    raw = [t for t in re.split(r"[^a-z]+", text) if t]
    tokens: list[str] = []
    i = 0
    while i < len(raw):
        tok = raw[i]
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        if nxt is not None and tok in _CONNECTORS and tokens:
            i += 1
            continue
        if tok in _ABD and nxt is not None:
            j = i + 1
            if j + 1 < len(raw) and _is_article(raw[j], raw[j + 1]):
                j += 1  # Abd al-Rahman, Abd-ul-Karim
            name = raw[j]
            if name.startswith("al") and len(name) > 4 and name[2] not in "aeiou":
                name = name[2:]  # Abd Allah, Abd Alrahman
            tokens.append("abdul" + name)
            i = j + 1
            continue
        if _is_article(tok, nxt):
            i += 1
            continue
        if nxt in ("allah", "ullah") and tok not in ("abu", "abou", "abo"):
            tokens.append(canon_abd(tok + "allah"))  # Nasr Allah, Khair Allah
            i += 2
            continue
        if tokens and tok in _DIN_WORDS:
            tokens.append("din")
        else:
            tok = _glued_article(canon_abd(tok))
            m = _DIN_SUFFIX.match(tok)
            tokens.extend((m["head"], "din") if m else (tok,))
        i += 1
    return tokens


def normalize_latin(text: str) -> str:
    """A comparison key for a Latin-script (transliterated) name.

    Lower-case ASCII: diacritics (ā ḥ ṣ) and the ayn/hamza signs ʿ ʾ ' ` removed, hyphens and
    punctuation turned into spaces; the article (al-, el-, Al , ul-, and ad-/ash-/at-/ar-… before
    a sun letter) dropped, also when glued on before a consonant (ALDULAIMI); Abd-/Abdul-/Abd al-/
    Abdel-/Abdur- compounds joined as ``abdul`` + name (abdulrahman, abdullah), like عبدالرحمن;
    bin/ibn/ben/bint between the parts of a name dropped; "-uddin"/"al-Din" names split like the
    Arabic (salah din); whitespace collapsed.
    """
    return " ".join(latin_tokens(text))
