"""The columns of the lists units send, their headers in Arabic and English, and how a cell's text
becomes a value. Pure functions of plain values (no database), tested with tables.

Units type their lists by hand in Excel: headers come as "Service number", "service_no",
"الرقم العسكري" or "رقم الخدمة", dates as 2015-01-10, 10/1/2015 (day first, as in Iraq) or a real
Excel date, digits in Arabic-Indic form (١٢٣). What cannot be read is a row error with the column
and a message, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext_lazy as _

ABSENCES = "absences"
WANTED = "wanted"

#: Arabic-Indic and Persian digits, read as ASCII digits.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None}
)
_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
_SEPARATORS = re.compile(r"[\s_\-.:/\\#()\[\]'’`\"]+")


def normalize_header(text: str) -> str:
    """A header as compared: lower case, Arabic letters folded (أ إ آ → ا, ة → ه, ى → ي), no
    diacritics, tatweel, punctuation or repeated spaces."""
    text = str(text or "").replace("\ufeff", "").strip().lower()
    text = _DIACRITICS.sub("", text).translate(_ARABIC_FOLD)
    return " ".join(_SEPARATORS.sub(" ", text).split())


def ascii_digits(text: str) -> str:
    return str(text).translate(_DIGITS)


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # a lazy translation
    headers: tuple[str, ...]
    required: bool = False
    help: object = ""
    example: str = ""
    example_ar: str = ""
    #: Normalised headers, computed once.
    names: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "names", frozenset(normalize_header(h) for h in (self.key, *self.headers))
        )


_NAMES = (
    Column(
        "full_name",
        _("Full name (four-part)"),
        ("full name", "name", "الاسم الرباعي", "الاسم الكامل", "الاسم الثلاثي", "الاسم"),
        help=_("Given name, father, grandfather and family in one cell, or in four columns."),
        example="Hussein Ali Khalaf al-Dulaimi",
        example_ar="حسين علي خلف الدليمي",
    ),
    Column(
        "given_name_ar",
        _("Given name"),
        ("given name", "first name", "الاسم الاول"),
        example="Hussein",
        example_ar="حسين",
    ),
    Column(
        "father_name_ar",
        _("Father's name"),
        ("father's name", "father name", "father", "اسم الاب"),
        example="Ali",
        example_ar="علي",
    ),
    Column(
        "grandfather_name_ar",
        _("Grandfather's name"),
        ("grandfather's name", "grandfather name", "grandfather", "اسم الجد"),
        example="Khalaf",
        example_ar="خلف",
    ),
    Column(
        "family_name_ar",
        _("Family or tribe"),
        (
            "family name",
            "family or tribe",
            "family",
            "surname",
            "tribe",
            "اللقب",
            "العشيره",
            "القبيله",
        ),
        example="al-Dulaimi",
        example_ar="الدليمي",
    ),
    Column(
        "mother_name_ar",
        _("Mother's name"),
        ("mother's name", "mother name", "mother", "اسم الام"),
        example="Fatima",
        example_ar="فاطمة",
    ),
)

_BIRTH = Column(
    "birth",
    _("Year or date of birth"),
    (
        "year of birth",
        "birth year",
        "date of birth",
        "born",
        "birth",
        "المواليد",
        "التولد",
        "تولد",
        "سنه الولاده",
        "تاريخ الولاده",
    ),
    example="1990",
    example_ar="1990",
)
_NOTES = Column("notes", _("Notes"), ("notes", "remarks", "ملاحظات", "الملاحظات"))

ABSENCE_COLUMNS: tuple[Column, ...] = (
    Column(
        "service_number",
        _("Service number"),
        (
            "service number",
            "service no",
            "military number",
            "police number",
            "الرقم العسكري",
            "رقم الخدمه",
            "الرقم الاحصائي",
            "الرقم الوظيفي",
        ),
        required=True,
        example="7D-20140611",
        example_ar="7D-20140611",
    ),
    *_NAMES,
    Column("rank", _("Rank"), ("rank", "grade", "الرتبه"), example="Private", example_ar="جندي"),
    Column(
        "unit",
        _("Unit"),
        ("unit", "unit code", "الوحده", "التشكيل"),
        help=_("The unit's code or name; empty: the unit that sends the list."),
    ),
    Column(
        "absent_since",
        _("Absent since"),
        (
            "absent since",
            "absence date",
            "date of absence",
            "date absence began",
            "تاريخ الغياب",
            "تاريخ التغيب",
            "تاريخ الانقطاع",
            "تاريخ الترك",
            "غائب منذ",
        ),
        required=True,
        help=_("A date: 2015-01-10 or 10/01/2015 (day first)."),
        example="2015-01-10",
        example_ar="2015-01-10",
    ),
    Column(
        "circumstances",
        _("Circumstances"),
        ("circumstances", "type of absence", "الظرف", "نوع الغياب", "الحاله"),
        help=_("Fled his post, absent without leave, or harmed himself; empty: absent."),
        example="fled",
        example_ar="هروب",
    ),
    _BIRTH,
    Column(
        "national_id",
        _("National ID"),
        (
            "national id",
            "national id number",
            "id card",
            "رقم الهويه",
            "البطاقه الوطنيه",
            "رقم البطاقه الوطنيه",
        ),
    ),
    _NOTES,
)

WANTED_COLUMNS: tuple[Column, ...] = (
    Column(
        "issuing_authority",
        _("Issuing court or authority"),
        (
            "issuing court",
            "issuing authority",
            "court",
            "authority",
            "issued by",
            "الجهه المصدره",
            "المحكمه",
            "المحكمه المصدره",
            "جهه الاصدار",
        ),
        required=True,
        example="Anbar Investigating Court",
        example_ar="محكمة تحقيق الأنبار",
    ),
    Column(
        "warrant_number",
        _("Warrant number"),
        ("warrant number", "warrant no", "warrant", "رقم المذكره", "رقم مذكره القبض", "رقم الامر"),
        required=True,
        example="1234/2016",
        example_ar="1234/2016",
    ),
    Column(
        "warrant_date",
        _("Warrant date"),
        ("warrant date", "date of warrant", "تاريخ المذكره", "تاريخ مذكره القبض", "تاريخ الامر"),
        required=True,
        example="2016-03-01",
        example_ar="2016-03-01",
    ),
    Column(
        "article",
        _("Article"),
        ("article", "legal article", "charge", "الماده", "الماده القانونيه", "التهمه"),
        example="4/1 Anti-Terrorism",
        example_ar="4/1 إرهاب",
    ),
    *_NAMES,
    _BIRTH,
    Column(
        "governorate",
        _("Governorate"),
        ("governorate", "province", "المحافظه"),
        help=_("Code or name; empty: the list's governorate."),
        example="ANB",
        example_ar="الأنبار",
    ),
    _NOTES,
)

COLUMNS = {ABSENCES: ABSENCE_COLUMNS, WANTED: WANTED_COLUMNS}


def columns_for(kind: str) -> tuple[Column, ...]:
    return COLUMNS[kind]


def column_label(kind: str, key: str) -> object:
    for column in COLUMNS.get(kind, ()):
        if column.key == key:
            return column.label
    return key


@dataclass(frozen=True)
class HeaderMap:
    #: index of the cell -> column key
    keys: dict[int, str]
    #: headers found that match no column (ignored)
    unknown: tuple[str, ...]
    #: required columns the file lacks (keys)
    missing: tuple[str, ...]
    #: columns given twice: key -> the headers
    repeated: dict[str, tuple[str, ...]]


def map_headers(kind: str, headers: list[str]) -> HeaderMap:
    """Which column each header of the file is, in either language. The names may come in one
    cell ("full name") or in their four parts; either is enough."""
    by_name = {name: column.key for column in columns_for(kind) for name in column.names}
    # The labels of the sample file, in both languages, whatever the catalogue says.
    for language in ("en", "ar"):
        with translation.override(language):
            for column in columns_for(kind):
                by_name.setdefault(normalize_header(str(column.label)), column.key)
    keys: dict[int, str] = {}
    seen: dict[str, list[str]] = {}
    unknown = []
    for index, header in enumerate(headers):
        text = str(header or "").strip()
        if not text:
            continue
        key = by_name.get(normalize_header(text))
        if key is None:
            unknown.append(text)
            continue
        seen.setdefault(key, []).append(text)
        keys[index] = key
    repeated = {k: tuple(v) for k, v in seen.items() if len(v) > 1}
    missing = [c.key for c in columns_for(kind) if c.required and c.key not in seen]
    if "full_name" not in seen and not {"given_name_ar", "father_name_ar"} <= seen.keys():
        missing.append("full_name")
    return HeaderMap(keys=keys, unknown=tuple(unknown), missing=tuple(missing), repeated=repeated)


# --- Values --------------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell that cannot be read: ``code`` names the message (see cases.imports.rows)."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d")


def cell_text(value) -> str:
    """A cell as text: an Excel number without its ".0", a date as ISO, digits in ASCII."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(ascii_digits(str(value)).split())


def parse_date(text: str) -> dt.date:
    """A day as units write it: ISO, or day first (10/01/2015); an Excel date-time keeps its
    day. Refuses two-digit years and anything else."""
    text = ascii_digits(text).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?", text):
        text = text[:10]
    for fmt in _DATE_FORMATS:
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if re.search(r"\d{4}", text):
            return day
    raise CellError("date_invalid", value=text[:30])


def parse_birth(text: str, *, today: dt.date) -> tuple[dt.date | None, int | None]:
    """A year of birth (1990) or a date of birth: (date, None) or (None, year)."""
    text = ascii_digits(text).strip()
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if not 1900 <= year <= today.year:
            raise CellError("year_out_of_range", value=text)
        return None, year
    day = parse_date(text)
    if day > today or day.year < 1900:
        raise CellError("year_out_of_range", value=text)
    return day, None


def split_full_name(text: str) -> tuple[str, str, str, str]:
    """A four-part name in one cell: given, father, grandfather, family (what remains). "عبد"
    and "Abd"/"Abdul" join the next word ("عبد الله" is one name); a lone article ("ال", "al")
    joins the word after it."""
    words: list[str] = []
    for word in " ".join(str(text).split()).split(" "):
        if not word:
            continue
        if words and words[-1].lower() in ("عبد", "abd", "abdul", "abdel", "al", "el", "ال"):
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    words += ["", "", "", ""]
    family = " ".join(w for w in words[3:] if w)
    return words[0], words[1], words[2], family
