from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import YouthCase


@tagged("post_install", "-at_install")
class TestImport(YouthCase):
    def _import(self, rows, dryrun=False):
        header = "name,iin,school_id,grade,class_letter"
        data = "\n".join([header] + rows).encode()
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "youth.member",
                "file": data,
                "file_type": "text/csv",
                "file_name": "pupils.csv",
            }
        )
        fields = header.split(",")
        options = {"has_headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8", "dryrun": dryrun}
        return wizard.execute_import(fields, fields, options)

    def test_good_rows_imported(self):
        """A clean file creates one member, and one contact, per row."""
        iins = [self.make_iin(), self.make_iin()]
        result = self._import(
            [
                f"Pupil One,{iins[0]},School A1,3,А",
                f"Pupil Two,{iins[1]},School B1,8,Б",
            ]
        )
        self.assertFalse(result["messages"], result["messages"])
        members = self.env["youth.member"].search([("iin", "in", iins)])
        self.assertEqual(len(members), 2)
        self.assertEqual(members.filtered(lambda m: m.iin == iins[1]).tier_id, self.tier_ulan)

    @mute_logger("odoo.sql_db")
    def test_bad_rows_reported_and_nothing_written(self):
        """Each bad row comes back with its reason; no row of the file is written."""
        existing = self.make_member()
        good = self.make_iin()
        wrong_digit = good[:11] + str((int(good[11]) + 1) % 10)
        partners_before = self.env["res.partner"].search_count([])
        result = self._import(
            [
                f"Fine Pupil,{self.make_iin()},School A1,3,А",
                f"Wrong Digit,{wrong_digit},School A1,3,А",
                f"Same IIN,{existing.iin},School A1,3,А",
                f"Too Old,{self.make_iin()},School A1,12,А",
                f"No School,{self.make_iin()},Nowhere School,3,А",
            ]
        )
        messages = result["messages"]
        self.assertFalse(result["ids"], "nothing is imported when a row is bad")
        by_row = {}
        for message in messages:
            by_row.setdefault(message.get("record"), []).append(message["message"])
        self.assertIn("check digit", " ".join(by_row.get(1, [])))
        self.assertIn("already registered", " ".join(by_row.get(2, [])))
        self.assertIn("between 0 and 11", " ".join(by_row.get(3, [])))
        self.assertIn("Nowhere School", " ".join(by_row.get(4, [])))
        # Odoo repeats the first error of the whole batch at the first row; the good row has no
        # message of its own
        row_messages = {m for row, texts in by_row.items() if row for m in texts}
        self.assertLessEqual(set(by_row.get(0, [])), row_messages)
        self.assertEqual(self.env["youth.member"].search_count([("name", "in", ["Fine Pupil", "Wrong Digit"])]), 0)
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before, "no orphan contact")
