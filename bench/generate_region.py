#!/usr/bin/env python3
"""Fill a database that has youth_movement installed with a region at scale.

    python3 bench/generate_region.py -d DB --db_host HOST --db_port PORT -r odoo \\
        --addons-path /opt/odoo18/odoo/addons,. [--pupils 150000] [--schools 600] [--districts 12]

The districts, schools and units (a few hundred rows) are made through the ORM. The people
(pupils, their parents, the links between them and the consents) are written with COPY, row by
row as the ORM writes them with ``tracking_disable`` (a bulk import: no "created" messages, no
followers): the stored computed and related columns (complete_name, commercial_partner_id,
email_normalized, phone_sanitized, birth_date, sex, district_id, region_id, tier_id,
is_legal_representative, state...) are filled with the values the ORM computes. The same seed
gives the same region. The sequences are moved past the new ids and the tables analysed.
``--check N`` recomputes N pupils and their families through the ORM and commits nothing if a
value differs. See bench/README.md.
"""

import argparse
import datetime
import io
import itertools
import random
import sys

import odoo_env

from odoo import fields
from odoo.tools import email_normalize

iin_rules = odoo_env.load_tool("iin")
school = odoo_env.load_tool("school")

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
    "Асқар",
    "Бауыржан",
    "Ержан",
    "Қайрат",
    "Марат",
    "Самат",
    "Серік",
    "Азамат",
    "Дмитрий",
    "Сергей",
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
    "Іңкәр",
    "Анастасия",
    "Дарья",
    "Гүлнар",
    "Жанар",
    "Сәуле",
    "Салтанат",
    "Динара",
    "Эльмира",
    "Ақмарал",
    "Перизат",
    "Ольга",
    "Наталья",
]
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
    "Әбенов",
    "Дүйсенбаев",
    "Жандосов",
    "Исаев",
    "Құдайбергенов",
    "Мамыров",
    "Рахимов",
    "Сұлтанов",
    "Тоқтаров",
    "Үсенов",
    "Шәріпов",
    "Ысқақов",
    "Ким",
    "Коваленко",
]
LETTERS = "АӘБВГ"
STATUSES = (("active", 88), ("applicant", 7), ("left", 3), ("alumni", 2))
CHILDREN_PER_FAMILY = (1, 1, 1, 2, 2, 3)
FIRST_BATCH_FAMILIES = 200
BATCH_FAMILIES = 10000
REPRESENTATIVE_BY_LAW = ("mother", "father", "guardian", "trustee")

PARTNER_COLUMNS = [
    "id",
    "name",
    "complete_name",
    "commercial_partner_id",
    "type",
    "active",
    "is_company",
    "partner_share",
    "lang",
    "color",
    "message_bounce",
    "is_youth_school",
    "email",
    "email_normalized",
    "phone",
    "phone_sanitized",
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
]
MEMBER_COLUMNS = [
    "id",
    "partner_id",
    "iin",
    "birth_date",
    "sex",
    "school_id",
    "district_id",
    "region_id",
    "school_sort_name",
    "sort_name",
    "active",
    "grade",
    "class_letter",
    "school_year",
    "tier_id",
    "unit_id",
    "status",
    "applied_date",
    "join_date",
    "leave_date",
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
]
LINK_COLUMNS = [
    "id",
    "member_id",
    "guardian_id",
    "relation",
    "is_legal_representative",
    "school_id",
    "district_id",
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
]
CONSENT_COLUMNS = [
    "id",
    "member_id",
    "guardian_id",
    "type_id",
    "version",
    "date_given",
    "channel",
    "withdrawn_date",
    "state",
    "school_id",
    "district_id",
    "create_uid",
    "write_uid",
    "create_date",
    "write_date",
]


def surname(base, sex):
    if base.endswith(("ов", "ев")):
        return base + ("а" if sex == "female" else "")
    return base


def copy_value(value):
    if value is None:
        return r"\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class Table:
    """Rows waiting to be copied into one table, with the ids they take."""

    def __init__(self, cr, name, columns):
        self.cr, self.name, self.columns = cr, name, columns
        cr.execute(f"LOCK TABLE {name} IN EXCLUSIVE MODE")
        cr.execute(f"SELECT GREATEST((SELECT max(id) FROM {name}), (SELECT last_value FROM {name}_id_seq))")
        self.next_id = (cr.fetchone()[0] or 0) + 1
        self.buffer = io.StringIO()
        self.count = 0

    def add(self, **values):
        values["id"] = row_id = self.next_id
        self.next_id += 1
        self.buffer.write("\t".join(copy_value(values.get(column)) for column in self.columns))
        self.buffer.write("\n")
        self.count += 1
        return row_id

    def flush(self):
        self.buffer.seek(0)
        self.cr.copy_expert(
            f"COPY {self.name} ({', '.join(self.columns)}) FROM STDIN",
            self.buffer,
        )
        self.buffer = io.StringIO()

    def finish(self):
        self.flush()
        self.cr.execute(f"SELECT setval('{self.name}_id_seq', (SELECT max(id) FROM {self.name}))")


class RegionGenerator:
    def __init__(self, env, options):
        self.env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True))
        self.options = options
        self.rnd = random.Random(options.seed)
        self.today = fields.Date.context_today(self.env["youth.member"])
        self.school_year = school.school_year_of(self.today)
        self.stamp = fields.Datetime.now()
        self.uid = self.env.uid

    # ------------------------------------------------------------ organization (ORM)
    def region(self):
        state = self.env["res.country.state"].search(
            [("country_id.code", "=", "KZ"), ("code", "=", self.options.region)],
            limit=1,
        )
        if not state:
            sys.exit(f"no Kazakh region with the code {self.options.region}")
        if self.env["youth.district"].search_count([("state_id", "=", state.id)]):
            sys.exit(f"{state.name} already has districts: generate into a fresh database or pick --region")
        return state

    def organization(self, state):
        rnd, options = self.rnd, self.options
        prefix = state.name.removesuffix(" Region")
        kinds = ["city", "city"] + ["district"] * (options.districts - 2)
        districts = self.env["youth.district"].create(
            [
                {
                    "name": f"{prefix} {'city' if kind == 'city' else 'district'} {n:02d}",
                    "code": f"B{n:02d}",
                    "kind": kind,
                    "state_id": state.id,
                }
                for n, kind in enumerate(kinds, 1)
            ]
        )
        # the first city holds about a third of the schools, as a regional centre does
        weights = [6.0, 2.0] + [1.0] * (options.districts - 2)
        weights = weights[: options.districts]
        school_type = self.env.ref("youth_movement.org_type_school")
        kz = self.env.ref("base.kz")
        school_districts = rnd.choices(districts, weights=weights, k=options.schools)
        school_districts.sort(key=lambda d: d.id)
        schools = self.env["res.partner"].create(
            [
                {
                    "name": f"№ {n} мектеп ({district.name})",
                    "is_company": True,
                    "youth_org_type_id": school_type.id,
                    "youth_district_id": district.id,
                    "country_id": kz.id,
                    "state_id": state.id,
                }
                for n, district in enumerate(school_districts, 1)
            ]
        )
        tiers = self.env["youth.tier"].search([])
        self.env["youth.unit"].create(
            [
                {"name": f"{tier.name} – {school_partner.id}", "school_id": school_partner.id, "tier_id": tier.id}
                for school_partner in schools
                for tier in tiers
            ]
        )
        self.env.flush_all()
        return districts, schools

    # ------------------------------------------------------------ people (COPY)
    # one pass of the seeded generator, kept in one piece so that the order of its random draws,
    # and so the region it generates, stays the one the figures in bench/README.md were taken on
    def people(self, state, schools):  # noqa: C901
        env, rnd, options, cr = self.env, self.rnd, self.options, self.env.cr
        ranges = env["youth.tier"]._grade_ranges()
        tier_of_grade = {grade: school.tier_for_grade(grade, ranges) for grade in range(12)}
        units = {
            (unit.school_id.id, unit.tier_id.id): unit.id
            for unit in env["youth.unit"].search([("school_id", "in", schools.ids)])
        }
        consent_types = {t.code: t for t in env["youth.consent.type"].search([])}
        lang = env["res.partner"].default_get(["lang"]).get("lang")
        kz = env.ref("base.kz")
        cr.execute("SELECT iin FROM youth_member")
        taken = {row[0] for row in cr.fetchall()}
        serials = {}

        def new_iin(born, sex):
            serial = serials.get((born, sex), 5000)
            while True:
                value = iin_rules.make(born, sex, serial)
                serial = int(value[7:11]) + 1
                if value not in taken:
                    break
            serials[(born, sex)] = serial
            taken.add(value)
            return value

        # city schools are bigger than village ones
        school_rows = [(s.id, s.youth_district_id.id, s.youth_district_id.kind) for s in schools]
        school_names = {s.id: s.complete_name for s in schools}
        by_district = {}
        for row in school_rows:
            by_district.setdefault(row[1], []).append(row)
        sizes = list(
            itertools.accumulate(
                rnd.uniform(0.4, 1.6) * (1.8 if kind == "city" else 1.0) for _s, _d, kind in school_rows
            )
        )
        statuses, status_weights = zip(*STATUSES, strict=True)

        partners = Table(cr, "res_partner", PARTNER_COLUMNS)
        members = Table(cr, "youth_member", MEMBER_COLUMNS)
        links = Table(cr, "youth_guardian_link", LINK_COLUMNS)
        consents = Table(cr, "youth_consent", CONSENT_COLUMNS)
        stamps = {"create_uid": self.uid, "write_uid": self.uid, "create_date": self.stamp, "write_date": self.stamp}

        def person(name, email=None, phone=None):
            partner_id = partners.next_id
            return partners.add(
                name=name,
                complete_name=name,
                commercial_partner_id=partner_id,
                type="contact",
                active=True,
                is_company=False,
                partner_share=True,
                lang=lang,
                color=0,
                message_bounce=0,
                is_youth_school=False,
                email=email,
                email_normalized=email and email_normalize(email),
                phone=phone,
                phone_sanitized=phone and (env["res.partner"]._phone_format(number=phone, country=kz) or None),
                **stamps,
            )

        def new_phone(prefix):
            digits = (rnd.randint(0, 9), rnd.randint(100, 999), rnd.randint(10, 99), rnd.randint(10, 99))
            return "+7 7%s%d %d %d %d" % (prefix, *digits)

        pupils = families = 0
        while pupils < options.pupils:
            families += 1
            family_name = rnd.choice(SURNAMES)
            home = rnd.choices(school_rows, cum_weights=sizes)[0]
            mother_email = f"parent{partners.next_id}@example.kz" if rnd.random() < 0.3 else None
            mother = person(f"{surname(family_name, 'female')} {rnd.choice(FEMALE)}", mother_email, new_phone("0"))
            guardians = [(mother, "mother")]
            father = None
            if rnd.random() < 0.4:
                father = person(f"{surname(family_name, 'male')} {rnd.choice(MALE)}", None, new_phone("7"))
                guardians.append((father, "father"))
            if rnd.random() < 0.05:
                grandmother = person(f"{surname(family_name, 'female')} {rnd.choice(FEMALE)}", None, new_phone("5"))
                guardians.append((grandmother, "grandmother"))
            for _child in range(rnd.choice(CHILDREN_PER_FAMILY)):
                if pupils >= options.pupils:
                    break
                pupils += 1
                # siblings mostly go to the same school, otherwise to one of the same district
                school_id, district_id, _kind = home if rnd.random() < 0.8 else rnd.choice(by_district[home[1]])
                status = rnd.choices(statuses, weights=status_weights)[0]
                grade = 11 if status == "alumni" else rnd.randint(1, 11)
                grade_year = self.school_year - 1 if status == "alumni" else self.school_year
                born = datetime.date(grade_year - 6 - grade, rnd.randint(1, 12), rnd.randint(1, 28))
                sex = rnd.choice(("male", "female"))
                years_in = rnd.randint(0, min(3, grade - 1))
                applied = datetime.date(grade_year - years_in, 9, 1) + datetime.timedelta(days=rnd.randint(0, 80))
                applied = min(applied, self.today)
                join_date = leave_date = None
                unit_id = None
                tier_id = tier_of_grade[grade] and tier_of_grade[grade].id
                if status != "applicant":
                    join_date = min(applied + datetime.timedelta(days=rnd.randint(0, 30)), self.today)
                if status == "active" and rnd.random() < 0.85:
                    unit_id = units.get((school_id, tier_id))
                if status == "left":
                    leave_date = join_date + datetime.timedelta(days=rnd.randint(0, (self.today - join_date).days))
                if status == "alumni":
                    leave_date = max(school.school_year_bounds(grade_year)[1], join_date)
                    grade_year = self.school_year  # the rollover moved them on to this year
                name = f"{surname(family_name, sex)} {rnd.choice(MALE if sex == 'male' else FEMALE)}"
                member_id = members.add(
                    partner_id=person(name),
                    iin=new_iin(born, sex),
                    birth_date=born,
                    sex=sex,
                    school_id=school_id,
                    district_id=district_id,
                    region_id=state.id,
                    school_sort_name=school_names[school_id],
                    sort_name=name,
                    active=True,
                    grade=grade,
                    class_letter=rnd.choice(LETTERS),
                    school_year=grade_year,
                    tier_id=tier_id,
                    unit_id=unit_id,
                    status=status,
                    applied_date=applied,
                    join_date=join_date,
                    leave_date=leave_date,
                    **stamps,
                )
                for guardian_id, relation in guardians:
                    links.add(
                        member_id=member_id,
                        guardian_id=guardian_id,
                        relation=relation,
                        is_legal_representative=relation in REPRESENTATIVE_BY_LAW,
                        school_id=school_id,
                        district_id=district_id,
                        **stamps,
                    )
                if status == "applicant" and rnd.random() < 0.5:
                    continue  # an application waiting for its paper consent
                given = [("personal_data", mother)]
                if rnd.random() < 0.7:
                    given.append(("photo_video", mother))
                if rnd.random() < 0.5:
                    given.append(("offsite_events", father or mother))
                for code, guardian_id in given:
                    consent_type = consent_types[code]
                    withdrawn = None
                    if code != "personal_data" and rnd.random() < 0.03:
                        withdrawn = applied + datetime.timedelta(days=rnd.randint(0, (self.today - applied).days))
                    consents.add(
                        member_id=member_id,
                        guardian_id=guardian_id,
                        type_id=consent_type.id,
                        version=consent_type.version,
                        date_given=applied,
                        channel="portal" if rnd.random() < 0.1 else "paper",
                        withdrawn_date=withdrawn,
                        state="withdrawn" if withdrawn else "given",
                        school_id=school_id,
                        district_id=district_id,
                        **stamps,
                    )
            if families == FIRST_BATCH_FAMILIES or families % BATCH_FAMILIES == 0:
                for table in (partners, members, links, consents):
                    table.flush()
                # fresh statistics, so that PostgreSQL replans its foreign-key checks with index
                # scans: plans made while the tables were small scan them, row after row
                cr.execute("ANALYZE res_partner, youth_member, youth_guardian_link, youth_consent")
        for table in (partners, members, links, consents):
            table.finish()
        return {
            "pupils": members.count,
            "parents": partners.count - members.count,
            "families": families,
            "guardian links": links.count,
            "consents": consents.count,
        }

    # ------------------------------------------------------------ check against the ORM
    def check(self, state, sample):
        """Recompute the stored computed fields of a sample through the ORM and run the models'
        constraints on it: return the differences found, as ``(record, field, copied, computed)``."""
        env = self.env
        members = env["youth.member"].search([("region_id", "=", state.id)])
        members = members.browse(sorted(self.rnd.sample(members.ids, min(sample, len(members)))))
        records = [
            members,
            members.partner_id,
            members.guardian_link_ids,
            members.guardian_link_ids.guardian_id,
            members.consent_ids,
        ]
        differences = []
        for recordset in records:
            stored = [
                field
                for field in recordset._fields.values()
                if field.store
                and (field.compute or field.related)
                and field.name not in ("display_name",)
                and field.column_type
            ]
            copied = {(record.id, field.name): record[field.name] for record in recordset for field in stored}
            recordset.invalidate_recordset()
            for field in stored:
                env.add_to_compute(field, recordset)
            for record in recordset:
                for field in stored:
                    if record[field.name] != copied[(record.id, field.name)]:
                        differences.append((record, field.name, copied[(record.id, field.name)], record[field.name]))
            recordset._validate_fields(recordset._fields)
        env.invalidate_all(flush=False)
        env.transaction.clear()
        return len(members), differences


def main():
    parser = argparse.ArgumentParser(
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Every other option goes to Odoo (-d, --db_host, --db_port, -r, -w, --addons-path, -c...).",
    )
    parser.add_argument("--pupils", type=int, default=150000, help="number of pupils (default 150000)")
    parser.add_argument("--schools", type=int, default=600, help="number of schools (default 600)")
    parser.add_argument("--districts", type=int, default=12, help="number of districts, at least 2 (default 12)")
    parser.add_argument("--region", default="35", help="ISO 3166-2:KZ code of the region (default 35, Karaganda)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument(
        "--check",
        type=int,
        default=1000,
        metavar="N",
        help="recompute N pupils with their parents and consents through the ORM and run the "
        "constraints on them, to show the copied rows are those the ORM writes (default 1000)",
    )
    options = odoo_env.parse(parser)
    if options.districts < 2 or options.schools < options.districts:
        parser.error("give at least 2 districts and at least one school per district")
    clock = odoo_env.Stopwatch()
    with odoo_env.environment(options.database) as env:
        generator = RegionGenerator(env, options)
        state = generator.region()
        districts, schools = generator.organization(state)
        organized = clock()
        made = generator.people(state, schools)
        copied = clock()
        region = state.name
        odoo_env.load_tool("scope").fill_person_scope(env.cr)  # what the contact rules read
        env.invalidate_all()
        checked, differences = generator.check(state, options.check) if options.check else (0, [])
        for record, field, copied_value, computed in differences[:20]:
            print(f"  DIFFERENCE {record}.{field}: copied {copied_value!r}, the ORM computes {computed!r}")
        if differences:
            sys.exit(f"{len(differences)} values differ from what the ORM computes: nothing was committed")
        checked_in = clock() - copied
        units = env["youth.unit"].search_count([("school_id", "in", schools.ids)])
        env.cr.commit()
    with odoo_env.environment(options.database) as env:
        env.cr.execute("ANALYZE res_partner, youth_member, youth_guardian_link, youth_consent, youth_unit")
        env.cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = env.cr.fetchone()[0]
    print(f"{region} in database {options.database} (seed {options.seed}):")
    print(f"  {len(districts)} districts, {len(schools)} schools, {units} units (ORM, {organized:.1f} s)")
    print("  " + ", ".join(f"{count} {what}" for what, count in made.items()) + f" (COPY, {copied - organized:.1f} s)")
    if checked:
        print(
            f"  ORM check: {checked} pupils, their parents, links and consents recomputed and validated, "
            f"no difference ({checked_in:.1f} s)"
        )
    print(f"  total with ANALYZE {clock():.1f} s; database size {size}")


if __name__ == "__main__":
    main()
