#!/usr/bin/env python3
"""Write the addon's demo files for the Abai region (deterministic: same output every run).

    python3 scripts/make_demo.py

Writes youth_movement/demo/youth_organization_demo.xml and youth_member_demo.xml. People's names
are invented; places and organizations are those of the council meeting in DOMAIN.md.
"""

import datetime
import importlib.util
import pathlib
import random
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEMO = ROOT / "youth_movement" / "demo"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "youth_movement" / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


iin = _load("iin")

SCHOOL_YEAR = 2026  # the demo's pupils are in school year 2026–2027
DISTRICTS = [  # key, English name, kind, schools
    ("semey", "Semey", "city", 8),
    ("kurchatov", "Kurchatov", "city", 2),
    ("abai", "Abai district", "district", 2),
    ("aksuat", "Aksuat district", "district", 2),
    ("ayagoz", "Ayagoz district", "district", 3),
    ("beskaragai", "Beskaragai district", "district", 2),
    ("borodulikha", "Borodulikha district", "district", 2),
    ("zharma", "Zharma district", "district", 2),
    ("kokpekti", "Kokpekti district", "district", 2),
    ("urzhar", "Urzhar district", "district", 2),
    ("makanshy", "Makanshy district", "district", 1),
    ("zhanasemey", "Zhanasemey district", "district", 1),
]
SCHOOL_TOWN = {
    "semey": "Семей",
    "kurchatov": "Курчатов",
    "abai": "Қарауыл",
    "aksuat": "Ақсуат",
    "ayagoz": "Аягөз",
    "beskaragai": "Бесқарағай",
    "borodulikha": "Бородулиха",
    "zharma": "Шар",
    "kokpekti": "Көкпекті",
    "urzhar": "Үржар",
    "makanshy": "Мақаншы",
    "zhanasemey": "Жаңасемей",
}
PARTNERS = [  # key, name, type, district
    ("education_department", "Абай облысының білім басқармасы", "education_department", "semey"),
    ("daryn", "«Дарын» ғылыми-практикалық орталығы", "methodological_centre", "semey"),
    ("university", "Әлихан Бөкейхан университеті", "university", "semey"),
    ("library", "Абай атындағы облыстық әмбебап кітапханасы", "library", "semey"),
    ("ombudsman", "Абай облысы бойынша бала құқықтары жөніндегі уәкіл", "state_body", "semey"),
    ("youth_centre", "«Абай жастары» жастар ресурстық орталығы", "youth_centre", "semey"),
    ("maslikhat", "Абай облыстық мәслихаты", "state_body", "semey"),
]
MALE = [
    "Алихан",
    "Нұрлан",
    "Ерлан",
    "Данияр",
    "Әлібек",
    "Санжар",
    "Темірлан",
    "Айдос",
    "Бекзат",
    "Арман",
    "Нұрсұлтан",
    "Ислам",
    "Ерасыл",
    "Дамир",
    "Мирас",
    "Ильяс",
    "Тимур",
    "Максим",
    "Артём",
    "Руслан",
]
FEMALE = [
    "Айгерім",
    "Аружан",
    "Дана",
    "Жансая",
    "Әсел",
    "Томирис",
    "Аяулым",
    "Мадина",
    "Камила",
    "Дильназ",
    "Аида",
    "Назерке",
    "Сабина",
    "Алина",
    "Амина",
    "Мариям",
    "Зере",
    "Inkar",
    "Анастасия",
    "Дарья",
]
FEMALE[17] = "Іңкәр"
SURNAMES = [
    "Ахметов",
    "Серікбаев",
    "Жұмабеков",
    "Оспанов",
    "Қасымов",
    "Төлеуов",
    "Бекенов",
    "Мұратов",
    "Нұрпейісов",
    "Сәрсенбаев",
    "Есенов",
    "Абдрахманов",
    "Жақсылықов",
    "Қайратов",
    "Смағұлов",
    "Ибраев",
    "Тұрсынов",
    "Байжанов",
    "Кенжебаев",
    "Омаров",
    "Иванов",
    "Петренко",
]
LETTERS = "АӘБВ"


def surname(base, sex):
    if base.endswith(("ов", "ев")):
        return base + ("а" if sex == "female" else "")
    return base


def xml(value):
    return escape(str(value))


def record(lines, xmlid, model, fields):
    lines.append(f'    <record id="{xmlid}" model="{model}">')
    for name, value in fields.items():
        if isinstance(value, tuple):  # ("ref", id) or ("eval", expr)
            kind, target = value
            lines.append(f'        <field name="{name}" {kind}="{xml(target)}"/>')
        else:
            lines.append(f'        <field name="{name}">{xml(value)}</field>')
    lines.append("    </record>")


def organization():
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<odoo>"]
    for key, name, kind, _count in DISTRICTS:
        record(
            lines,
            f"district_{key}_demo",
            "youth.district",
            {
                "name": name,
                "kind": kind,
                "state_id": ("ref", "youth_movement.state_kz_abai"),
                "code": key[:3].upper(),
            },
        )
    for key, name, kind, district in PARTNERS:
        record(
            lines,
            f"partner_{key}_demo",
            "res.partner",
            {
                "name": name,
                "is_company": ("eval", "True"),
                "youth_org_type_id": ("ref", f"youth_movement.org_type_{kind}"),
                "youth_district_id": ("ref", f"district_{district}_demo"),
                "city": "Семей",
                "country_id": ("ref", "base.kz"),
                "state_id": ("ref", "youth_movement.state_kz_abai"),
            },
        )
    number = 0
    for key, _name, _kind, count in DISTRICTS:
        for i in range(1, count + 1):
            number += 1
            school_no = i * 3 + (number % 5)
            record(
                lines,
                f"school_{number:02d}_demo",
                "res.partner",
                {
                    "name": f"№ {school_no} мектеп ({SCHOOL_TOWN[key]})",
                    "is_company": ("eval", "True"),
                    "youth_org_type_id": ("ref", "youth_movement.org_type_school"),
                    "youth_district_id": ("ref", f"district_{key}_demo"),
                    "city": SCHOOL_TOWN[key],
                    "country_id": ("ref", "base.kz"),
                    "state_id": ("ref", "youth_movement.state_kz_abai"),
                    "phone": f"+7 7222 {40 + number:02d} {10 + i:02d} {30 + number:02d}",
                },
            )
    lines.append("</odoo>")
    (DEMO / "youth_organization_demo.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return number


def members(school_count):
    rnd = random.Random(2026)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<odoo>"]
    serial = 100
    leader = 0
    for s in range(1, school_count + 1):
        for tier in ("zhas_kyran", "zhas_ulan"):
            leader += 1
            sex = rnd.choice(("male", "female"))
            first = rnd.choice(MALE if sex == "male" else FEMALE)
            record(
                lines,
                f"leader_{leader:02d}_demo",
                "res.partner",
                {
                    "name": f"{surname(rnd.choice(SURNAMES), sex)} {first}",
                    "function": "Тәлімгер",
                    "parent_id": ("ref", f"school_{s:02d}_demo"),
                },
            )
            label = "Жас Қыран" if tier == "zhas_kyran" else "Жас Ұлан"
            record(
                lines,
                f"unit_{s:02d}_{tier}_demo",
                "youth.unit",
                {
                    "name": f"{label} – {s}",
                    "school_id": ("ref", f"school_{s:02d}_demo"),
                    "tier_id": ("ref", f"youth_movement.tier_{tier}"),
                    "leader_id": ("ref", f"leader_{leader:02d}_demo"),
                },
            )
    pupil = parent = 0
    families = 0
    while pupil < 320:
        families += 1
        family_name = rnd.choice(SURNAMES)
        s = rnd.randint(1, school_count)
        mother = f"parent_{parent + 1:03d}_demo"
        parent += 1
        record(
            lines,
            mother,
            "res.partner",
            {
                "name": f"{surname(family_name, 'female')} {rnd.choice(FEMALE)}",
                "phone": f"+7 70{rnd.randint(0, 9)} {rnd.randint(100, 999)} "
                f"{rnd.randint(10, 99)} {rnd.randint(10, 99)}",
                "email": f"parent{parent:03d}@example.kz",
            },
        )
        father = None
        if rnd.random() < 0.4:
            parent += 1
            father = f"parent_{parent:03d}_demo"
            record(
                lines,
                father,
                "res.partner",
                {
                    "name": f"{surname(family_name, 'male')} {rnd.choice(MALE)}",
                    "phone": f"+7 77{rnd.randint(0, 9)} {rnd.randint(100, 999)} "
                    f"{rnd.randint(10, 99)} {rnd.randint(10, 99)}",
                },
            )
        for _child in range(rnd.choice((1, 1, 1, 2, 2, 3))):
            pupil += 1
            sex = rnd.choice(("male", "female"))
            grade = rnd.randint(1, 11)
            born = datetime.date(SCHOOL_YEAR - 6 - grade, rnd.randint(1, 12), rnd.randint(1, 28))
            serial += 7
            status = rnd.choices(("active", "applicant", "left"), (90, 8, 2))[0]
            tier = "zhas_kyran" if grade <= 4 else "zhas_ulan"
            fields = {
                "name": f"{surname(family_name, sex)} {rnd.choice(MALE if sex == 'male' else FEMALE)}",
                "iin": iin.make(born, sex, serial),
                "school_id": ("ref", f"school_{s:02d}_demo"),
                "grade": grade,
                "class_letter": rnd.choice(LETTERS),
                "school_year": SCHOOL_YEAR,
                "status": status,
                "applied_date": f"{SCHOOL_YEAR - rnd.randint(0, 3)}-09-{rnd.randint(1, 28):02d}",
            }
            if status != "applicant":
                fields["join_date"] = fields["applied_date"]
                if rnd.random() < 0.85:
                    fields["unit_id"] = ("ref", f"unit_{s:02d}_{tier}_demo")
            if status == "left":
                fields["leave_date"] = f"{SCHOOL_YEAR}-10-01"
            member = f"member_{pupil:03d}_demo"
            record(lines, member, "youth.member", fields)
            record(
                lines,
                f"guardian_link_{pupil:03d}_m_demo",
                "youth.guardian.link",
                {
                    "member_id": ("ref", member),
                    "guardian_id": ("ref", mother),
                    "relation": "mother",
                },
            )
            if father:
                record(
                    lines,
                    f"guardian_link_{pupil:03d}_f_demo",
                    "youth.guardian.link",
                    {
                        "member_id": ("ref", member),
                        "guardian_id": ("ref", father),
                        "relation": "father",
                    },
                )
            if status == "applicant" and rnd.random() < 0.5:
                continue  # an application waiting for its paper consent
            record(
                lines,
                f"consent_{pupil:03d}_pd_demo",
                "youth.consent",
                {
                    "member_id": ("ref", member),
                    "guardian_id": ("ref", mother),
                    "type_id": ("ref", "youth_movement.consent_type_personal_data"),
                    "date_given": fields["applied_date"],
                    "channel": "paper",
                },
            )
            if rnd.random() < 0.7:
                record(
                    lines,
                    f"consent_{pupil:03d}_photo_demo",
                    "youth.consent",
                    {
                        "member_id": ("ref", member),
                        "guardian_id": ("ref", mother),
                        "type_id": ("ref", "youth_movement.consent_type_photo_video"),
                        "date_given": fields["applied_date"],
                        "channel": "paper",
                    },
                )
            if rnd.random() < 0.5:
                record(
                    lines,
                    f"consent_{pupil:03d}_offsite_demo",
                    "youth.consent",
                    {
                        "member_id": ("ref", member),
                        "guardian_id": ("ref", father or mother),
                        "type_id": ("ref", "youth_movement.consent_type_offsite_events"),
                        "date_given": fields["applied_date"],
                        "channel": "paper",
                    },
                )
    lines.append("</odoo>")
    (DEMO / "youth_member_demo.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pupil, parent


if __name__ == "__main__":
    schools = organization()
    pupils, parents = members(schools)
    print(f"{schools} schools, {pupils} pupils, {parents} parents")
