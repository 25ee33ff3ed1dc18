"""Administrative reference data for Iraq.

Iraq's 18 governorates (muhafazat) as set out under the 2005 Constitution,
and the districts (qadha) of each governorate as they stood around 2015-2017.

Names are common English transliterations and standard Arabic spellings.
They are seed values only: once loaded into the database they remain
editable in the admin, so local spelling preferences can be applied there.
"""

from __future__ import annotations

# (code, name_en, name_ar)
GOVERNORATES: tuple[tuple[str, str, str], ...] = (
    ("BGD", "Baghdad", "بغداد"),
    ("BSR", "Basra", "البصرة"),
    ("NIN", "Nineveh", "نينوى"),
    ("ERB", "Erbil", "أربيل"),
    ("SUL", "Sulaymaniyah", "السليمانية"),
    ("DUH", "Duhok", "دهوك"),
    ("KRK", "Kirkuk", "كركوك"),
    ("DIY", "Diyala", "ديالى"),
    ("ANB", "Anbar", "الأنبار"),
    ("SAL", "Salahuddin", "صلاح الدين"),
    ("BAB", "Babil", "بابل"),
    ("KRB", "Karbala", "كربلاء"),
    ("NJF", "Najaf", "النجف"),
    ("WAS", "Wasit", "واسط"),
    ("QAD", "Qadisiyyah", "القادسية"),
    ("MYS", "Maysan", "ميسان"),
    ("DHQ", "Dhi Qar", "ذي قار"),
    ("MUT", "Muthanna", "المثنى"),
)

# Governorate code -> ((name_en, name_ar), ...)
DISTRICTS: dict[str, tuple[tuple[str, str], ...]] = {
    "BGD": (
        ("Karkh", "الكرخ"),
        ("Rusafa", "الرصافة"),
        ("Adhamiyah", "الأعظمية"),
        ("Kadhimiya", "الكاظمية"),
        ("Sadr City", "مدينة الصدر"),
        ("New Baghdad", "بغداد الجديدة"),
        ("Abu Ghraib", "أبو غريب"),
        ("Mahmudiya", "المحمودية"),
        ("Tarmiyah", "الطارمية"),
        ("Madain", "المدائن"),
    ),
    "BSR": (
        ("Basra", "البصرة"),
        ("Abu Al-Khasib", "أبو الخصيب"),
        ("Al-Zubair", "الزبير"),
        ("Al-Qurna", "القرنة"),
        ("Al-Fao", "الفاو"),
        ("Al-Midaina", "المدينة"),
        ("Shatt Al-Arab", "شط العرب"),
    ),
    "NIN": (
        ("Mosul", "الموصل"),
        ("Tel Afar", "تلعفر"),
        ("Sinjar", "سنجار"),
        ("Hamdaniya", "الحمدانية"),
        ("Tel Kaif", "تلكيف"),
        ("Shekhan", "الشيخان"),
        ("Al-Ba'aj", "البعاج"),
        ("Hatra", "الحضر"),
        ("Makhmur", "مخمور"),
        ("Akre", "عقرة"),
    ),
    "ERB": (
        ("Erbil", "أربيل"),
        ("Dashti Hawler", "دشت أربيل"),
        ("Khabat", "خبات"),
        ("Koya", "كويسنجق"),
        ("Shaqlawa", "شقلاوة"),
        ("Soran", "سوران"),
        ("Mergasur", "ميركسور"),
        ("Choman", "جومان"),
    ),
    "SUL": (
        ("Sulaymaniyah", "السليمانية"),
        ("Chamchamal", "جمجمال"),
        ("Darbandikhan", "دربندخان"),
        ("Dokan", "دوكان"),
        ("Halabja", "حلبجة"),
        ("Kalar", "كلار"),
        ("Mawat", "ماوت"),
        ("Penjwen", "بنجوين"),
        ("Pshdar", "بشدر"),
        ("Ranya", "رانية"),
        ("Sharbazher", "شهربازار"),
        ("Said Sadiq", "سيد صادق"),
    ),
    "DUH": (
        ("Duhok", "دهوك"),
        ("Amadiya", "العمادية"),
        ("Zakho", "زاخو"),
        ("Simele", "سميل"),
    ),
    "KRK": (
        ("Kirkuk", "كركوك"),
        ("Hawija", "الحويجة"),
        ("Dibis", "الدبس"),
        ("Daquq", "داقوق"),
    ),
    "DIY": (
        ("Baqubah", "بعقوبة"),
        ("Al-Muqdadiya", "المقدادية"),
        ("Khanaqin", "خانقين"),
        ("Balad Ruz", "بلدروز"),
        ("Al-Khalis", "الخالص"),
        ("Kifri", "كفري"),
    ),
    "ANB": (
        ("Ramadi", "الرمادي"),
        ("Fallujah", "الفلوجة"),
        ("Hit", "هيت"),
        ("Haditha", "حديثة"),
        ("Anah", "عانة"),
        ("Rawa", "راوة"),
        ("Al-Qaim", "القائم"),
        ("Rutba", "الرطبة"),
    ),
    "SAL": (
        ("Tikrit", "تكريت"),
        ("Samarra", "سامراء"),
        ("Baiji", "بيجي"),
        ("Balad", "بلد"),
        ("Dujail", "الدجيل"),
        ("Al-Daur", "الدور"),
        ("Tuz Khurmatu", "طوز خورماتو"),
        ("Al-Shirqat", "الشرقاط"),
        ("Fares", "فارس"),
    ),
    "BAB": (
        ("Hilla", "الحلة"),
        ("Al-Mahawil", "المحاويل"),
        ("Al-Musayyib", "المسيب"),
        ("Al-Hashimiya", "الهاشمية"),
    ),
    "KRB": (
        ("Karbala", "كربلاء"),
        ("Ain Al-Tamur", "عين التمر"),
        ("Al-Hindiya", "الهندية"),
    ),
    "NJF": (
        ("Najaf", "النجف"),
        ("Kufa", "الكوفة"),
        ("Al-Manathera", "المناذرة"),
    ),
    "WAS": (
        ("Kut", "الكوت"),
        ("Al-Hai", "الحي"),
        ("Al-Numaniya", "النعمانية"),
        ("Al-Suwaira", "الصويرة"),
        ("Badra", "بدرة"),
        ("Al-Aziziya", "العزيزية"),
    ),
    "QAD": (
        ("Diwaniya", "الديوانية"),
        ("Afak", "عفك"),
        ("Al-Shamiya", "الشامية"),
        ("Al-Hamza", "الحمزة"),
    ),
    "MYS": (
        ("Amarah", "العمارة"),
        ("Ali Al-Gharbi", "علي الغربي"),
        ("Al-Majar Al-Kabir", "المجر الكبير"),
        ("Al-Maimouna", "الميمونة"),
        ("Qal'at Saleh", "قلعة صالح"),
        ("Al-Kahla", "الكحلاء"),
    ),
    "DHQ": (
        ("Nasiriyah", "الناصرية"),
        ("Al-Rifai", "الرفاعي"),
        ("Al-Shatra", "الشطرة"),
        ("Suq Al-Shuyukh", "سوق الشيوخ"),
        ("Al-Chibayish", "الجبايش"),
    ),
    "MUT": (
        ("Samawah", "السماوة"),
        ("Al-Rumaitha", "الرميثة"),
        ("Al-Khidhir", "الخضر"),
        ("Al-Salman", "السلمان"),
    ),
}


def load_reference_data(governorate_model, district_model) -> None:
    """Create the governorates and districts that are missing; never rename existing ones (the
    admin may have corrected a spelling). Used by migration 0003 and after every migrate, so that
    a flushed database (the transactional tests) gets them back."""
    for code, name_en, name_ar in GOVERNORATES:
        governorate, _ = governorate_model.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_ar": name_ar}
        )
        existing = set(governorate.districts.values_list("name_en", flat=True))
        district_model.objects.bulk_create(
            district_model(governorate=governorate, name_en=d_en, name_ar=d_ar)
            for d_en, d_ar in DISTRICTS[code]
            if d_en not in existing
        )
