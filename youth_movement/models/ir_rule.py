"""A member's read rules on its own table.

Odoo 18 adds to the rules of a model those of its ``_inherits`` parents: every read of
``youth.member`` carried ``partner_id any (<the contact rules>)``, a join of the members with
every contact of the region, whatever the page (at 600 000 pupils a grouped list or a full count
took 0.6 s of it alone, bench/README.md). In read mode the contact rules a member's own rules
already imply are left out of that parent part (``_get_rules`` of the parent, while Odoo's own
``_compute_domain`` combines the rules of the member and of its contact):

- the movement's contact rules (``res_partner_rule_*``): a pupil's contact is a ``youth_person``
  whose schools and districts are its member's (``res.partner._compute_youth_person``), and every
  group that may read members (school leader and above, ir.model.access.csv) has a member rule on
  that school or district, or none below the regional manager's ``(1, '=', 1)``;
- Odoo's company rule on contacts: ``youth_member_rule_company`` says it on the member's stored
  copy of its contact's company (without the internal users' exception: a pupil is not one).

Any other rule on contacts (another module's, a department's own) still comes through the parent
part, in every mode; write, create and unlink keep Odoo's rules unchanged.
"""

from odoo import models

# model: (parent model, the xml ids of the parent's rules its own read rules imply)
IMPLIED_PARENT_RULES = {
    "youth.member": (
        "res.partner",
        (
            "base.res_partner_rule",
            "youth_movement.res_partner_rule_employee",
            "youth_movement.res_partner_rule_school_leader",
            "youth_movement.res_partner_rule_district_coordinator",
            "youth_movement.res_partner_rule_regional_manager",
        ),
    ),
}
# the context key, while Odoo computes the read domain of a model of IMPLIED_PARENT_RULES (its own
# rules and, through _inherits, its parent's): that model's name; part of _compute_domain's cache key
READING = "youth_rules_reading"


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_keys(self):
        return super()._compute_domain_keys() + [READING]

    def _compute_domain(self, model_name, mode="read"):
        if mode == "read" and model_name in IMPLIED_PARENT_RULES and not self.env.context.get(READING):
            self = self.with_context(**{READING: model_name})
        return super()._compute_domain(model_name, mode)

    def _get_rules(self, model_name, mode="read"):
        rules = super()._get_rules(model_name, mode=mode)
        reading = self.env.context.get(READING)
        if mode == "read" and reading and IMPLIED_PARENT_RULES[reading][0] == model_name:
            rules -= self.browse(
                rule.id
                for xmlid in IMPLIED_PARENT_RULES[reading][1]
                if (rule := self.env.ref(xmlid, raise_if_not_found=False))
            )
        return rules
