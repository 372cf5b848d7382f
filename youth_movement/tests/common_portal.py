"""What the portal tests set up: a district with a school, families and their children."""

import datetime

from odoo.tests.common import HOST

from ..tools import iin as iin_rules


class FrontendLanguage:
    """Log in as the login page does: there the addon sets the ``frontend_lang`` cookie to the user's
    language, which the portal follows (without it, the database's default: Kazakh when it was
    loaded first)."""

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        lang = user and self.env["res.users"].search([("login", "=", user)]).lang
        if lang:
            # as the server sets it, so that its next Set-Cookie (a language switch) replaces it
            self.opener.cookies.set("frontend_lang", lang, domain=HOST, path="/")
        return session


def make_school(env, name, district_name):
    """A school of its own district in the Abai region."""
    region = env.ref("youth_movement.state_kz_abai")
    district = env["youth.district"].create({"name": district_name, "state_id": region.id})
    return env["res.partner"].create(
        {
            "name": name,
            "is_company": True,
            "youth_district_id": district.id,
            "youth_org_type_id": env.ref("youth_movement.org_type_school").id,
        }
    )


def make_child(env, school, guardian, name, grade, serial, year=None, relation="mother"):
    """An active pupil of ``school`` in ``grade`` (born ``year``, by default of the grade's age),
    whose legal representative is the contact ``guardian``."""
    birth = datetime.date(year or (2026 - 6 - grade), 2, 3)
    member = env["youth.member"].create(
        {
            "name": name,
            "iin": iin_rules.make(birth, "female", serial),
            "school_id": school.id,
            "grade": grade,
            "status": "active",
        }
    )
    env["youth.guardian.link"].create({"member_id": member.id, "guardian_id": guardian.id, "relation": relation})
    return member
