"""Generate ``name_pairs.csv``: labelled pairs of Iraqi person records for the name matcher.

Run from the repository root::

    .venv/bin/python tests/people/data/make_name_pairs.py

The CSV is committed; ``tests/people/test_names.py`` checks that this script still produces it
byte for byte. The script is deterministic (one fixed seed) and deliberately imports nothing from
``cases.people.names``: the data describe how Iraqi names are really written, not what the
matcher happens to handle.

Every pair is built from fresh invented persons (given name, father, grandfather, family or
tribe name, mother, birth year, governorate, kunya), so no two pairs describe the same man
unless a pair says so. Each side is then *written down* the way a clerk would: in Arabic script
(with or without hamza, ta marbuta written as ha, alif maqsura as ya, diacritics, tatweel,
"عبد الله" spaced or joined, a Persian keyboard in Kirkuk) or in Latin script (one of the
transliterations in use for each name, the article as al-/Al-/Al /el-/ad-/ash- or dropped or
glued on in passport capitals, scholarly diacritics now and then), sometimes with a one-letter
typo. Matches are two writings of one person; hard non-matches are two different persons who
look alike: brothers, cousins, a father and his son, namesakes with the same very common name,
the same full name with another mother or born fifteen years apart, the same kunya.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, replace
from pathlib import Path

SEED = 20250117
OUT = Path(__file__).with_name("name_pairs.csv")
N_MATCH = {
    "ar-lat": 55,
    "lat-lat": 45,
    "ar-ar": 30,
    "family missing on one side": 25,
    "grandfather on one side, family on the other": 20,
    "kunya only, real name as alias": 10,
    "kunya only, kunya on the other record": 10,
    "kunya only, kunya in the other's aliases": 10,
    "one-letter typo": 25,
}
N_NONMATCH = {
    "brothers": 45,
    "brothers with names of one root": 25,
    "cousins": 35,
    "same common given name, different father": 35,
    "same full name, different mother": 30,
    "same full name, born 15 years apart": 25,
    "father and son": 30,
    "same kunya, different men": 30,
}

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
HEADER = ["label", *(f"a_{f}" for f in FIELDS), *(f"b_{f}" for f in FIELDS), "note"]


@dataclass(frozen=True)
class Nm:
    """A name: its Arabic spelling and its Latin spellings, the most usual first."""

    ar: str
    lat: tuple[str, ...]
    weight: int = 1


def _table(text: str) -> tuple[Nm, ...]:
    """Parse lines ``arabic = Latin 1 / Latin 2 ; weight``."""
    out = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        ar, rest = (s.strip() for s in line.split("=", 1))
        rest, _, weight = rest.partition(";")
        lat = tuple(s.strip() for s in rest.split("/"))
        out.append(Nm(ar, lat, int(weight or 1)))
    return tuple(out)


# Men's names as they occur in Anbar, Salahuddin, Nineveh and Baghdad, with their usual
# transliterations. Weights are rough frequencies.
MALE = _table(
    """
    محمد = Mohammed / Muhammad / Mohamed / Mohammad / Mohamad / Muhammed ; 14
    أحمد = Ahmed / Ahmad ; 7
    علي = Ali / Aly ; 6
    عمر = Omar / Umar / Omer ; 5
    حسين = Hussein / Husain / Hussain / Hosein / Husayn / Hussien ; 4
    حسن = Hassan / Hasan ; 3
    عبد الله = Abdullah / Abdallah / Abd Allah / Abdulla / Abdalla / Abd al-Lah ; 5
    عبد الرحمن = Abdulrahman / Abdul Rahman / Abd al-Rahman / Abdurrahman / Abdel Rahman ; 3
    خالد = Khalid / Khaled ; 4
    عثمان = Othman / Uthman / Osman ; 2
    ذياب = Dhiyab / Thiab / Ziyab / Diab / Dhiab ; 1
    قاسم = Qasim / Kasim / Gasim / Qassim / Kassim ; 2
    جاسم = Jasim / Jassim / Jasem / Jassem ; 3
    محمود = Mahmoud / Mahmood / Mahmud ; 3
    مصطفى = Mustafa / Mustapha / Mostafa ; 3
    إبراهيم = Ibrahim / Ebrahim / Ibraheem ; 3
    يوسف = Yousif / Yusuf / Yousef / Youssef / Yosif ; 2
    إسماعيل = Ismail / Ismael / Esmail / Ismaeel ; 2
    سعد = Saad / Sa'ad / Saad ; 2
    سعيد = Saeed / Said / Sa'id ; 1
    صالح = Saleh / Salih ; 2
    سالم = Salem / Salim ; 2
    فيصل = Faisal / Faysal / Feisal ; 1
    حامد = Hamid / Hamed ; 2
    حمد = Hamad ; 2
    حميد = Hameed / Hamid ; 1
    كاظم = Kadhim / Kazim / Kathim / Kadim ; 1
    ناظم = Nadhim / Nazim / Nathim ; 1
    فاضل = Fadhil / Fadil / Fazil / Fadel ; 1
    عباس = Abbas ; 2
    مروان = Marwan ; 2
    مثنى = Muthanna / Muthana / Mothana ; 1
    عدي = Uday / Udai / Oday ; 1
    قصي = Qusay / Qusai / Qussay ; 1
    رعد = Raad / Ra'ad ; 1
    رياض = Riyadh / Riyad / Riad ; 1
    ستار = Sattar / Satar ; 1
    جبار = Jabbar / Jabar ; 1
    فلاح = Falah ; 1
    ثامر = Thamer / Thamir / Tamer ; 1
    نواف = Nawaf / Nawwaf ; 1
    وليد = Waleed / Walid ; 2
    زياد = Ziyad / Ziad / Zyad ; 2
    زيد = Zaid / Zayd / Zeid ; 1
    ياسر = Yasir / Yaser / Yasser ; 2
    بكر = Bakr ; 1
    حمزة = Hamza / Hamzah ; 2
    بلال = Bilal / Belal ; 1
    أنس = Anas ; 1
    حارث = Harith / Hareth ; 1
    عادل = Adil / Adel ; 1
    صلاح = Salah ; 1
    حازم = Hazim / Hazem ; 1
    حاتم = Hatim / Hatem ; 1
    غانم = Ghanim / Ghanem ; 1
    ظافر = Dhafer / Dhafir / Zafer / Thafer ; 1
    شاكر = Shakir / Shaker ; 1
    شهاب = Shihab / Shehab ; 1
    صباح = Sabah ; 1
    طارق = Tariq / Tarek / Tareq ; 1
    طلال = Talal ; 1
    يونس = Younis / Yunus / Younes ; 1
    وسام = Wissam / Wisam / Wesam ; 1
    مازن = Mazin / Mazen ; 1
    لؤي = Luay / Loay / Louay ; 1
    إياد = Iyad / Eyad / Ayad ; 1
    عمار = Ammar ; 2
    غازي = Ghazi ; 1
    مشعل = Mishal / Mishaal / Meshal ; 1
    سلطان = Sultan ; 1
    خميس = Khamis / Khamees ; 1
    جمعة = Jumaa / Juma / Jomaa / Jumah ; 1
    أيوب = Ayoub / Ayyub / Ayub ; 1
    سليمان = Sulaiman / Suleiman / Sulayman ; 1
    داود = Dawood / Dawud / Daoud ; 1
    عبد الكريم = Abdulkarim / Abdul Kareem / Abd al-Karim ; 1
    عبد العزيز = Abdulaziz / Abdul Aziz / Abdelaziz ; 1
    عبد الستار = Abdulsattar / Abdul Sattar / Abd al-Sattar ; 1
    عبد الرزاق = Abdulrazzaq / Abdul Razzaq / Abdulrazaq / Abd al-Razzaq ; 1
    عبد الجبار = Abduljabbar / Abdul Jabbar ; 1
    عبد السلام = Abdulsalam / Abdussalam / Abdul Salam ; 1
    عبد الحميد = Abdulhamid / Abdul Hameed ; 1
    عبد اللطيف = Abdullatif / Abdul Latif ; 1
    عبد الوهاب = Abdulwahab / Abdul Wahhab ; 1
    عبد القادر = Abdulqadir / Abdul Qader / Abdelkader ; 1
    هيثم = Haitham / Haytham / Heitham ; 1
    رائد = Raed / Ra'id / Raid ; 1
    وائل = Wael / Wa'il / Wail ; 1
    ماهر = Maher / Mahir ; 1
    منذر = Munther / Mundhir / Monther ; 1
    مهند = Muhannad / Mohanad / Mohannad ; 1
    سيف = Saif / Sayf / Seif ; 1
    نبيل = Nabil / Nabeel ; 1
    جمال = Jamal ; 1
    كمال = Kamal ; 1
    أكرم = Akram ; 1
    أسامة = Osama / Usama / Usamah / Oussama ; 1
    يحيى = Yahya / Yehia / Yahia ; 1
    عيسى = Issa / Eisa / Essa ; 1
    موسى = Musa / Mousa / Moussa ; 1
    هادي = Hadi ; 1
    مهدي = Mahdi / Mehdi ; 1
    ضاري = Dhari / Dari ; 1
    نايف = Naif / Nayef / Nayif ; 1
    فرحان = Farhan ; 1
    صبري = Sabri / Sabry ; 1
    نوري = Nouri / Nuri ; 1
    مجيد = Majeed / Majid ; 1
    ماجد = Majid / Majed ; 1
    سامي = Sami ; 1
    فاروق = Farouq / Farouk / Faruq ; 1
    رشيد = Rasheed / Rashid ; 1
    حمود = Hammoud / Hamoud / Hamood ; 1
    علاوي = Allawi / Alawi ; 1
    علوان = Alwan ; 1
    حسون = Hassoun / Hassun ; 1
    سلمان = Salman ; 1
    عامر = Amer / Aamer / Amir ; 1
    كريم = Karim / Kareem ; 1
    مؤيد = Muayad / Moayad / Muayyad ; 1
    ليث = Laith / Layth / Leith ; 1
    منصور = Mansour / Mansur ; 1
    طه = Taha ; 1
    ياسين = Yaseen / Yassin / Yasin ; 1
    معاذ = Muath / Moath / Muadh ; 1
    ثائر = Thaer / Tha'ir ; 1
    صلاح الدين = Salahuddin / Salah al-Din / Salah Eddin ; 1
    نور الدين = Nuraldin / Nour al-Din / Noureddin ; 1
    عز الدين = Izzaldin / Izz al-Din / Ezzeddine ; 1
    أبو بكر = Abu Bakr / Abubakr / Abobaker ; 1
    """
)

# Older names, frequent among grandfathers in the tribal areas.
ELDER = _table(
    """
    خلف = Khalaf ; 2
    عواد = Awad / Awwad ; 2
    عبيد = Obaid / Ubaid / Obeid ; 2
    مطلك = Mutlak / Mutlag / Mutlaq ; 1
    فياض = Fayyadh / Fayadh / Fayad ; 1
    حردان = Hardan ; 1
    جدوع = Jaddoua / Jadoo / Jaddou ; 1
    عكلة = Agla / Akla / Aqla ; 1
    شلال = Shallal / Shalal ; 1
    عزيز = Aziz ; 1
    فرج = Faraj ; 1
    مخلف = Mikhlif / Mukhlif / Mekhlef ; 1
    حمادي = Hamadi / Hammadi ; 1
    نجم = Najm / Najem ; 1
    شهاب = Shihab / Shehab ; 1
    ضاحي = Dhahi / Dahi ; 1
    عطية = Atiya / Attiyah / Atiyah ; 1
    ظاهر = Dhahir / Zahir / Thahir ; 1
    كردي = Kurdi ; 1
    """
)

FEMALE = _table(
    """
    فاطمة = Fatima / Fatma / Fatimah ; 4
    خديجة = Khadija / Khadijah / Khadeeja ; 3
    زينب = Zainab / Zaynab / Zeinab ; 2
    عائشة = Aisha / Ayesha / A'isha / Aysha ; 3
    مريم = Maryam / Mariam ; 2
    أمينة = Amina / Ameena / Aminah ; 2
    حميدة = Hamida / Hameeda ; 1
    سلمى = Salma ; 1
    نادية = Nadia / Nadiya ; 1
    ليلى = Layla / Laila / Leila ; 1
    سميرة = Samira / Sameera ; 1
    هدى = Huda / Hoda ; 1
    صبيحة = Sabiha / Sabeeha ; 1
    وحيدة = Wahida / Waheeda ; 1
    نعيمة = Naima / Na'ima / Naeema ; 1
    جميلة = Jamila / Jameela ; 1
    كريمة = Karima / Kareema ; 1
    رسمية = Rasmiya / Rasmiyah ; 1
    بدرية = Badriya / Badriyah ; 1
    شكرية = Shukriya / Shukriyah ; 1
    خالدة = Khalida / Khaleda ; 1
    إيمان = Iman / Eman ; 1
    سعاد = Suad / Souad / Su'ad ; 1
    نوال = Nawal ; 1
    وداد = Widad / Wedad ; 1
    رجاء = Rajaa / Raja ; 1
    سهام = Siham / Seham ; 1
    حليمة = Halima / Haleema ; 1
    شيماء = Shaimaa / Shayma ; 1
    كوثر = Kawthar / Kawther / Kauthar ; 1
    سعدية = Saadiya / Sa'diya ; 1
    مديحة = Madiha / Madeeha ; 1
    أمل = Amal ; 1
    هيفاء = Haifa / Haifaa ; 1
    بشرى = Bushra ; 1
    جنان = Jinan / Jenan ; 1
    غنية = Ghaniya / Ghania ; 1
    عفاف = Afaf ; 1
    """
)

# Sons' names used in kunyas, and the noms de guerre of the fighters.
KUNYA_SON = _table(
    """
    عمر = Omar / Umar ; 5
    محمد = Mohammed / Muhammad / Mohamed ; 4
    أحمد = Ahmed / Ahmad ; 3
    علي = Ali ; 3
    عبد الله = Abdullah / Abdallah ; 3
    حمزة = Hamza / Hamzah ; 2
    معاذ = Muath / Moath / Muadh ; 2
    بكر = Bakr ; 2
    خطاب = Khattab / Khatab ; 1
    حفص = Hafs ; 1
    طلحة = Talha / Talhah ; 1
    مصعب = Musab / Mus'ab / Mosab ; 1
    قتادة = Qatada / Qatadah / Katada ; 1
    دجانة = Dujana / Dujanah ; 1
    البراء = al-Baraa / Baraa / al-Bara' ; 1
    أنس = Anas ; 1
    أسامة = Osama / Usama ; 1
    عبد الرحمن = Abdulrahman / Abd al-Rahman ; 1
    يعقوب = Yaqub / Yacoub / Yakub ; 1
    خالد = Khalid / Khaled ; 2
    يوسف = Yousif / Yusuf ; 1
    سيف = Saif / Sayf ; 1
    مصطفى = Mustafa / Mostafa ; 1
    ياسر = Yasir / Yasser ; 1
    جاسم = Jasim / Jassim ; 1
    """
)


@dataclass(frozen=True)
class Family:
    """A family or tribe name (nisba): Arabic with its article, Latin cores without it."""

    ar: str
    lat: tuple[str, ...]
    govs: tuple[str, ...]
    tribe: Nm | None
    weight: int = 1


def _tribe(ar: str, lat: str) -> Nm:
    return Nm(ar, tuple(s.strip() for s in lat.split("/")))


T_DULAIM = _tribe("الدليم", "al-Dulaim / Dulaim / Al Dulaim")
T_JUBOUR = _tribe("الجبور", "al-Jubour / Jubour / al-Jibour")
T_OBAID = _tribe("العبيد", "al-Obaid / Ubaid / al-Ubayd")
T_FAHD = _tribe("البو فهد", "Albu Fahd / Al Bu Fahd / Albu Fahad")
T_ALWAN = _tribe("البو علوان", "Albu Alwan / Al Bu Alwan")
T_NIMR = _tribe("البو نمر", "Albu Nimr / Al Bu Nimr / Albunimr")
T_ISSA = _tribe("البو عيسى", "Albu Issa / Al Bu Eisa")
T_KARABLA = _tribe("الكرابلة", "al-Karabla / Karabila")
T_MASHAHDA = _tribe("المشاهدة", "al-Mashahda / Mashahda")
T_TAMIM = _tribe("تميم", "Tamim / Bani Tamim")
T_SHAMMAR = _tribe("شمر", "Shammar / Shamar")
T_JANABI = _tribe("الجنابيين", "al-Janabiyin / Janabiyeen")
T_ZOBA = _tribe("زوبع", "Zoba / Zawba / Zobaa")
T_HALABSA = _tribe("الحلابسة", "al-Halabsa / Halabisa")
T_AZZA = _tribe("العزة", "al-Azza / Azza")
T_TAI = _tribe("طي", "Tai / Tayy")
T_JUMAILAT = _tribe("الجميلات", "al-Jumailat / Jumaylat")
T_MAHAL = _tribe("البو محل", "Albu Mahal / Al Bu Mahal")
T_ANAZA = _tribe("عنزة", "Anaza / Aneza / Anizah")
T_LAHEEB = _tribe("اللهيب", "al-Luhaib / Lihaib")

FAMILIES: tuple[Family, ...] = (
    Family(
        "الدليمي", ("Dulaimi", "Dulaymi", "Dleimi", "Duleimi", "Dulaimy"), ("ANB",), T_DULAIM, 6
    ),
    Family(
        "الجبوري",
        ("Jubouri", "Jiburi", "Jubori", "Juburi", "Jabouri"),
        ("SAL", "NIN", "BGD", "KRK"),
        T_JUBOUR,
        6,
    ),
    Family("العبيدي", ("Obaidi", "Ubaydi", "Obeidi", "Ubaidi"), ("SAL", "KRK", "BGD"), T_OBAID, 4),
    Family("الفهداوي", ("Fahdawi", "Fahadawi"), ("ANB",), T_FAHD, 3),
    Family("العلواني", ("Alwani", "Alwany"), ("ANB",), T_ALWAN, 3),
    Family("الراوي", ("Rawi", "Rawy"), ("ANB", "BGD"), None, 3),
    Family("الكربولي", ("Karbouli", "Karbuli", "Karbooli"), ("ANB",), T_KARABLA, 2),
    Family("المشهداني", ("Mashhadani", "Mashadani", "Mashhadany"), ("BGD", "SAL"), T_MASHAHDA, 3),
    Family("التميمي", ("Tamimi", "Temimi", "Tamimy"), ("BGD", "DIY"), T_TAMIM, 3),
    Family("الشمري", ("Shammari", "Shamari", "Shemmari"), ("NIN", "ANB"), T_SHAMMAR, 3),
    Family("الجنابي", ("Janabi", "Jannabi"), ("BGD",), T_JANABI, 3),
    Family(
        "الزوبعي", ("Zobaie", "Zoba'i", "Zubaie", "Zawba'i", "Zobai"), ("BGD", "ANB"), T_ZOBA, 3
    ),
    Family("العيساوي", ("Issawi", "Essawi", "Eisawi", "Isawi"), ("ANB",), T_ISSA, 3),
    Family("الحلبوسي", ("Halbousi", "Halbusi", "Halbosi"), ("ANB",), T_HALABSA, 2),
    Family("النمراوي", ("Nimrawi", "Nemrawi", "Nimrawy"), ("ANB",), T_NIMR, 2),
    Family("العاني", ("Ani", "Aani", "Anee"), ("ANB",), None, 3),
    Family("الهيتي", ("Hiti", "Heeti", "Hitti"), ("ANB",), None, 2),
    Family("الحديثي", ("Hadithi", "Hadeethi"), ("ANB",), None, 2),
    Family("الكبيسي", ("Kubaisi", "Kubaysi", "Kubeisi"), ("ANB",), None, 2),
    Family("المحمدي", ("Mohammedi", "Muhammadi", "Mohamadi"), ("ANB",), T_DULAIM, 2),
    Family("الجميلي", ("Jumaili", "Jumayli", "Jumaily"), ("ANB", "BGD"), T_JUMAILAT, 2),
    Family("السامرائي", ("Samarrai", "Samarra'i", "Samaraie"), ("SAL",), None, 2),
    Family("التكريتي", ("Tikriti", "Tekriti"), ("SAL",), None, 1),
    Family("الدوري", ("Douri", "Duri", "Dury"), ("SAL",), None, 2),
    Family("العزاوي", ("Azzawi", "Azawi"), ("DIY", "BGD"), T_AZZA, 2),
    Family("البياتي", ("Bayati", "Bayaty"), ("KRK", "SAL"), None, 2),
    Family("الطائي", ("Taie", "Ta'i", "Tai"), ("NIN",), T_TAI, 2),
    Family("الحمداني", ("Hamdani", "Hamdany"), ("NIN",), None, 2),
    Family("اللهيبي", ("Luhaibi", "Lehaibi", "Luhaybi"), ("NIN", "SAL"), T_LAHEEB, 2),
    Family("السبعاوي", ("Sabawi", "Sab'awi"), ("NIN",), None, 1),
    Family("الحيالي", ("Hayali", "Hayyali"), ("NIN",), None, 1),
    Family("العكيدي", ("Ogaidi", "Okaidi", "Uqaidi", "Egaidi"), ("NIN",), None, 1),
    Family("البدراني", ("Badrani", "Badrany"), ("NIN",), None, 1),
    Family("الجحيشي", ("Juhaishi", "Jhaishi", "Juhayshi"), ("NIN",), None, 1),
    Family("النعيمي", ("Nuaimi", "Naimi", "Nuaymi"), ("NIN", "ANB"), None, 2),
    Family("المرسومي", ("Marsoumi", "Marsumi"), ("ANB", "SAL"), None, 1),
    Family("الفلاحي", ("Falahi", "Fallahi"), ("ANB",), None, 1),
    Family("المحلاوي", ("Mahalawi", "Mahallawi"), ("ANB",), T_MAHAL, 1),
    Family("الجغيفي", ("Jughaifi", "Jgheifi", "Jughayfi"), ("ANB",), None, 1),
    Family("العنزي", ("Anazi", "Enezi", "Anizi"), ("ANB",), T_ANAZA, 1),
)

GOVS = ("ANB", "SAL", "NIN", "BGD", "KRK", "DIY")
# Brothers are often given names of one root or one sound: Hassan and Hussein (twins above all),
# Mohammed and Mahmoud, Omar and Ammar. Their skeletons are the same or one letter apart.
SIBLING_NAMES = (
    ("حسن", "حسين"),
    ("حسن", "حسين"),
    ("محمد", "محمود"),
    ("عمر", "عمار"),
    ("عمر", "عامر"),
    ("سعد", "سعيد"),
    ("زيد", "زياد"),
    ("حامد", "حمد"),
    ("حمد", "حمود"),
    ("ماجد", "مجيد"),
    ("حسن", "حسون"),
    ("سالم", "سلمان"),
    ("ياسر", "ياسين"),
    ("علي", "علاوي"),
)
SUN = ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")
SCHOLARLY = {
    "محمد": "Muḥammad",
    "عمر": "ʿUmar",
    "حسين": "Ḥusayn",
    "عبد الله": "ʿAbd Allāh",
    "عبد الرحمن": "ʿAbd al-Raḥmān",
    "علي": "ʿAlī",
    "خالد": "Khālid",
    "عثمان": "ʿUthmān",
    "إبراهيم": "Ibrāhīm",
    "محمود": "Maḥmūd",
    "صالح": "Ṣāliḥ",
    "حامد": "Ḥāmid",
    "سعيد": "Saʿīd",
    "يوسف": "Yūsuf",
}


@dataclass(frozen=True)
class Person:
    given: Nm
    father: Nm
    grandfather: Nm
    family: Family
    mother: Nm
    birth_year: int
    governorate: str
    kunya: Nm | None  # the son's name in "Abu <son>"


# --- drawing persons ---------------------------------------------------------------------------


def pick(rng: random.Random, table: tuple, exclude: tuple = ()) -> object:
    choices = [n for n in table if n not in exclude and getattr(n, "ar", None) not in exclude]
    return rng.choices(choices, weights=[n.weight for n in choices])[0]


class World:
    """Draws fresh persons whose four-part names never repeat by accident."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[tuple[str, str, str, str]] = set()

    def claim(self, p: Person) -> bool:
        key = (p.given.ar, p.father.ar, p.grandfather.ar, p.family.ar)
        if key in self.used:
            return False
        self.used.add(key)
        return True

    def person(self, *, allow_duplicate: bool = False, **fixed: object) -> Person:
        """A new person; ``fixed`` parts (given=Nm, family=Family, ...) are imposed."""
        rng = self.rng
        for _ in range(1000):
            given = fixed.get("given") or pick(rng, MALE)
            father = fixed.get("father") or pick(rng, MALE, exclude=(given.ar,))
            elder_pool = ELDER + MALE if rng.random() < 0.6 else MALE
            grandfather = fixed.get("grandfather") or pick(
                rng, elder_pool, exclude=(father.ar, given.ar)
            )
            if given.ar == father.ar or father.ar == grandfather.ar:
                continue
            family = fixed.get("family") or pick(rng, FAMILIES)
            p = Person(
                given=given,
                father=father,
                grandfather=grandfather,
                family=family,
                mother=fixed.get("mother") or pick(rng, FEMALE),
                birth_year=fixed.get("birth_year") or rng.randint(1960, 2002),
                governorate=fixed.get("governorate") or rng.choice(family.govs),
                kunya=fixed["kunya"] if "kunya" in fixed else pick(rng, KUNYA_SON),
            )
            if allow_duplicate or self.claim(p):
                return p
        raise RuntimeError(f"cannot draw a fresh person with {fixed}")


# --- writing a person down ---------------------------------------------------------------------

# Fully vowelled spellings, as a careful clerk or a printed decree writes them.
VOWELLED = {
    "محمد": "مُحَمَّد",
    "أحمد": "أَحْمَد",
    "علي": "عَلِيّ",
    "عمر": "عُمَر",
    "حسين": "حُسَيْن",
    "حسن": "حَسَن",
    "عبد الله": "عَبْدُ الله",
    "خالد": "خَالِد",
    "إبراهيم": "إِبْرَاهِيم",
    "محمود": "مَحْمُود",
    "يوسف": "يُوسُف",
    "عثمان": "عُثْمَان",
    "صالح": "صَالِح",
    "حمزة": "حَمْزَة",
    "عباس": "عَبَّاس",
    "مصطفى": "مُصْطَفَى",
    "فاطمة": "فَاطِمَة",
    "خديجة": "خَدِيجَة",
    "زينب": "زَيْنَب",
    "عائشة": "عَائِشَة",
    "مريم": "مَرْيَم",
    "الدليمي": "الدُّلَيْمِي",
    "الجبوري": "الجُبُّورِي",
    "العبيدي": "العُبَيْدِي",
}
NON_JOINING = "اأإآدذرزوؤةء "


class ArabicClerk:
    """One clerk's Arabic habits, held for a whole record."""

    def __init__(self, rng: random.Random, careful: bool | None = None) -> None:
        self.rng = rng
        careful = rng.random() < 0.5 if careful is None else careful
        self.drop_hamza = not careful and rng.random() < 0.7
        self.ta_as_ha = not careful and rng.random() < 0.5
        self.maqsura_as_ya = not careful and rng.random() < 0.5
        self.hamza_seat_as_letter = not careful and rng.random() < 0.4
        self.join_abd = rng.random() < 0.4
        self.diacritics = rng.random() < 0.15
        self.tatweel = rng.random() < 0.05
        self.persian_keyboard = rng.random() < 0.03
        self.drop_article = rng.random() < 0.12

    def name(self, nm: Nm) -> str:
        return self.spell(nm.ar)

    def spell(self, ar: str) -> str:
        s = VOWELLED.get(ar, ar) if self.diacritics else ar
        if self.drop_hamza:
            s = s.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
        if self.ta_as_ha:
            s = s.replace("ة", "ه")
        if self.maqsura_as_ya:
            s = s.replace("ى", "ي")
        if self.hamza_seat_as_letter:
            s = s.replace("ئ", "ي").replace("ؤ", "و").replace("ء", "")
        if self.join_abd:
            s = s.replace("عبد ", "عبد")
        if self.persian_keyboard:
            s = s.replace("ي", "ی").replace("ك", "ک")
        if self.tatweel and len(s) > 3:
            # a stretched joint, only where the letters actually join
            i = self.rng.randrange(1, len(s) - 1)
            if s[i - 1] not in NON_JOINING and "\u0621" <= s[i] <= "\u064a":
                s = s[:i] + "ـ" + s[i:]
        return s

    def family(self, fam: Family) -> str:
        s = self.spell(fam.ar)
        if self.drop_article and s.startswith("ال"):
            s = s[2:]
        return s


class LatinClerk:
    """One clerk's Latin habits, held for a whole record."""

    def __init__(self, rng: random.Random, conventional: bool = False) -> None:
        self.rng = rng
        self.capitals = rng.random() < 0.12
        self.scholarly = not conventional and rng.random() < 0.05
        self.article = rng.choices(
            ["al-", "Al-", "Al ", "", "el-", "AL-", "glued", "sun"],
            weights=[30, 20, 10, 15, 3, 5, 8, 9],
        )[0]
        # one clerk tends to one spelling per name: the first (usual) one most often
        self.conventional = conventional

    def name(self, nm: Nm) -> str:
        if self.scholarly and nm.ar in SCHOLARLY:
            s = SCHOLARLY[nm.ar]
        elif self.conventional or len(nm.lat) == 1:
            s = nm.lat[0]
        else:
            weights = [3.0] + [2.0 / (len(nm.lat) - 1)] * (len(nm.lat) - 1)
            s = self.rng.choices(nm.lat, weights=weights)[0]
        return s.upper() if self.capitals else s

    def family(self, fam: Family) -> str:
        core = self.name(Nm(fam.ar, fam.lat))
        if self.capitals:
            core = core.upper()
        style = self.article
        if style == "sun":
            lower = core.lower()
            hit = next((c for c in sorted(SUN, key=len, reverse=True) if lower.startswith(c)), None)
            style = "al-" if hit is None else f"a{hit}-"
        if style == "glued":
            return ("AL" + core.upper()) if self.capitals else ("Al" + core.lower())
        if self.capitals:
            return {"": "", "Al ": "AL "}.get(style, "AL-") + core
        return style + core


def render(
    p: Person,
    script: str,
    rng: random.Random,
    *,
    parts: tuple[str, ...] = ("given", "father", "grandfather", "family"),
    mother: bool = False,
    kunya: str = "",  # "" none, "field", "only", "only+nisba", "alias"
    birth_year: int | None = None,
    governorate: str | None = None,
    tribe: bool = False,
    aliases: tuple[str, ...] = (),
    clerk: ArabicClerk | LatinClerk | None = None,
) -> dict[str, str]:
    """Write one record of person ``p`` in ``script`` ("ar" or "lat")."""
    if clerk is None:
        clerk = ArabicClerk(rng) if script == "ar" else LatinClerk(rng)
    rec = dict.fromkeys(FIELDS, "")
    for part in ("given", "father", "grandfather"):
        if part in parts:
            rec[part] = clerk.name(getattr(p, part))
    if "family" in parts:
        rec["family"] = clerk.family(p.family)
    if mother:
        rec["mother"] = clerk.name(p.mother)
    if kunya and p.kunya is not None:
        k = kunya_text(p.kunya, script, rng, clerk)
        if kunya.startswith("only"):
            for part in ("given", "father", "grandfather", "family", "mother"):
                rec[part] = ""
            if kunya == "only+nisba":
                k = f"{k} {clerk.family(p.family)}"
        if kunya == "alias":
            aliases = (*aliases, k)
        else:
            rec["kunya"] = k
    rec["aliases"] = "|".join(aliases)
    rec["birth_year"] = "" if birth_year is None else str(birth_year)
    rec["governorate"] = governorate or ""
    if tribe and p.family.tribe is not None:
        t = p.family.tribe
        rec["tribe"] = clerk.name(t) if script == "ar" else rng.choice(t.lat)
    return rec


def kunya_text(son: Nm, script: str, rng: random.Random, clerk: object) -> str:
    if script == "ar":
        abu = rng.choice(["أبو", "أبو", "ابو"])
        return f"{abu} {clerk.name(son)}"
    abu = rng.choices(["Abu ", "Abou ", "Abo ", "Abu-"], weights=[10, 2, 1, 1])[0]
    s = f"{abu}{clerk.name(son)}"
    return s.upper() if getattr(clerk, "capitals", False) else s


def full_name(p: Person, script: str, rng: random.Random, *, with_family: bool = True) -> str:
    """A full name as an alias: given, father, grandfather and perhaps the family name."""
    clerk = ArabicClerk(rng) if script == "ar" else LatinClerk(rng)
    names = [clerk.name(p.given), clerk.name(p.father), clerk.name(p.grandfather)]
    if script == "ar" and rng.random() < 0.2:
        names.insert(1, "بن")
    if with_family:
        names.append(clerk.family(p.family))
    return " ".join(names)


# --- typos --------------------------------------------------------------------------------------

KEYBOARD = {
    "a": "sqz",
    "b": "vn",
    "d": "sf",
    "e": "wr",
    "f": "dg",
    "h": "gj",
    "i": "uo",
    "k": "jl",
    "l": "k",
    "m": "n",
    "n": "mb",
    "o": "ip",
    "r": "et",
    "s": "ad",
    "t": "ry",
    "u": "yi",
}
DOTS = ["بتثني", "جحخ", "دذ", "رز", "سش", "صض", "طظ", "عغ", "فق"]


def typo(s: str, rng: random.Random) -> str:
    """One slip of the pen or keyboard in ``s``."""
    for _ in range(50):
        i = rng.randrange(len(s))
        ch = s[i]
        if not ch.isalpha():
            continue
        kind = rng.choice(["sub", "del", "dup", "swap"])
        if kind == "del" and len(s) > 4:
            out = s[:i] + s[i + 1 :]
        elif kind == "dup":
            out = s[:i] + ch + s[i:]
        elif kind == "swap" and i + 1 < len(s) and s[i + 1].isalpha():
            out = s[:i] + s[i + 1] + ch + s[i + 2 :]
        elif kind == "sub":
            group = next((g for g in DOTS if ch in g), None)
            if group:
                rep = rng.choice([c for c in group if c != ch])
            elif ch.lower() in KEYBOARD:
                rep = rng.choice(KEYBOARD[ch.lower()])
                rep = rep.upper() if ch.isupper() else rep
            else:
                continue
            out = s[:i] + rep + s[i + 1 :]
        else:
            continue
        if out != s:
            return out
    return s


# --- pairs --------------------------------------------------------------------------------------


class Maker:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
        self.world = World(self.rng)
        self.rows: list[list[str]] = []

    # shared choices for the metadata of two records of one man
    def meta(self, p: Person) -> tuple[dict, dict]:
        rng = self.rng
        a: dict = {}
        b: dict = {}
        r = rng.random()
        if r < 0.55:
            a["birth_year"] = p.birth_year
            b["birth_year"] = p.birth_year + rng.choices([0, 1, -1, 2, -2], [70, 10, 10, 5, 5])[0]
        elif r < 0.8:
            rng.choice([a, b])["birth_year"] = p.birth_year
        r = rng.random()
        if r < 0.7:
            a["governorate"] = p.governorate
            b["governorate"] = p.governorate if rng.random() < 0.93 else rng.choice(GOVS)
        elif r < 0.9:
            rng.choice([a, b])["governorate"] = p.governorate
        r = rng.random()
        if r < 0.3:
            a["mother"] = b["mother"] = True
        elif r < 0.55:
            rng.choice([a, b])["mother"] = True
        r = rng.random()
        if r < 0.25:
            a["tribe"] = b["tribe"] = True
        elif r < 0.45:
            rng.choice([a, b])["tribe"] = True
        r = rng.random()
        if r < 0.15:
            a["kunya"] = b["kunya"] = "field"
        elif r < 0.35:
            rng.choice([a, b])["kunya"] = "field"
        return a, b

    def add(self, label: str, a: dict[str, str], b: dict[str, str], note: str) -> None:
        if self.rng.random() < 0.5 and label == "match":
            a, b = b, a
        self.rows.append([label, *(a[f] for f in FIELDS), *(b[f] for f in FIELDS), note])

    def scripts(self, kind: str) -> tuple[str, str]:
        if kind == "ar-lat":
            return ("ar", "lat")
        if kind == "lat-lat":
            return ("lat", "lat")
        if kind == "ar-ar":
            return ("ar", "ar")
        return self.rng.choice([("ar", "lat"), ("lat", "lat"), ("ar", "ar"), ("lat", "ar")])

    def match(self, kind: str) -> None:
        rng = self.rng
        p = self.world.person()
        ma, mb = self.meta(p)
        sa, sb = self.scripts(kind)
        note = kind
        if kind in ("ar-lat", "lat-lat", "ar-ar"):
            parts_a = rng.choice([FULL, FULL, FULL, THREE, GFF])
            parts_b = parts_a if rng.random() < 0.7 else rng.choice([FULL, THREE, GFF])
            a = render(p, sa, rng, parts=parts_a, **ma)
            b = render(p, sb, rng, parts=parts_b, **mb)
        elif kind == "family missing on one side":
            a = render(p, sa, rng, parts=FULL if rng.random() < 0.5 else GFF, **ma)
            b = render(p, sb, rng, parts=rng.choice([THREE, ("given", "father")]), **mb)
        elif kind == "grandfather on one side, family on the other":
            a = render(p, sa, rng, parts=THREE, **ma)
            b = render(p, sb, rng, parts=GFF, **mb)
        elif kind == "kunya only, real name as alias":
            # a wanted list knows him by his kunya and gives his real name as an alias
            alias = full_name(p, rng.choice(["ar", "lat"]), rng, with_family=rng.random() < 0.5)
            ma.pop("mother", None)
            a = render(p, sa, rng, kunya="only", aliases=(alias,), **_nokunya(ma))
            b = render(p, sb, rng, parts=rng.choice([FULL, GFF, THREE]), **_nokunya(mb))
        elif kind == "kunya only, kunya on the other record":
            ma.pop("mother", None)
            only = "only+nisba" if rng.random() < 0.6 else "only"
            a = render(p, sa, rng, kunya=only, **_nokunya(ma))
            b = render(p, sb, rng, parts=rng.choice([FULL, GFF]), kunya="field", **_nokunya(mb))
        elif kind == "kunya only, kunya in the other's aliases":
            ma.pop("mother", None)
            only = "only+nisba" if rng.random() < 0.6 else "only"
            a = render(p, sa, rng, kunya=only, **_nokunya(ma))
            b = render(p, sb, rng, parts=rng.choice([FULL, GFF]), kunya="alias", **_nokunya(mb))
        elif kind == "one-letter typo":
            parts = rng.choice([FULL, GFF, THREE])
            a = render(p, sa, rng, parts=parts, **ma)
            b = render(p, sb, rng, parts=parts, **mb)
            field = rng.choices(["given", "father", "family"], [4, 3, 3])[0]
            if not b[field]:
                field = "father"
            b[field] = typo(b[field], rng)
            note = f"{kind} ({field})"
        else:  # pragma: no cover
            raise ValueError(kind)
        self.add("match", a, b, note)

    def nonmatch(self, kind: str) -> None:
        rng = self.rng
        w = self.world
        sa, sb = self.scripts("any")
        by = rng.random() < 0.6
        gov = rng.random() < 0.7

        def meta(p: Person, **over: object) -> dict:
            d: dict = {}
            if by:
                d["birth_year"] = p.birth_year
            if gov:
                d["governorate"] = p.governorate
            d.update(over)
            return d

        if kind == "brothers":
            p = w.person()
            q = w.person(
                father=p.father,
                grandfather=p.grandfather,
                family=p.family,
                mother=p.mother,
                governorate=p.governorate,
                kunya=rng.choice([None, pick(rng, KUNYA_SON)]),
                birth_year=p.birth_year + rng.choice([-1, 1]) * rng.randint(1, 12),
                given=pick(rng, MALE, exclude=(p.given.ar, p.father.ar)),
            )
            mo = rng.random() < 0.4
            tr = rng.random() < 0.3
            parts = rng.choice([FULL, FULL, GFF, THREE])
            a = render(p, sa, rng, parts=parts, mother=mo, tribe=tr, **meta(p))
            b = render(q, sb, rng, parts=parts, mother=mo, tribe=tr, **meta(q))
        elif kind == "brothers with names of one root":
            one, two = (next(n for n in MALE if n.ar == ar) for ar in rng.choice(SIBLING_NAMES))
            p = w.person(given=one, father=pick(rng, MALE, exclude=(one.ar, two.ar)))
            twins = one.ar == "حسن" and two.ar == "حسين" and rng.random() < 0.5
            q = w.person(
                given=two,
                father=p.father,
                grandfather=p.grandfather,
                family=p.family,
                mother=p.mother,
                governorate=p.governorate,
                kunya=None,
                birth_year=p.birth_year + (0 if twins else rng.choice([-1, 1]) * rng.randint(1, 9)),
            )
            mo = rng.random() < 0.4
            parts = rng.choice([FULL, FULL, GFF, THREE])
            a = render(p, sa, rng, parts=parts, mother=mo, **meta(p))
            b = render(q, sb, rng, parts=parts, mother=mo, **meta(q))
            kind = "twins Hassan and Hussein" if twins else kind
        elif kind == "cousins":
            p = w.person()
            same_given = rng.random() < 0.35
            q = w.person(
                given=p.grandfather if same_given else None,
                father=pick(rng, MALE, exclude=(p.father.ar, p.grandfather.ar)),
                grandfather=p.grandfather,
                family=p.family,
                governorate=p.governorate,
                birth_year=p.birth_year + rng.randint(-8, 8),
            )
            if same_given:
                p = replace(p, given=p.grandfather)
                if not w.claim(p):
                    return self.nonmatch(kind)
            parts = rng.choice([FULL, GFF, THREE])
            mo = rng.random() < 0.3
            a = render(p, sa, rng, parts=parts, mother=mo, **meta(p))
            b = render(q, sb, rng, parts=parts, mother=mo, **meta(q))
            kind = f"{kind}{' named after their grandfather' if same_given else ''}"
        elif kind == "same common given name, different father":
            common = rng.choice([n for n in MALE if n.ar in ("محمد", "أحمد", "علي", "عمر")])
            p = w.person(given=common)
            same_family = rng.random() < 0.5
            q = w.person(
                given=common,
                father=pick(rng, MALE, exclude=(p.father.ar, common.ar)),
                family=p.family if same_family else None,
            )
            parts = rng.choice([FULL, GFF, ("given", "father"), THREE])
            a = render(p, sa, rng, parts=parts, **meta(p))
            b = render(q, sb, rng, parts=parts, **meta(q))
        elif kind == "same full name, different mother":
            p = w.person()
            q = replace(
                p,
                mother=pick(rng, FEMALE, exclude=(p.mother.ar,)),
                birth_year=p.birth_year + rng.randint(-3, 3),
                governorate=rng.choice([p.governorate, rng.choice(GOVS)]),
            )
            parts = rng.choice([FULL, GFF])
            a = render(p, sa, rng, parts=parts, mother=True, **meta(p))
            b = render(q, sb, rng, parts=parts, mother=True, **meta(q))
        elif kind == "same full name, born 15 years apart":
            p = w.person()
            q = replace(p, birth_year=p.birth_year + rng.choice([-1, 1]) * rng.randint(13, 18))
            parts = rng.choice([FULL, GFF])
            a = render(p, sa, rng, parts=parts, birth_year=p.birth_year, governorate=p.governorate)
            b = render(
                q,
                sb,
                rng,
                parts=parts,
                birth_year=q.birth_year,
                governorate=rng.choice([q.governorate, ""]),
            )
        elif kind == "father and son":
            p = w.person(birth_year=rng.randint(1955, 1975))
            son = w.person(
                father=p.given,
                grandfather=p.father,
                family=p.family,
                governorate=p.governorate,
                given=pick(rng, MALE, exclude=(p.given.ar, p.father.ar)),
                birth_year=p.birth_year + rng.randint(19, 32),
            )
            # the father is "Abu <son>"
            p = replace(p, kunya=son.given)
            parts = rng.choice([FULL, GFF, THREE])
            pk = rng.choice(["", "field"])
            a = render(p, sa, rng, parts=parts, kunya=pk, **meta(p))
            b = render(son, sb, rng, parts=parts, **meta(son))
        elif kind == "same kunya, different men":
            son = pick(rng, KUNYA_SON)
            p = w.person(kunya=son)
            q = w.person(kunya=son)
            while q.governorate == p.governorate and abs(q.birth_year - p.birth_year) < 6:
                q = replace(q, birth_year=rng.randint(1960, 2002), governorate=rng.choice(GOVS))
            style = rng.random()
            if style < 0.5:
                a = render(p, sa, rng, kunya="field", **meta(p))
                b = render(q, sb, rng, kunya="field", **meta(q))
            else:
                a = render(
                    p,
                    sa,
                    rng,
                    kunya="only",
                    birth_year=p.birth_year,
                    governorate=p.governorate,
                )
                b = render(
                    q,
                    sb,
                    rng,
                    kunya="field",
                    birth_year=q.birth_year,
                    governorate=q.governorate,
                )
        else:  # pragma: no cover
            raise ValueError(kind)
        self.add("nonmatch", a, b, kind)

    def make(self) -> list[list[str]]:
        for kind, n in N_MATCH.items():
            for _ in range(n):
                self.match(kind)
        for kind, n in N_NONMATCH.items():
            for _ in range(n):
                self.nonmatch(kind)
        return self.rows


FULL = ("given", "father", "grandfather", "family")
THREE = ("given", "father", "grandfather")
GFF = ("given", "father", "family")


def _nokunya(meta: dict) -> dict:
    return {k: v for k, v in meta.items() if k != "kunya"}


def generate(seed: int = SEED) -> str:
    """The CSV text."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(Maker(seed).make())
    return buf.getvalue()


if __name__ == "__main__":
    OUT.write_text(generate(), encoding="utf-8")
    print(f"wrote {OUT}")
