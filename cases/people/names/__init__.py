"""Matching one man's name across its spellings and scripts.

The same man is محمد عبد الله الدليمي in a tribal referral, "Mohammed Abdullah al-Dulaimi" on a
wanted list, "Muhammad Abdallah Al Dulaimy" at intake, or only "Abu Omar". This package holds the
pure rules (plain functions of plain values, no Django, no database):

* :func:`normalize_arabic`, :func:`normalize_latin`: one comparison key per spelling convention;
* :func:`skeleton`: the consonant skeleton in which both scripts meet (محمد = Mohammed = MHMD);
* :func:`name_keys`: the blocking keys stored with each person for the candidate search;
* :func:`score` and :func:`rank`: how likely two records name one man, with the reasons;
* :data:`MATCH_THRESHOLD`: the score from which a match is proposed to an officer.
"""

from __future__ import annotations

from .arabic import is_arabic, normalize_arabic
from .keys import name_keys
from .latin import normalize_latin
from .parts import NameParts
from .score import MATCH_THRESHOLD, Match, Reason, rank, score
from .skeleton import skeleton

__all__ = [
    "MATCH_THRESHOLD",
    "Match",
    "NameParts",
    "Reason",
    "is_arabic",
    "name_keys",
    "normalize_arabic",
    "normalize_latin",
    "rank",
    "score",
    "skeleton",
]
