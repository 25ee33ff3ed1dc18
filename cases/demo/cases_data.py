"""The demo's cases: a few hundred people who came in through the programme in 2015–2017, and a
handful who came in days or hours ago.

Pure data. :func:`demo_cases` builds the same specifications on every run: a generator seeded
with a fixed number, dates from fixed years, except the recent cases, which are placed relative to
the ``now`` it is given (so that the deadline panels have something open). ``seed.py`` feeds the
specifications to the casefiles services, so the demo obeys the rules real data obeys.

Every demo person carries a national ID starting ``DEMO-``: that is how a later run knows which
cases already exist (case numbers are the service's to give, so they cannot be the marker).

Words: a *kunya* is the name a man takes after his son ("Abu Omar", father of Omar), the way
fighters were often known; *kafala* is a sheikh's guarantee for a returnee; *bara'a* is a
family's public disavowal of a member.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from cases.casefiles.models import Case, Intake, Screening, WeaponItem

DEMO_PREFIX = "DEMO-"
SEED = 2017

S = Case.Status
K = Case.Kind
R = Intake.Role
YNU = Intake.YesNoUnknown
W = WeaponItem.Kind

GOVERNORATES = ("ANB", "SAL", "NIN", "BGD")

# --- Names ---------------------------------------------------------------------------------------

#: Given names: Arabic, and the Latin spellings officers actually used for it.
GIVEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("محمد", ("Mohammed", "Muhammad", "Mohamad", "Mohammad", "Mohamed")),
    ("أحمد", ("Ahmed", "Ahmad")),
    ("عمر", ("Omar", "Umar")),
    ("علي", ("Ali",)),
    ("خالد", ("Khalid", "Khaled")),
    ("عبدالله", ("Abdullah", "Abdallah", "Abd Allah")),
    ("مصطفى", ("Mustafa", "Mustapha", "Moustafa")),
    ("يوسف", ("Yousef", "Yusuf", "Youssef")),
    ("إبراهيم", ("Ibrahim", "Ebrahim")),
    ("عثمان", ("Othman", "Uthman", "Osman")),
    ("سعد", ("Saad", "Sa'd")),
    ("وليد", ("Walid", "Waleed")),
    ("صدام", ("Saddam",)),
    ("حمزة", ("Hamza", "Hamzah")),
    ("ياسر", ("Yasir", "Yaser", "Yasser")),
    ("فيصل", ("Faisal", "Faysal")),
    ("مهند", ("Muhannad", "Mohannad")),
    ("زياد", ("Ziad", "Ziyad")),
    ("عبدالرحمن", ("Abdulrahman", "Abd al-Rahman", "Abdelrahman")),
    ("عبدالكريم", ("Abdulkarim", "Abd al-Karim")),
    ("جاسم", ("Jasim", "Jassim", "Jasem")),
    ("رعد", ("Raad", "Ra'ad")),
    ("سفيان", ("Sufyan", "Sofian")),
    ("قتيبة", ("Qutaiba", "Qutayba", "Kutaiba")),
    ("أنس", ("Anas",)),
    ("مروان", ("Marwan",)),
    ("عادل", ("Adil", "Adel")),
    ("طارق", ("Tariq", "Tarek", "Tareq")),
    ("ماجد", ("Majid", "Majed")),
    ("فراس", ("Firas", "Feras")),
    ("محمود", ("Mahmoud", "Mahmud")),
    ("إسماعيل", ("Ismail", "Isma'il")),
    ("صالح", ("Salih", "Saleh")),
    ("بكر", ("Bakr", "Bakir")),
    ("أسامة", ("Usama", "Osama")),
    ("حذيفة", ("Hudhayfa", "Huthaifa", "Hudhaifa")),
)

#: Names common among the fathers' and grandfathers' generations.
ELDERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("حسن", ("Hassan", "Hasan")),
    ("حسين", ("Hussein", "Husain", "Hussain")),
    ("فرحان", ("Farhan",)),
    ("مخلف", ("Mukhlif", "Mikhlif")),
    ("عواد", ("Awad", "Awwad")),
    ("ذياب", ("Thiab", "Dhiyab", "Diab")),
    ("حمد", ("Hamad",)),
    ("سلمان", ("Salman",)),
    ("خلف", ("Khalaf",)),
    ("جمعة", ("Jumaa", "Juma'a", "Jumah")),
    ("شلال", ("Shallal",)),
    ("عطية", ("Atiya", "Attiyah")),
    ("نايف", ("Naif", "Nayef")),
    ("مطلك", ("Mutlaq", "Mutlak")),
    ("حردان", ("Hardan",)),
    ("عليوي", ("Aliwi", "Elewi")),
    ("فياض", ("Fayyadh", "Fayadh")),
    ("عبد", ("Abd",)),
    ("شاكر", ("Shakir", "Shaker")),
    ("حميد", ("Hamid", "Hameed")),
    ("كريم", ("Karim", "Kareem")),
    ("عدنان", ("Adnan",)),
    ("نوري", ("Nouri", "Nuri")),
    ("صبري", ("Sabri", "Sabry")),
)

#: Families (or tribal names used as surnames) of each governorate: Arabic, Latin spellings,
#: tribe or clan ("" where the surname is a town's, not a tribe's).
FAMILIES: dict[str, tuple[tuple[str, tuple[str, ...], str], ...]] = {
    "ANB": (
        ("الدليمي", ("Dulaimi", "Duleimi", "Dulaymi"), "الدليم — Dulaim"),
        ("الفهداوي", ("Fahdawi", "Fahadawi"), "البو فهد — Albu Fahd"),
        ("العلواني", ("Alwani", "Elwani", "Alawani"), "البو علوان — Albu Alwan"),
        ("الراوي", ("Rawi",), ""),
        ("الكربولي", ("Karbouli", "Karbuli"), "الكرابلة — Karabla"),
        ("العيساوي", ("Issawi", "Isawi", "Eesawi"), "البو عيسى — Albu Issa"),
        ("الحلبوسي", ("Halbousi", "Halbusi"), "الحلابسة — Halabsa"),
        ("النمراوي", ("Nimrawi", "Nimrawy"), "البو نمر — Albu Nimr"),
        ("المحلاوي", ("Mahlawi", "Mahalawi"), "البو محل — Albu Mahal"),
        ("الجميلي", ("Jumaili", "Jumayli", "Jumeili"), "الجميلات — Jumaila"),
        ("المحمدي", ("Mohammedi", "Muhammadi", "Mohammadi"), "المحامدة — Mahamda"),
        ("العنزي", ("Anizi", "Enezi", "Anazi"), "عنزة — Aniza"),
        ("الزوبعي", ("Zobaie", "Zawbai", "Zubaie"), "زوبع — Zoba"),
        ("العبيدي", ("Obaidi", "Ubaydi", "Obeidi"), "العبيد — Obaid"),
        ("الكبيسي", ("Kubaisi", "Kubaysi"), ""),
        ("العاني", ("Ani", "Aani"), ""),
        ("الهيتي", ("Hiti", "Heety"), ""),
    ),
    "SAL": (
        ("الجبوري", ("Jubouri", "Juburi", "Jabouri"), "الجبور — Jubour"),
        ("التميمي", ("Tamimi", "Temimi"), "بنو تميم — Bani Tamim"),
        ("العبيدي", ("Obaidi", "Ubaydi", "Obeidi"), "العبيد — Obaid"),
        ("الدوري", ("Douri", "Duri"), ""),
        ("السامرائي", ("Samarrai", "Samarra'i"), ""),
        ("العزاوي", ("Azzawi", "Ezzawi"), "العزة — Azza"),
        ("الجنابي", ("Janabi", "Jannabi"), ""),
        ("الشمري", ("Shammari", "Shamari"), "شمر — Shammar"),
    ),
    "NIN": (
        ("الشمري", ("Shammari", "Shamari", "Shammary"), "شمر — Shammar"),
        ("الجبوري", ("Jubouri", "Juburi", "Jabouri"), "الجبور — Jubour"),
        ("العبيدي", ("Obaidi", "Ubaydi", "Obeidi"), "العبيد — Obaid"),
        ("الطائي", ("Taie", "Tai", "Ta'i"), "طيء — Tayy"),
        ("الحديدي", ("Hadidi", "Haddidi"), "الحديديين — Hadidiyin"),
        ("اللهيبي", ("Luhaibi", "Lehaibi"), "اللهيب — Lahib"),
        ("الموصلي", ("Mosuli", "Mawsili"), ""),
        ("البدراني", ("Badrani",), ""),
    ),
    "BGD": (
        ("المشهداني", ("Mashhadani", "Mashadani"), "المشاهدة — Mashahda"),
        ("الجنابي", ("Janabi", "Jannabi"), ""),
        ("الزوبعي", ("Zobaie", "Zawbai", "Zubaie"), "زوبع — Zoba"),
        ("الجميلي", ("Jumaili", "Jumayli"), "الجميلات — Jumaila"),
        ("التميمي", ("Tamimi", "Temimi"), "بنو تميم — Bani Tamim"),
        ("العزاوي", ("Azzawi", "Ezzawi"), "العزة — Azza"),
        ("الدليمي", ("Dulaimi", "Duleimi"), "الدليم — Dulaim"),
        ("العبيدي", ("Obaidi", "Obeidi"), "العبيد — Obaid"),
    ),
}

#: How the family name is written in Latin letters: the article in its several habits.
FAMILY_STYLES = ("al-{}", "Al-{}", "{}", "Al {}", "el-{}")

MOTHERS = (
    "فاطمة", "خديجة", "زينب", "عائشة", "مريم", "سعاد", "نوال", "هدى", "سميرة", "جميلة",
    "حليمة", "رقية", "بشرى", "وداد", "شيماء", "صبيحة", "خالدة", "حمدية", "فضيلة", "نجلاء",
)  # fmt: skip

WOMEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("فاطمة", ("Fatima", "Fatma")),
    ("زينب", ("Zainab", "Zaynab")),
    ("رغد", ("Raghad",)),
    ("آمنة", ("Amina", "Amna")),
)

#: Kunyas: the son's name in Arabic and Latin.
SONS: tuple[tuple[str, str], ...] = (
    ("عمر", "Omar"), ("بكر", "Bakr"), ("حمزة", "Hamza"), ("عبدالله", "Abdullah"),
    ("أحمد", "Ahmed"), ("خطاب", "Khattab"), ("طلحة", "Talha"), ("معاذ", "Muadh"),
    ("حذيفة", "Hudhayfa"), ("أسامة", "Usama"), ("قسورة", "Qaswara"), ("أنس", "Anas"),
    ("مصعب", "Musab"), ("زيد", "Zaid"), ("ياسر", "Yasir"), ("مريم", "Maryam"),
)  # fmt: skip

#: The nisba a nom de guerre took from the man's province.
NISBA = {
    "ANB": ("الأنباري", "al-Anbari"),
    "SAL": ("التكريتي", "al-Tikriti"),
    "NIN": ("الموصلي", "al-Mosuli"),
    "BGD": ("البغدادي", "al-Baghdadi"),
}

# --- Places, units, courts -----------------------------------------------------------------------

#: Districts (as in the reference data) people came from, by governorate.
HOME_DISTRICTS = {
    "ANB": ("Ramadi", "Fallujah", "Hit", "Haditha", "Al-Qaim", "Rawa", "Anah", "Rutba"),
    "SAL": ("Tikrit", "Samarra", "Baiji", "Al-Shirqat", "Balad", "Al-Daur"),
    "NIN": ("Mosul", "Tel Afar", "Hatra", "Al-Ba'aj", "Makhmur", "Hamdaniya"),
    "BGD": ("Abu Ghraib", "Tarmiyah", "Mahmudiya", "Karkh", "Adhamiyah"),
}

#: Towns where the acts took place, for the texts.
TOWNS = {
    "ANB": ("Ramadi", "Fallujah", "Hit", "Haditha", "al-Qaim", "Rawa", "Anah", "Karma",
            "Saqlawiyah", "Kubaisa", "Rutba", "Khalidiya"),
    "SAL": ("Tikrit", "Baiji", "al-Shirqat", "al-Alam", "al-Dour", "Samarra's outskirts"),
    "NIN": ("Mosul", "Tel Afar", "Hammam al-Alil", "Qayyarah", "al-Ba'aj", "Bartella"),
    "BGD": ("Abu Ghraib", "Karma", "Fallujah", "Tarmiyah", "Jurf al-Sakhar"),
}  # fmt: skip

#: Units that receive people, by governorate, with their weight.
RECEIVING = {
    "ANB": (("anb-ramadi-ps", 35), ("anb-fallujah-ps", 25), ("anb-qaim-ps", 10), ("anb-7-div", 30)),
    "SAL": (("sal-tikrit-ps", 60), ("sal-samarra-ps", 40)),
    "NIN": (("nin-mosul-ps", 60), ("nin-15-div", 40)),
    "BGD": (("bgd-karkh-ps", 100),),
}

#: When each unit received people: its town was back in the state's hands (Ramadi early 2016,
#: Fallujah June 2016, Mosul's east bank from late 2016, al-Qaim November 2017).
WINDOWS = {
    "anb-ramadi-ps": (dt.date(2016, 1, 15), dt.date(2017, 12, 20)),
    "anb-fallujah-ps": (dt.date(2016, 6, 27), dt.date(2017, 12, 20)),
    "anb-qaim-ps": (dt.date(2017, 11, 5), dt.date(2017, 12, 28)),
    "anb-7-div": (dt.date(2016, 1, 1), dt.date(2017, 12, 20)),
    "sal-tikrit-ps": (dt.date(2016, 1, 1), dt.date(2017, 12, 20)),
    "sal-samarra-ps": (dt.date(2016, 1, 1), dt.date(2017, 12, 20)),
    "nin-mosul-ps": (dt.date(2016, 11, 1), dt.date(2017, 12, 20)),
    "nin-15-div": (dt.date(2016, 10, 20), dt.date(2017, 12, 20)),
    "bgd-karkh-ps": (dt.date(2016, 1, 1), dt.date(2017, 12, 20)),
}

PLACES = {
    "anb-ramadi-ps": ("Ramadi Central Police Station", "Al-Sijariya checkpoint, east of Ramadi",
                      "Al-Warrar bridge checkpoint, Ramadi", "Al-Tamim quarter, Ramadi"),
    "anb-fallujah-ps": ("Fallujah Police Station", "Al-Azraqiya screening point, north of Fallujah",
                        "Amiriyat al-Fallujah screening centre", "Al-Saqlawiyah checkpoint"),
    "anb-qaim-ps": ("Al-Qaim Police Station", "Karabila checkpoint", "Rawa police post",
                    "Anah, west bank checkpoint"),
    "anb-7-div": ("7th Division headquarters, Ain al-Asad", "Haditha dam checkpoint",
                  "Al-Baghdadi forward post", "Hit, 7th Division screening point"),
    "sal-tikrit-ps": ("Tikrit Police Station", "Al-Alam checkpoint", "Baiji north gate checkpoint",
                      "Al-Shirqat screening point"),
    "sal-samarra-ps": ("Samarra Police Station", "Samarra, al-Malwiya checkpoint",
                       "Dujail road checkpoint", "Balad police post"),
    "nin-mosul-ps": ("Mosul Left Bank Police Station", "Gogjali screening centre",
                     "Al-Zuhur quarter, Mosul", "Hammam al-Alil screening site"),
    "nin-15-div": ("15th Division headquarters, Mosul", "Qayyarah air base screening point",
                   "Tel Afar road checkpoint", "Makhmur front line"),
    "bgd-karkh-ps": ("Karkh Police Station", "Abu Ghraib checkpoint", "Al-Sadiya checkpoint",
                     "Airport road checkpoint, Baghdad"),
}  # fmt: skip

ARMOURY = {
    "anb-ramadi-ps": "Ramadi Central Police Station armoury",
    "anb-fallujah-ps": "Fallujah Police Station armoury",
    "anb-qaim-ps": "Al-Qaim Police Station armoury",
    "anb-7-div": "7th Division armoury, Ain al-Asad air base",
    "sal-tikrit-ps": "Tikrit Police Station armoury",
    "sal-samarra-ps": "Samarra Police Station armoury",
    "nin-mosul-ps": "Mosul Left Bank Police Station armoury",
    "nin-15-div": "15th Division armoury, Qayyarah",
    "bgd-karkh-ps": "Karkh Police Station armoury",
}

#: Where a weapon goes next: the divisional armoury of the governorate.
DIVISIONAL_ARMOURY = {
    "ANB": ("Armourer of the 7th Division", "7th Division armoury, Ain al-Asad air base"),
    "NIN": ("Armourer of the 15th Division", "15th Division armoury, Qayyarah"),
}

#: The investigating court that hears the papers (in Baghdad, the Central Criminal Court's
#: investigating judges).
COURT = {"ANB": "anb-inv-court", "SAL": "sal-inv-court", "NIN": "nin-inv-court", "BGD": "bgd-ccci"}
COURT_PREFIX = {"ANB": "ANB-INV", "SAL": "SAL-INV", "NIN": "NIN-INV", "BGD": "CCCI"}
FELONY_COURT = {
    "ANB": "Anbar Felony Court",
    "SAL": "Salahuddin Felony Court",
    "NIN": "Nineveh Felony Court",
    "BGD": "Central Criminal Court of Iraq",
}
JUDGES = {
    "ANB": ("Sabah al-Jubouri", "Ammar Hamid al-Dulaimi"),
    "SAL": ("Nabil Khalaf al-Samarrai", "Adnan Shakir al-Tikriti"),
    "NIN": ("Raad Younis al-Hadidi", "Bashar Ali al-Taie"),
    "BGD": ("Hadi Kadhim al-Rubaie", "Majid Hamza al-Obaidi"),
}
PRISON = {
    "ANB": "the Ramadi Detention Centre",
    "SAL": "Rusafa Prison, Baghdad",
    "NIN": "Rusafa Prison, Baghdad",
    "BGD": "Rusafa Prison, Baghdad",
}
AFFILIATION = {
    "ANB": ("Daesh (ISIL), Wilayat al-Anbar", "Daesh (ISIL), Wilayat al-Falluja",
            "Daesh (ISIL), Wilayat al-Furat"),
    "SAL": ("Daesh (ISIL), Wilayat Salah al-Din", "Jaysh Rijal al-Tariqa al-Naqshbandiya"),
    "NIN": ("Daesh (ISIL), Wilayat Ninawa", "Daesh (ISIL), Wilayat Dijla"),
    "BGD": ("Daesh (ISIL), Wilayat al-Janub", "Daesh (ISIL), northern Baghdad belt"),
}  # fmt: skip

#: Deserters by governorate: the unit he returns to, the force he left, his post.
DESERTED_FROM = {
    "ANB": (
        ("anb-7-div", "deserted from the 7th Division", "Private, 7th Division"),
        ("anb-ramadi-ps", "deserted from Anbar police", "Policeman, Anbar police"),
    ),
    "SAL": (("sal-tikrit-ps", "deserted from Salahuddin police", "Policeman, Salahuddin police"),),
    "NIN": (
        (
            "nin-15-div",
            "deserted from the 2nd Division at the fall of Mosul",
            "Private, 2nd Division",
        ),
    ),
    "BGD": (("bgd-karkh-ps", "deserted from the Federal Police", "Federal policeman"),),
}

# --- Who does what -------------------------------------------------------------------------------

#: The demo user who receives and is assigned a governorate's cases.
RECEIVER = {"ANB": "officer", "SAL": "supervisor", "NIN": "officer.mosul", "BGD": "admin"}

#: In Anbar each step is taken by the user of that role; elsewhere by the governorate's acting
#: user, except amnesties, which the committee (Anbar, Salahuddin, Nineveh) decides.
_ANBAR_ACTORS = {
    S.INVESTIGATION: "investigator",
    S.REFERRED_TO_TRIAL: "investigator",
    S.TRIAL: "judge.felony",
    S.VERDICT: "judge.felony",
    S.CASSATION: "judge.felony",
    S.FINAL: "judge.felony",
    S.SERVING_SENTENCE: "prison",
    S.CONDITIONAL_RELEASE: "prison",
    S.RELEASED: "supervisor",
    S.REINTEGRATION: "supervisor",
    S.CLOSED: "supervisor",
}


def actor_for(governorate: str, status: str) -> str:
    """The username of the demo user who moves a case of ``governorate`` to ``status``."""
    if status == S.AMNESTIED and governorate in ("ANB", "SAL", "NIN"):
        return "committee"
    if governorate == "ANB":
        return _ANBAR_ACTORS.get(status, "officer")
    return RECEIVER[governorate]


# --- Texts ---------------------------------------------------------------------------------------

ROLE_DETAILS = {
    R.FIGHTER: (
        "Guard at a checkpoint of the group near {town}",
        "Fought in the group's ranks around {town}",
        "Member of a mortar team near {town}",
        "Held a defensive position on the edge of {town}",
        "Escorted convoys between {town} and {town2}",
    ),
    R.HISBAH: (
        "Patrolled the markets of {town} with the hisbah",
        "Enforced the group's dress and smoking rules in {town}",
        "Driver for the hisbah office in {town}",
        "Closed shops at prayer times in {town}",
    ),
    R.LOGISTICS: (
        "Drove supply trucks between {town} and {town2}",
        "Cook for the group's fighters in {town}",
        "Repaired the group's vehicles in {town}",
        "Handed out fuel and food rations in {town}",
        "Kept one of the group's warehouses in {town}",
    ),
    R.ADMINISTRATION: (
        "Clerk in the group's zakat office in {town}",
        "Recorded property seized by the group in {town}",
        "Taught in a school run by the group in {town}",
        "Worked in the group's services office (water, electricity) in {town}",
        "Kept the records of the group's court in {town}",
    ),
    R.OTHER: (
        "Shepherd who carried messages for the group near {town}",
        "Sold phone cards and fuel to the group's members in {town}",
    ),
}
WOMEN_ROLE_DETAILS = (
    "Searched women at the group's checkpoints in {town} (al-Khansaa brigade)",
    "Patrolled the women's market in {town} with the women's hisbah",
    "Clerk in the women's office of the hisbah in {town}",
)
COERCION = (
    "The group threatened to execute his father if he did not join.",
    "Joined for the food ration after the family's savings ran out during the siege of {town}.",
    "Detained by the hisbah for smoking and told to join or be flogged.",
    "Taken from school in {town} and sent to a training camp.",
    "The group seized the family's land in {town} and made his joining the price of keeping "
    "the house.",
    "His elder brother was killed by the group; he joined to protect his mother and sisters.",
    "Made to work under threat after the group found he had served in the police.",
)
INFORMATION = (
    "Named four members of a cell in {town} and the house they used.",
    "Located an arms cache near the road between {town} and {town2}.",
    "Gave the positions of roadside bombs on the road between {town} and {town2}.",
    "Identified the group's hisbah emir in {town}.",
    "Gave information that led to the arrest of two members in {town}.",
    "Described the tunnels the group dug under {town}.",
)
FAMILY_AT_RISK = (
    "His mother and two sisters still live in {town}, where the group can reach them.",
    "The group's security office in {town} threatened his father after he left.",
    "Wife and three children in {town}; the group knows the house.",
    "Parents and younger brothers displaced to a camp near {town}; a cousin is still with the "
    "group.",
)
MEDICAL = (
    "Shrapnel wound to the left leg; the dressing needs changing daily.",
    "Diabetic: needs insulin.",
    "Lost two fingers of the right hand; the wound is infected.",
    "Malnourished after the siege.",
    "Suspected tuberculosis: isolate and test.",
    "Burns on both arms from an airstrike.",
    "Epileptic: takes carbamazepine twice a day.",
)
SCREENING_NOTES = (
    "Identity confirmed against the civil status register.",
    "Fingerprints taken and sent to the Ministry of Interior database.",
    "Recognised by two witnesses from {town}.",
    "His account of his role matches what the mukhtar of {town} told us.",
    "Name checked against the joint operations command wanted lists in both spellings.",
)

#: Reasons given for the pipeline's moves, as officers, courts and committees wrote them.
INVESTIGATION_OPENED = (
    "Screening complete: investigation opened under Anti-Terrorism Law 13/2005 Art. 4"
)
RELEASED_BY_JUDGE = (
    "Insufficient evidence: the investigating judge ordered his release",
    "The only evidence was a secret informant's statement: released by the investigating judge",
)
AMNESTY_BEFORE_TRIAL = (
    "General Amnesty Law 27/2016: no part in killing and the charge is not excluded; "
    "proceedings stopped"
)
REFERRED = "Investigation closed: referred to {court} (Anti-Terrorism Law 13/2005 Art. 4/1)"
AMNESTY_AT_TRIAL = "The court applied the General Amnesty Law 27/2016 and stopped the proceedings"
AUTOMATIC_CASSATION = (
    "Sent to the Federal Court of Cassation for automatic review of the death sentence"
)
RETRIAL = "The Court of Cassation quashed the verdict and ordered a retrial"
AMNESTY_OF_SENTENCE = (
    "Sentence cancelled by the amnesty committee under General Amnesty Law 27/2016",
    "Amnestied under Law 27/2016 as amended in 2017, after the victim's family waived its claim",
)
CONDITIONAL_RELEASE = (
    "Served {share} of his sentence, pre-trial detention counted: conditional release granted "
    "(CPC Art. 331)"
)
REPORTING = "Reporting monthly to the police in {town}; reintegration follow-up opened"

#: Where the men who came in lately had been since the group's defeat.
HIDING = (
    "; came back from al-Hol camp, Syria",
    "; hid with relatives in the desert for years",
    "; lived under a false name in Erbil until found",
    "",
)

# --- Specifications ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeaponSpec:
    kind: str
    description: str
    serial_number: str
    quantity: int
    condition: str
    #: When set, a second link of custody: (to holder, location) a few days after intake.
    moved_to: tuple[str, str] | None = None


@dataclass(frozen=True)
class OrderSpec:
    starts_on: dt.date
    ends_on: dt.date
    order_number: str
    judge_name: str


@dataclass(frozen=True)
class CaseSpec:
    """One demo case, as the services are to receive it."""

    national_id: str
    governorate: str
    unit: str
    receiver: str
    assignee: str
    kind: str
    #: Identity fields; ``home_governorate`` is a code and ``home_district`` an English name.
    person: dict[str, Any]
    aliases: tuple[str, ...]
    intake: dict[str, Any]
    weapons: tuple[WeaponSpec, ...] = ()
    screening: dict[str, Any] | None = None
    presented_at: dt.datetime | None = None
    #: Moves after screening, in order: (status, reason).
    path: tuple[tuple[str, str], ...] = ()
    #: Recorded as soon as the case reaches investigation.
    orders: tuple[OrderSpec, ...] = field(default=())


def _age(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class _Builder:
    """Draws the cases from one seeded generator, in a fixed order."""

    def __init__(self) -> None:
        # Not for security: a fixed seed, so that every run draws the same demo.
        self.rng = random.Random(SEED)  # noqa: S311
        self.count = 0
        self.serials: set[str] = set()
        self.order_numbers = dict.fromkeys(GOVERNORATES, 0)

    # Small draws --------------------------------------------------------------------------------

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, max((end - start).days, 0)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def weighted(self, pairs):
        items, weights = zip(*pairs, strict=True)
        return self.rng.choices(items, weights=weights)[0]

    def towns(self, gov: str) -> dict[str, str]:
        town, town2 = self.rng.sample(TOWNS[gov], 2)
        return {"town": town, "town2": town2}

    def serial(self, fmt: str, low: int, high: int) -> str:
        while True:
            value = fmt.format(self.rng.randint(low, high))
            if value not in self.serials:
                self.serials.add(value)
                return value

    def next_id(self) -> str:
        self.count += 1
        return f"{DEMO_PREFIX}{self.count:05d}"

    # The person ---------------------------------------------------------------------------------

    def person(
        self,
        gov: str,
        *,
        acts_from: dt.date | None,
        age: int | None,
        woman: bool = False,
        exact_birth: bool | None = None,
    ) -> tuple[dict[str, Any], tuple[str, ...]]:
        rng = self.rng
        given_ar, given_lat = rng.choice(WOMEN if woman else GIVEN)
        father_ar, father_lat = rng.choice(GIVEN + ELDERS)
        grand_ar, grand_lat = rng.choice(ELDERS + GIVEN)
        family_ar, family_lats, tribe = rng.choice(FAMILIES[gov])
        style = rng.choice(FAMILY_STYLES)
        family_lat = style.format(rng.choice(family_lats))
        data: dict[str, Any] = {
            "given_name_ar": given_ar,
            "father_name_ar": father_ar,
            "grandfather_name_ar": grand_ar,
            "family_name_ar": family_ar,
            "mother_name_ar": f"{rng.choice(MOTHERS)} {rng.choice(ELDERS)[0]}",
            "sex": "f" if woman else "m",
            "tribe": tribe,
        }
        latin = rng.random() < 0.9
        if latin:
            data.update(
                given_name_lat=rng.choice(given_lat),
                father_name_lat=rng.choice(father_lat),
                grandfather_name_lat=rng.choice(grand_lat),
                family_name_lat=family_lat,
            )
        home_gov = gov if gov != "BGD" or rng.random() < 0.8 else "ANB"
        data["home_governorate"] = home_gov
        data["home_district"] = rng.choice(HOME_DISTRICTS[home_gov])
        # Date of birth: exact from his ID card, an estimated year, or (rarely) nothing at all.
        if age is not None and acts_from is not None:
            if exact_birth is None:
                exact_birth = rng.random() < 0.8
            born = acts_from - dt.timedelta(days=365 * age + rng.randint(10, 350))
            if exact_birth:
                data["date_of_birth"] = born
            else:
                # Counted from 1 July: keep the estimated year giving the same age.
                before_july = (acts_from.month, acts_from.day) < (7, 1)
                data["birth_year_estimated"] = acts_from.year - age - before_july
        aliases: list[str] = []
        if rng.random() < 0.35:
            son_ar, son_lat = rng.choice(SONS)
            prefix_ar, prefix_lat = ("أم", "Umm") if woman else ("أبو", "Abu")
            data["kunya"] = f"{prefix_ar} {son_ar}"
            if rng.random() < 0.5:
                nisba_ar, nisba_lat = NISBA[gov]
                aliases.append(f"{prefix_lat} {son_lat} {nisba_lat}")
                if rng.random() < 0.5:
                    aliases.append(f"{prefix_ar} {son_ar} {nisba_ar}")
        if latin and rng.random() < 0.15:
            # The same man written another way on another list.
            other = [rng.choice(given_lat), rng.choice(father_lat)]
            other.append(FAMILY_STYLES[0].format(rng.choice(family_lats)))
            spelled = " ".join(other)
            if spelled != " ".join((data["given_name_lat"], data["father_name_lat"], family_lat)):
                aliases.append(spelled)
        return data, tuple(aliases)

    # The intake ---------------------------------------------------------------------------------

    def circumstances(
        self, gov: str, kind: str, role: str, *, juvenile: bool, woman: bool, places: dict
    ) -> dict[str, Any]:
        rng = self.rng
        fighter = role == R.FIGHTER
        if kind == K.ARREST:
            killing = self.weighted(
                ((YNU.UNKNOWN, 60), (YNU.NO, 25), (YNU.YES, 15 if fighter else 0))
            )
            coerced, cooperates = self.chance(0.1), self.chance(0.08)
        else:
            killing = self.weighted(
                ((YNU.NO, 70), (YNU.UNKNOWN, 20), (YNU.YES, 10 if fighter else 0))
            )
            coerced = self.chance(0.35 if kind == K.HANDED_OVER else 0.3)
            cooperates = self.chance(0.3 if kind == K.VOLUNTARY_SURRENDER else 0.15)
        if juvenile:
            coerced = self.chance(0.8)
        details = rng.choice(WOMEN_ROLE_DETAILS) if woman else rng.choice(ROLE_DETAILS[role])
        data: dict[str, Any] = {
            "role": role,
            "role_detail": details.format(**places),
            "killing_declared": killing,
            "coercion_claimed": coerced,
            "coercion_details": rng.choice(COERCION).format(**places) if coerced else "",
            "cooperation_given": cooperates,
            "information_given": rng.choice(INFORMATION).format(**places) if cooperates else "",
        }
        at_risk = self.chance(0.5 if cooperates else 0.15)
        data["family_at_risk"] = at_risk
        data["family_at_risk_details"] = (
            rng.choice(FAMILY_AT_RISK).format(**places) if at_risk else ""
        )
        data["protection_needed"] = (at_risk and self.chance(0.7)) or (
            cooperates and self.chance(0.3)
        )
        data["medical_needs"] = rng.choice(MEDICAL) if self.chance(0.12) else ""
        return data

    def handed_over_by(self, gov: str, places: dict) -> str:
        rng = self.rng
        _family_ar, family_lats, tribe = rng.choice(FAMILIES[gov])
        sheikh = f"{rng.choice(ELDERS)[1][0]} {rng.choice(ELDERS)[1][0]} al-{family_lats[0]}"
        tribe_lat = tribe.split(" — ")[-1] if tribe else f"al-{family_lats[0]} family"
        return rng.choice(
            (
                f"Sheikh {sheikh} of the {tribe_lat}",
                "His father, who brought him to the station",
                "His uncle, on behalf of the family",
                f"The mukhtar of {places['town']}",
                f"A delegation of the {tribe_lat} elders",
            )
        )

    def weapons(self, gov: str, *, move: bool) -> tuple[WeaponSpec, ...]:
        rng = self.rng
        items: list[WeaponSpec] = []
        working = WeaponItem.Condition.WORKING
        moved_to = DIVISIONAL_ARMOURY.get(gov) if move else None
        if self.chance(0.9):
            model = self.weighted((("AK-47", 80), ("PKC", 8), ("M16A4", 7), ("SVD", 5)))
            kind = W.MACHINE_GUN if model == "PKC" else W.RIFLE
            described = {
                "AK-47": f"Kalashnikov rifle with {rng.randint(2, 4)} magazines",
                "PKC": "PKC general-purpose machine gun with a belt",
                "M16A4": "M16A4 rifle, Iraqi army issue taken in 2014",
                "SVD": "Dragunov sniper rifle with a scope",
            }[model]
            items.append(
                WeaponSpec(
                    kind,
                    described,
                    self.serial(model + " #{}", 1_000_000, 9_999_999),
                    1,
                    self.weighted(((working, 80), (WeaponItem.Condition.DAMAGED, 20))),
                    moved_to,
                )
            )
        else:
            model = rng.choice(("Glock 19", "Tariq 9 mm"))
            items.append(
                WeaponSpec(
                    W.PISTOL,
                    f"{model} pistol",
                    self.serial(model + " #{}", 10_000, 99_999),
                    1,
                    working,
                    moved_to,
                )
            )
        if self.chance(0.6):
            rounds = rng.choice((60, 90, 120, 150, 210, 300))
            calibre = "7.62x39 mm" if items[0].kind != W.PISTOL else "9 mm"
            items.append(WeaponSpec(W.AMMUNITION, f"{calibre} rounds", "", rounds, working))
        if self.chance(0.3):
            items.append(
                WeaponSpec(W.GRENADE, "RGD-5 hand grenades", "", rng.randint(1, 4), working)
            )
        if self.chance(0.04):
            items.append(
                WeaponSpec(
                    W.RPG,
                    "RPG-7 launcher with two rockets",
                    self.serial("RPG-7 #{}", 100_000, 999_999),
                    1,
                    working,
                )
            )
        if self.chance(0.02):
            items.append(
                WeaponSpec(
                    W.EXPLOSIVES,
                    "Explosive belt, made safe by the bomb disposal team",
                    "",
                    1,
                    WeaponItem.Condition.UNSERVICEABLE,
                )
            )
        return tuple(items)

    def screening(
        self,
        gov: str,
        kind: str,
        role: str,
        killing: str,
        at: dt.datetime,
        outcome: str,
        places: dict,
    ) -> dict[str, Any]:
        rng = self.rng
        if kind == K.ARREST:
            match = self.weighted((("confirmed", 40), ("possible", 30), ("none", 30)))
        elif kind == K.DESERTER_RETURN:
            match = "none"
        else:
            match = self.weighted((("none", 60), ("possible", 30), ("confirmed", 10)))
        if killing == YNU.YES or (role == R.FIGHTER and match == "confirmed"):
            tier = Screening.RiskTier.HIGH
        elif role == R.FIGHTER or match != "none":
            tier = self.weighted(((Screening.RiskTier.MEDIUM, 70), (Screening.RiskTier.HIGH, 30)))
        else:
            tier = self.weighted(((Screening.RiskTier.LOW, 70), (Screening.RiskTier.MEDIUM, 30)))
        reference = ""
        if match != "none":
            reference = f"{gov} wanted list {at.year}/{rng.randint(100, 9999):04d}"
        return {
            "screened_at": at + dt.timedelta(hours=rng.randint(2, 20)),
            "wanted_match": match,
            "wanted_reference": reference,
            "risk_tier": tier,
            "outcome": outcome,
            "notes": rng.choice(SCREENING_NOTES).format(**places),
        }

    def orders(self, gov: str, start: dt.date, lengths: list[int]) -> tuple[OrderSpec, ...]:
        orders = []
        judge = self.rng.choice(JUDGES[gov])
        for days in lengths:
            self.order_numbers[gov] += 1
            number = f"{COURT_PREFIX[gov]}/{start.year}/{self.order_numbers[gov]:04d}"
            end = start + dt.timedelta(days=days - 1)
            orders.append(OrderSpec(start, end, number, f"Judge {judge}"))
            start = end + dt.timedelta(days=1)
        return tuple(orders)

    # The pipeline -------------------------------------------------------------------------------

    def sentence(self, kind: str, age: int | None, short: bool) -> tuple[str, bool]:
        """The verdict's text, and whether it is one of death (which goes to cassation)."""
        rng = self.rng
        if age is not None and age < 18:
            years = rng.randint(2, 5)
            return (
                f"Convicted by the juvenile court: placed in a reform school for {years} years "
                "(Juvenile Welfare Law 76/1983)",
                False,
            )
        if short:
            years = rng.randint(5, 8)
        elif kind == K.ARREST:
            years = rng.choice((10, 15, 15, 20, 20, 0))
        else:
            years = rng.choice((6, 7, 8, 10, 12, 15))
        if years == 0 and (age is None or age > 20):
            return ("Convicted under Anti-Terrorism Law 13/2005 Art. 4/1: sentenced to death", True)
        if years in (0, 20):
            return (
                "Convicted under Anti-Terrorism Law 13/2005 Art. 4/1: sentenced to life "
                "imprisonment (20 years)",
                False,
            )
        mitigation = (
            ", his voluntary surrender taken into account"
            if kind in (K.VOLUNTARY_SURRENDER, K.HANDED_OVER)
            else ""
        )
        return (
            f"Convicted under Anti-Terrorism Law 13/2005 Art. 4/1: sentenced to {years} years' "
            f"imprisonment{mitigation}",
            False,
        )

    def tail(self, gov: str, places: dict) -> list[tuple[str, str]]:
        """After release or amnesty: home, follow-up, file closed (or not yet)."""
        rng = self.rng
        reintegration = rng.choice(
            (
                f"Returned home to {places['town']} under the kafala of his tribe's sheikh; "
                "security clearance granted",
                f"Security clearance granted; back with his family in {places['town']}",
                "Reintegration follow-up opened; the family withdrew its bara'a",
            )
        )
        closed = rng.choice(
            (
                "Six months of follow-up completed without incident: file closed",
                "No further proceedings: file closed",
            )
        )
        choice = self.weighted((("stop", 40), ("reint", 30), ("reint_closed", 20), ("closed", 10)))
        if choice == "reint":
            return [(S.REINTEGRATION, reintegration)]
        if choice == "reint_closed":
            return [(S.REINTEGRATION, reintegration), (S.CLOSED, closed)]
        if choice == "closed":
            return [(S.CLOSED, closed)]
        return []

    def path(
        self, gov: str, kind: str, age: int | None, places: dict
    ) -> tuple[str, list[tuple[str, str]]]:
        """The screening outcome and the moves after screening of a case that is not a
        deserter's."""
        rng = self.rng
        col = {K.VOLUNTARY_SURRENDER: 0, K.ARREST: 1, K.HANDED_OVER: 2}[kind]
        weights = {
            "screening": (3, 2, 3),
            "investigation": (6, 6, 5),
            "inv_released": (6, 2, 5),
            "inv_amnestied": (8, 2, 6),
            "referred": (5, 6, 5),
            "trial": (5, 7, 5),
            "trial_amnestied": (4, 1, 3),
            "verdict": (3, 4, 3),
            "cassation": (2, 5, 2),
            "final": (3, 4, 3),
            "serving": (10, 20, 12),
            "conditional_release": (5, 3, 4),
            "cr_reintegration": (5, 2, 4),
            "serving_amnestied": (6, 3, 5),
            "serving_released": (2, 3, 2),
            "acquitted": (4, 3, 3),
            "screening_released": (6, 2, 5),
        }
        end = self.weighted((k, w[col]) for k, w in weights.items())
        felony = FELONY_COURT[gov]
        juvenile = age is not None and age < 18
        if end == "screening":
            return Screening.Outcome.OTHER, []
        if end == "screening_released":
            reason = rng.choice(
                (
                    "No match on the wanted lists and no evidence of membership: released after "
                    "screening",
                    "He shares the name of a wanted man but not his mother's name: released",
                )
            )
            return Screening.Outcome.RELEASE, [(S.RELEASED, reason), *self.tail(gov, places)]
        moves = [(S.INVESTIGATION, INVESTIGATION_OPENED)]
        add = moves.append
        if end == "investigation":
            return Screening.Outcome.INVESTIGATE, moves
        if end == "inv_released":
            add((S.RELEASED, rng.choice(RELEASED_BY_JUDGE)))
            return Screening.Outcome.INVESTIGATE, moves + self.tail(gov, places)
        if end == "inv_amnestied":
            add((S.AMNESTIED, AMNESTY_BEFORE_TRIAL))
            return Screening.Outcome.INVESTIGATE, moves + self.tail(gov, places)
        court = "the Anbar Juvenile Court" if juvenile and gov == "ANB" else f"the {felony}"
        add((S.REFERRED_TO_TRIAL, REFERRED.format(court=court)))
        if end == "referred":
            return Screening.Outcome.INVESTIGATE, moves
        add((S.TRIAL, f"First hearing held at {court}"))
        if end == "trial":
            return Screening.Outcome.INVESTIGATE, moves
        if end == "trial_amnestied":
            add((S.AMNESTIED, AMNESTY_AT_TRIAL))
            return Screening.Outcome.INVESTIGATE, moves + self.tail(gov, places)
        if end == "acquitted":
            add((S.VERDICT, "Acquitted: the evidence did not establish membership"))
            add((S.RELEASED, "Released from detention after the acquittal"))
            return Screening.Outcome.INVESTIGATE, moves + self.tail(gov, places)
        short = end in ("conditional_release", "cr_reintegration", "serving_released")
        verdict, death = self.sentence(kind, age, short)
        add((S.VERDICT, verdict))
        if death:
            # Death sentences go to the Court of Cassation of their own motion.
            add((S.CASSATION, AUTOMATIC_CASSATION))
            if rng.random() < 0.4:
                add((S.TRIAL, RETRIAL))
            return Screening.Outcome.INVESTIGATE, moves
        if end == "verdict":
            return Screening.Outcome.INVESTIGATE, moves
        if end == "cassation" or rng.random() < 0.3:
            add((S.CASSATION, "Appeal lodged with the Federal Court of Cassation within 30 days"))
            if end == "cassation":
                return Screening.Outcome.INVESTIGATE, moves
            add((S.FINAL, "The Federal Court of Cassation upheld the verdict"))
        else:
            add((S.FINAL, "No appeal within 30 days: the verdict is final"))
        if end == "final":
            return Screening.Outcome.INVESTIGATE, moves
        add((S.SERVING_SENTENCE, f"Transferred to {PRISON[gov]} to serve his sentence"))
        if end == "serving":
            return Screening.Outcome.INVESTIGATE, moves
        if end == "serving_amnestied":
            add((S.AMNESTIED, rng.choice(AMNESTY_OF_SENTENCE)))
            return Screening.Outcome.INVESTIGATE, moves + self.tail(gov, places)
        if end == "serving_released":
            add((S.RELEASED, "Sentence served in full, pre-trial detention counted"))
            return Screening.Outcome.INVESTIGATE, moves + self.tail(gov, places)
        share = "two thirds" if juvenile else "three quarters"
        add((S.CONDITIONAL_RELEASE, CONDITIONAL_RELEASE.format(share=share)))
        if end == "cr_reintegration":
            add((S.REINTEGRATION, REPORTING.format(**places)))
            if rng.random() < 0.4:
                add((S.CLOSED, "Conditional release period ended: file closed"))
        return Screening.Outcome.INVESTIGATE, moves

    # The cases ----------------------------------------------------------------------------------

    def historical(self, total: int) -> list[CaseSpec]:
        """The 2015–2017 cases: most of Anbar, the rest of Salahuddin, Nineveh and Baghdad."""
        rng = self.rng
        gov_counts = {"ANB": 0.59, "SAL": 0.155, "NIN": 0.155, "BGD": 0.10}
        govs = [g for g, share in gov_counts.items() for _ in range(round(total * share))]
        govs = (govs + ["ANB"] * total)[:total]
        kind_shares = {
            K.VOLUNTARY_SURRENDER: 0.45, K.ARREST: 0.30, K.HANDED_OVER: 0.15,
            K.DESERTER_RETURN: 0.10,
        }  # fmt: skip
        kinds = [k for k, share in kind_shares.items() for _ in range(round(total * share))]
        kinds = (kinds + [K.VOLUNTARY_SURRENDER] * total)[:total]
        rng.shuffle(govs)
        rng.shuffle(kinds)
        civilians = [i for i, k in enumerate(kinds) if k != K.DESERTER_RETURN]
        picked = rng.sample(civilians, 15 + 8 + 3)
        juveniles, young, women = set(picked[:15]), set(picked[15:23]), set(picked[23:])
        voluntary = [i for i, k in enumerate(kinds) if k == K.VOLUNTARY_SURRENDER]
        armed = set(rng.sample(voluntary, math.ceil(len(voluntary) / 3)))
        moved = 0
        specs = []
        for i, (gov, kind) in enumerate(zip(govs, kinds, strict=True)):
            if kind == K.DESERTER_RETURN:
                specs.append(self.deserter(gov))
                continue
            if i in juveniles:
                age = rng.randint(14, 17)
            elif i in young:
                age = rng.randint(18, 20)
            else:
                age = rng.randint(21, 48)
            move = i in armed and gov in DIVISIONAL_ARMOURY and moved < 4
            moved += move
            specs.append(
                self.civilian(
                    gov, kind, age=age, woman=i in women, armed=i in armed, move_weapon=move
                )
            )
        return specs

    def civilian(
        self, gov: str, kind: str, *, age: int, woman: bool, armed: bool, move_weapon: bool
    ) -> CaseSpec:
        rng = self.rng
        unit = self.weighted(RECEIVING[gov])
        start, end = WINDOWS[unit]
        day = self.day(start, end)
        at = _aware(day, rng.randint(6, 21), rng.choice((0, 10, 15, 20, 30, 40, 45, 50)))
        juvenile = age < 18
        earliest = dt.date(2014, 1, 5) if gov in ("ANB", "BGD") else dt.date(2014, 6, 10)
        latest = dt.date(2014, 12, 31) if juvenile else dt.date(2015, 9, 30)
        affiliated_from = self.day(earliest, latest)
        if not juvenile and self.chance(0.05):
            affiliated_from = None
        until = day - dt.timedelta(days=rng.randint(0, 180))
        if affiliated_from and until < affiliated_from + dt.timedelta(days=60):
            until = day
        if kind == K.ARREST and self.chance(0.3):
            until = None  # still with the group when he was arrested
        known_age = age if (juvenile or age <= 20 or self.chance(0.95)) else None
        person, aliases = self.person(
            gov, acts_from=affiliated_from or day, age=known_age, woman=woman
        )
        role = self.weighted(
            ((R.HISBAH, 60), (R.ADMINISTRATION, 40))
            if woman
            else ((R.FIGHTER, 35), (R.HISBAH, 15), (R.LOGISTICS, 25), (R.ADMINISTRATION, 15),
                  (R.OTHER, 10))
        )  # fmt: skip
        places = self.towns(gov)
        intake = {
            "at": at,
            "place": rng.choice(PLACES[unit]),
            "handed_over_by": self.handed_over_by(gov, places) if kind == K.HANDED_OVER else "",
            "affiliation": rng.choice(AFFILIATION[gov]),
            "affiliated_from": affiliated_from,
            "affiliated_until": until,
            **self.circumstances(gov, kind, role, juvenile=juvenile, woman=woman, places=places),
        }
        weapons = self.weapons(gov, move=move_weapon) if armed else ()
        outcome, path = self.path(gov, kind, age if known_age is not None else None, places)
        screening = self.screening(gov, kind, role, intake["killing_declared"], at, outcome, places)
        late = self.chance(0.05)
        hours = rng.randint(26, 60) if late else rng.randint(3, 22)
        presented_at = at + dt.timedelta(hours=hours, minutes=rng.choice((0, 15, 30, 45)))
        # Detention orders only where the case has since left pre-trial detention (released,
        # amnestied, tried): a 2016 order still running would be a stale open deadline.
        statuses = [s for s, _reason in path]
        orders: tuple[OrderSpec, ...] = ()
        if (
            S.INVESTIGATION in statuses
            and ({S.VERDICT, S.RELEASED, S.AMNESTIED} & set(statuses))
            and self.chance(0.55)
        ):
            lengths = [rng.randint(10, 15) for _ in range(rng.randint(1, 4))]
            orders = self.orders(gov, timezone.localdate(presented_at), lengths)
        assignee = RECEIVER[gov]
        if gov == "ANB":
            assignee = rng.choice(("officer", "officer", "investigator"))
        return CaseSpec(
            national_id=self.next_id(),
            governorate=gov,
            unit=unit,
            receiver=RECEIVER[gov],
            assignee=assignee,
            kind=kind,
            person=person,
            aliases=aliases,
            intake=intake,
            weapons=weapons,
            screening=screening,
            presented_at=presented_at,
            path=tuple(path),
            orders=orders,
        )

    def deserter(self, gov: str) -> CaseSpec:
        """A soldier or policeman back at his unit: in 2015 within the decree's 30 days, or
        later under the General Amnesty Law, or prosecuted."""
        rng = self.rng
        unit, force, post = rng.choice(DESERTED_FROM[gov])
        places = self.towns(gov)
        in_window = gov != "NIN" and self.chance(0.6)
        if in_window:
            day = self.day(dt.date(2015, 4, 12), dt.date(2015, 5, 20))
        else:
            day = self.day(dt.date(2016, 9, 1), dt.date(2017, 12, 20))
        at = _aware(day, rng.randint(7, 16), rng.choice((0, 15, 30, 45)))
        left = self.day(dt.date(2014, 6, 1), dt.date(2015, 3, 31))
        age = rng.randint(20, 40)
        person, aliases = self.person(gov, acts_from=left, age=age, exact_birth=True)
        person["service_number"] = (
            self.serial("{}", 10_000_000, 99_999_999)
            if "Division" in force
            else self.serial("P-{}", 100_000, 999_999)
        )
        detail = rng.choice(
            (
                f"{post}; left his post at {places['town']} in {left:%B %Y}",
                f"{post}; absent since the fall of {places['town']} in {left:%B %Y}",
                f"{post}; went to Turkey hoping to reach Europe, came back in {day:%B %Y}",
                f"{post}; shot himself in the foot to escape service in {left:%B %Y}",
            )
        )
        intake = {
            "at": at,
            "place": rng.choice(PLACES[unit]),
            "affiliation": force,
            "role": R.OTHER,
            "role_detail": detail,
            "affiliated_from": left,
            "affiliated_until": day - dt.timedelta(days=rng.randint(1, 10)),
            "killing_declared": YNU.NO,
            "medical_needs": rng.choice(MEDICAL) if self.chance(0.1) else "",
        }
        committee = (
            "Returned to his unit within the 30 days of the Council of Ministers' decision of "
            "April 2015: proceedings for desertion stopped"
            if in_window
            else "General Amnesty Law 27/2016: desertion is not among the excluded offences; "
            "amnesty granted"
        )
        prosecuted = 0 if in_window else 17
        end = self.weighted((("amnesty", 75), ("waiting", 8), ("prosecuted", prosecuted)))
        back = "Back on duty with his unit after the amnesty"
        if end == "waiting":
            outcome, path = Screening.Outcome.DESERTER_AMNESTY, []
        elif end == "amnesty":
            outcome = Screening.Outcome.DESERTER_AMNESTY
            path = [(S.AMNESTIED, committee)]
            after = self.weighted((("back", 50), ("closed", 30), ("back_closed", 20)))
            if after.startswith("back"):
                path.append((S.REINTEGRATION, back))
            if after == "closed":
                path.append((S.CLOSED, "Amnesty recorded: file closed"))
            if after == "back_closed":
                path.append((S.CLOSED, "A year back on duty: file closed"))
        else:
            outcome = Screening.Outcome.INVESTIGATE
            path = [
                (S.INVESTIGATION, "Suspected of joining the group while absent: investigated"),
                (S.REFERRED_TO_TRIAL, f"Referred to the {FELONY_COURT[gov]}"),
            ]
            if self.chance(0.6):
                path.append((S.TRIAL, f"First hearing held at the {FELONY_COURT[gov]}"))
        screening = self.screening(gov, K.DESERTER_RETURN, R.OTHER, YNU.NO, at, outcome, places)
        return CaseSpec(
            national_id=self.next_id(),
            governorate=gov,
            unit=unit,
            receiver=RECEIVER[gov],
            assignee=RECEIVER[gov],
            kind=K.DESERTER_RETURN,
            person=person,
            aliases=aliases,
            intake=intake,
            screening=screening,
            path=tuple(path),
        )

    def in_detention(self, now: dt.datetime, gov: str) -> CaseSpec:
        """A case of the last weeks under investigation, its current detention order running."""
        rng = self.rng
        today = timezone.localdate(now)
        lengths = [rng.randint(10, 15) for _ in range(rng.randint(1, 4))]
        # The last order ends one to eight days from today.
        days_ago = sum(lengths) - rng.randint(2, 9)
        presented_at = _aware(today - dt.timedelta(days=days_ago), rng.randint(9, 13))
        at = presented_at - dt.timedelta(hours=rng.randint(4, 20))
        kind = self.weighted(((K.VOLUNTARY_SURRENDER, 4), (K.ARREST, 4), (K.HANDED_OVER, 2)))
        unit = "anb-ramadi-ps" if gov == "ANB" else "nin-mosul-ps"
        places = self.towns(gov)
        affiliated_from = self.day(dt.date(2014, 6, 1), dt.date(2016, 12, 31))
        person, aliases = self.person(gov, acts_from=affiliated_from, age=rng.randint(19, 40))
        role = self.weighted(((R.FIGHTER, 40), (R.LOGISTICS, 30), (R.ADMINISTRATION, 30)))
        intake = {
            "at": at,
            "place": rng.choice(PLACES[unit]),
            "handed_over_by": self.handed_over_by(gov, places) if kind == K.HANDED_OVER else "",
            "affiliation": rng.choice(AFFILIATION[gov]),
            "role": role,
            "affiliated_from": affiliated_from,
            "affiliated_until": self.day(dt.date(2017, 6, 1), dt.date(2019, 3, 23)),
            **self.circumstances(gov, kind, role, juvenile=False, woman=False, places=places),
        }
        intake["role_detail"] += rng.choice(HIDING)
        screening = self.screening(
            gov, kind, role, intake["killing_declared"], at, Screening.Outcome.INVESTIGATE, places
        )
        screening["screened_at"] = at + dt.timedelta(hours=1)
        return CaseSpec(
            national_id=self.next_id(),
            governorate=gov,
            unit=unit,
            receiver=RECEIVER[gov],
            assignee=RECEIVER[gov],
            kind=kind,
            person=person,
            aliases=aliases,
            intake=intake,
            screening=screening,
            presented_at=presented_at,
            path=((S.INVESTIGATION, INVESTIGATION_OPENED),),
            orders=self.orders(gov, timezone.localdate(presented_at), lengths),
        )

    def just_in(self, now: dt.datetime, hours_ago: int, kind: str, armed: bool) -> CaseSpec:
        """An Anbar intake of the last hours whose papers have not yet reached a judge."""
        rng = self.rng
        gov, unit = "ANB", "anb-ramadi-ps"
        at = now - dt.timedelta(hours=hours_ago, minutes=rng.randint(0, 50))
        places = self.towns(gov)
        affiliated_from = self.day(dt.date(2014, 1, 5), dt.date(2015, 12, 31))
        person, aliases = self.person(gov, acts_from=affiliated_from, age=rng.randint(16, 35))
        role = self.weighted(((R.FIGHTER, 40), (R.LOGISTICS, 30), (R.HISBAH, 30)))
        intake = {
            "at": at,
            "place": rng.choice(PLACES[unit]),
            "handed_over_by": self.handed_over_by(gov, places) if kind == K.HANDED_OVER else "",
            "affiliation": rng.choice(AFFILIATION[gov]),
            "role": role,
            "affiliated_from": affiliated_from,
            "affiliated_until": self.day(dt.date(2017, 10, 1), dt.date(2019, 3, 23)),
            **self.circumstances(gov, kind, role, juvenile=False, woman=False, places=places),
        }
        intake["role_detail"] += "; came back from al-Hol camp, Syria, through al-Qaim"
        return CaseSpec(
            national_id=self.next_id(),
            governorate=gov,
            unit=unit,
            receiver="officer",
            assignee="officer",
            kind=kind,
            person=person,
            aliases=aliases,
            intake=intake,
            weapons=self.weapons(gov, move=False) if armed else (),
        )


#: How many hours ago each recent Anbar intake came in: the last is past its 24 hours.
RECENT_INTAKES = (
    (2, K.VOLUNTARY_SURRENDER, True),
    (6, K.HANDED_OVER, False),
    (11, K.ARREST, False),
    (19, K.VOLUNTARY_SURRENDER, False),
    (31, K.ARREST, False),
)
HISTORICAL = 290
IN_DETENTION = ("ANB", "ANB", "ANB", "ANB", "ANB", "ANB", "NIN", "NIN")


def demo_cases(now: dt.datetime) -> list[CaseSpec]:
    """Every demo case, in the order they are to be created. The same on every call, except the
    recent ones' times, which follow ``now``."""
    builder = _Builder()
    specs = builder.historical(HISTORICAL)
    specs += [builder.in_detention(now, gov) for gov in IN_DETENTION]
    specs += [builder.just_in(now, h, kind, armed) for h, kind, armed in RECENT_INTAKES]
    return specs
