from odoo.tests import HttpCase, new_test_user, tagged

from .common import GROUPS

CLICKBOT = "odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader').startClickEverywhere('%s', %s);"


@tagged("post_install", "-at_install")
class TestBackOfficeUi(HttpCase):
    """Every menu, view and filter of the Youth Movement app opens in Chromium for each role."""

    allow_end_on_form = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        region = env.ref("youth_movement.state_kz_abai")
        district = env["youth.district"].create({"name": "UI district", "state_id": region.id})
        school = env["res.partner"].create(
            {
                "name": "UI school",
                "is_company": True,
                "youth_district_id": district.id,
                "youth_org_type_id": env.ref("youth_movement.org_type_school").id,
            }
        )
        cls.users = {
            "manager": new_test_user(env, "ui_manager", groups=GROUPS["regional_manager"]),
            "coordinator": new_test_user(
                env, "ui_coordinator", groups=GROUPS["district_coordinator"], youth_district_ids=[(6, 0, district.ids)]
            ),
            "leader": new_test_user(
                env, "ui_leader", groups=GROUPS["school_leader"], youth_school_ids=[(6, 0, school.ids)]
            ),
        }
        for user in cls.users.values():
            if "tour_enabled" in user._fields:
                user.tour_enabled = False

    def _click_everywhere(self, login, light):
        self.browser_js(
            "/odoo",
            CLICKBOT % ("youth_movement.youth_movement_menu_root", "true" if light else "false"),
            "odoo.isReady === true",
            login=login,
            timeout=600,
            success_signal="clickbot test succeeded",
        )

    def test_click_everywhere_regional_manager(self):
        """The regional manager opens every menu, view and filter without an error."""
        self._click_everywhere("ui_manager", light=False)

    def test_click_menus_coordinator_and_leader(self):
        """A district coordinator and a school leader open every menu of their app."""
        self._click_everywhere("ui_coordinator", light=True)
        self._click_everywhere("ui_leader", light=True)
