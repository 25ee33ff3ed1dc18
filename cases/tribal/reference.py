"""Tribes and clans of Anbar, Salahuddin, Nineveh and Baghdad: the first reference list.

Loaded by migration 0002 and ensured after every migrate (a flushed test database gets it back).
Only missing codes are created: what administrators edit in the admin is never overwritten.
The list is a starting point, not a genealogy: affiliations of clans are disputed and change;
administrators correct and extend it.
"""

from __future__ import annotations

#: (code, kind, parent code or "", English name, Arabic name, governorates where present)
TRIBES: tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...] = (
    # The Dulaim confederation and its clans, the largest of Anbar.
    ("dulaim", "confederation", "", "Dulaim", "الدليم", ("ANB", "BGD")),
    ("albu-nimr", "clan", "dulaim", "Albu Nimr", "البو نمر", ("ANB",)),
    ("albu-fahad", "clan", "dulaim", "Albu Fahad", "البو فهد", ("ANB",)),
    ("albu-mahal", "clan", "dulaim", "Albu Mahal", "البو محل", ("ANB",)),
    ("albu-issa", "clan", "dulaim", "Albu Issa", "البو عيسى", ("ANB",)),
    ("albu-alwan", "clan", "dulaim", "Albu Alwan", "البو علوان", ("ANB",)),
    ("albu-dhiyab", "clan", "dulaim", "Albu Dhiyab", "البو ذياب", ("ANB",)),
    ("albu-risha", "clan", "dulaim", "Albu Risha", "البو ريشة", ("ANB",)),
    ("albu-soda", "clan", "dulaim", "Albu Soda", "البو سودة", ("ANB",)),
    ("albu-assaf", "clan", "dulaim", "Albu Assaf", "البو عساف", ("ANB",)),
    ("mahamda", "clan", "dulaim", "Mahamda", "المحامدة", ("ANB",)),
    ("halabsa", "clan", "dulaim", "Halabsa", "الحلابسة", ("ANB",)),
    # Other tribes of Anbar.
    ("jumaila", "tribe", "", "Jumaila", "الجميلات", ("ANB", "BGD")),
    ("karabla", "tribe", "", "Karabla", "الكرابلة", ("ANB",)),
    ("jughaifa", "tribe", "", "Jughaifa", "الجغايفة", ("ANB",)),
    ("aniza", "confederation", "", "Aniza", "عنزة", ("ANB",)),
    # Shammar and its branches (Zoba' around Abu Ghraib and Fallujah).
    ("shammar", "confederation", "", "Shammar", "شمر", ("NIN", "SAL")),
    ("zoba", "tribe", "shammar", "Zoba'", "زوبع", ("ANB", "BGD")),
    # Tribes spread over Salahuddin, Nineveh and Baghdad.
    ("jubour", "tribe", "", "Jubour", "الجبور", ("SAL", "NIN", "BGD")),
    ("obaid", "tribe", "", "Obaid", "العبيد", ("SAL", "NIN", "ANB", "BGD")),
    ("azza", "tribe", "", "Azza", "العزة", ("SAL",)),
    ("janabat", "tribe", "", "Janabat (Janabiyin)", "الجنابات", ("BGD", "SAL")),
    ("albu-nasir", "tribe", "", "Albu Nasir", "البو ناصر", ("SAL",)),
    ("albu-ajeel", "tribe", "", "Albu Ajeel", "البو عجيل", ("SAL",)),
    ("bani-tamim", "tribe", "", "Bani Tamim", "بنو تميم", ("BGD", "SAL")),
    ("mashahda", "tribe", "", "Mashahda", "المشاهدة", ("BGD",)),
    ("tayy", "confederation", "", "Tayy", "طيء", ("NIN",)),
    ("hadidiyin", "tribe", "", "Hadidiyin", "الحديديين", ("NIN",)),
    ("lahib", "tribe", "", "Lahib", "اللهيب", ("NIN",)),
)


def ensure_tribes(tribe_model, governorate_model) -> int:
    """Create the tribes and clans of :data:`TRIBES` whose codes do not exist yet (parents first);
    returns how many were created. Works with the real models and a migration's historical ones."""
    existing = set(tribe_model.objects.values_list("code", flat=True))
    missing = [row for row in TRIBES if row[0] not in existing]
    if not missing:
        return 0
    governorates = {g.code: g for g in governorate_model.objects.all()}
    by_code = {t.code: t for t in tribe_model.objects.all()}
    for code, kind, parent, name_en, name_ar, present in missing:
        tribe = tribe_model.objects.create(
            code=code,
            kind=kind,
            parent=by_code.get(parent) if parent else None,
            name_en=name_en,
            name_ar=name_ar,
        )
        tribe.governorates.set([governorates[c] for c in present if c in governorates])
        by_code[code] = tribe
    return len(missing)
