"""A member's read rules on its own table.

Odoo 18 adds to the rules of a model those of its ``_inherits`` parents: every read of
``youth.member`` carried ``partner_id any (<the contact rules>)``, a join of the members with
every contact of the region, whatever the page (at 600 000 pupils a grouped list or a full count
took 0.6 s of it alone, bench/README.md). In read mode the contact rules a member's own rules
already imply are left out of that parent part:

- the movement's contact rules (``res_partner_rule_*``): a pupil's contact is a ``youth_person``
  whose schools and districts are its member's (``res.partner._compute_youth_person``), and every
  group that may read members (school leader and above, ir.model.access.csv) has a member rule on
  that school or district, or none below the regional manager's ``(1, '=', 1)``;
- Odoo's company rule on contacts: ``youth_member_rule_company`` says it on the member's stored
  copy of its contact's company (without the internal users' exception: a pupil is not one).

Any other rule on contacts (another module's, a department's own) still comes through the parent
part, in every mode; write, create and unlink keep Odoo's rules unchanged.
"""

from odoo import api, models, tools
from odoo.osv import expression
from odoo.tools import config
from odoo.tools.safe_eval import safe_eval

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


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    @tools.conditional(
        "xml" not in config["dev_mode"],
        tools.ormcache(
            "self.env.uid", "self.env.su", "model_name", "mode", "tuple(self._compute_domain_context_values())"
        ),
    )
    def _compute_domain(self, model_name, mode="read"):
        if mode != "read" or model_name not in IMPLIED_PARENT_RULES or self.env.su:
            return super()._compute_domain(model_name, mode)
        parent_model, implied = IMPLIED_PARENT_RULES[model_name]
        Model = self.env[model_name]
        if set(Model._inherits) != {parent_model}:
            return super()._compute_domain(model_name, mode)
        implied_rules = self.browse(
            record.id for xmlid in implied if (record := self.env.ref(xmlid, raise_if_not_found=False))
        )
        domains = []
        parent = self._youth_rules_domain(self._get_rules(parent_model, mode=mode) - implied_rules)
        if parent:
            domains.append([(Model._inherits[parent_model], "any", parent)])
        own = self._youth_rules_domain(self._get_rules(model_name, mode=mode))
        if own:
            domains.append(own)
        return expression.AND(domains) if domains else []

    def _youth_rules_domain(self, rules):
        """The domain of ``rules`` for the current user, combined as Odoo combines a model's rules:
        the global ones and, AND-ed with them, the OR of the group ones of the user's groups."""
        eval_context = self._eval_context()
        user_groups = self.env.user.groups_id
        global_domains, group_domains = [], []
        for rule in rules.sudo():
            domain = expression.normalize_domain(
                safe_eval(rule.domain_force, eval_context) if rule.domain_force else []
            )
            if not rule.groups:
                global_domains.append(domain)
            elif rule.groups & user_groups:
                group_domains.append(domain)
        if group_domains:
            global_domains.append(expression.OR(group_domains))
        return expression.AND(global_domains) if global_domains else []
