"""The short vowels of common names, which Arabic script does not write.

Unvowelled, عمر could be read Amar or Imir as well as Umar, so "Ammar" and "Amer" cannot be told
from it by the letters alone; with its tashkeel, عُمَر, they can. This table gives the vowelled
spelling of the given names most common in Anbar, Salahuddin, Nineveh and Baghdad, so that the
skeleton of an Arabic name knows its short vowels (and where there is none, its sukun). A name not
in the table is compared on its written letters only, as before: the table sharpens, it is never
required.
"""

from __future__ import annotations

from .arabic import normalize_arabic

__all__ = ["names", "vowelled"]

_VOWELLED = """
مُحَمَّد أَحْمَد عَلِيّ عُمَر حُسَيْن حَسَن خَالِد عُثْمَان ذِيَاب قَاسِم جَاسِم مَحْمُود مُصْطَفَى
إِبْرَاهِيم يُوسُف إِسْمَاعِيل سَعْد سَعِيد صَالِح سَالِم فَيْصَل حَامِد حَمَد حَمِيد كَاظِم نَاظِم
فَاضِل عَبَّاس حَيْدَر مَرْوَان مُثَنَّى عُدَيّ قُصَيّ رَعْد رِيَاض سَتَّار جَبَّار فَلَاح ثَامِر نَوَّاف
وَلِيد زِيَاد زَيْد يَاسِر بَكْر حَمْزَة بِلَال أَنَس حَارِث عَادِل صَلَاح حَازِم حَاتِم غَانِم ظَافِر
شَاكِر شِهَاب صَبَاح طَارِق طَلَال يُونُس وِسَام مَازِن لُؤَيّ إِيَاد عَمَّار غَازِي سُلْطَان خَمِيس
جُمْعَة أَيُّوب سُلَيْمَان دَاوُد هَيْثَم رَائِد وَائِل مَاهِر مُنْذِر مُهَنَّد سَيْف نَبِيل جَمَال كَمَال
أَكْرَم أُسَامَة يَحْيَى عِيسَى مُوسَى هَادِي مَهْدِي ضَارِي نَايِف فَرْحَان صَبْرِي نُورِي مَجِيد مَاجِد
سَامِي فَارُوق رَشِيد حَمُّود عَلَّاوِي عَلْوَان حَسُّون سَلْمَان عَامِر كَرِيم مُؤَيَّد لَيْث مَنْصُور
طَه يَاسِين مُعَاذ ثَائِر خَلَف عَوَّاد عُبَيْد فَيَّاض نَجْم فَرَج عَطِيَّة ظَاهِر عَزِيز شَلَّال
مُخْلِف أَمِير عُمَيْر بَاسِم عِمَاد نِزَار رَافِع ضِيَاء عَلَاء عَدْنَان صَدَّام سَمِير هِشَام فِرَاس
أَيْمَن أَمْجَد نَاصِر مُنِير جَلَال عِصَام حُسَام خَلِيل إِدْرِيس زُهَيْر قَيْس مُعْتَز حَمَّادِي
خَطَّاب حَفْص طَلْحَة مُصْعَب قَتَادَة يَعْقُوب حُذَيْفَة
فَاطِمَة خَدِيجَة زَيْنَب عَائِشَة مَرْيَم أَمِينَة حَمِيدَة سَلْمَى نَادِيَة لَيْلَى سَمِيرَة هُدَى
صَبِيحَة وَحِيدَة نَعِيمَة جَمِيلَة كَرِيمَة خَالِدَة إِيمَان سُعَاد نَوَال وِدَاد رَجَاء سِهَام حَلِيمَة
كَوْثَر أَمَل بُشْرَى جِنَان عَفَاف هَنَاء
"""

_TABLE = {normalize_arabic(name): name for name in _VOWELLED.split()}


def vowelled(token: str) -> str | None:
    """The vowelled spelling of a common name (``token`` in any spelling), or None."""
    return _TABLE.get(normalize_arabic(token))


def names() -> tuple[str, ...]:
    """Every name in the table, unvowelled (as keys)."""
    return tuple(_TABLE)
