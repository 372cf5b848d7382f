import re

from odoo import api, models, tools
from odoo.exceptions import AccessError

MANAGER = "youth_movement.youth_movement_group_regional_manager"
# the field paths of a rule's domain: the first word of each ('path', operator, value) leaf
_RULE_LEAF = re.compile(r"\(\s*['\"]([a-z_][a-z0-9_.]*)['\"]\s*,")


class YouthScopeMixin(models.AbstractModel):
    """What the movement's record rules read can only be changed by those above the scope it sets.

    Two guards, one for each way a scope could be widened by the people it confines:

    - On a model the movement's rules confine (members, units, links, consents, registrations,
      events, councils...), a write that changes a field the rules read, or a field one of those is
      computed from, must leave the record writable by the writer: nobody moves a record out of
      their own scope. (Into it they cannot: Odoo checks the rules before the write.) The fields
      are read from the rules themselves, so a new rule is guarded without new code.
    - ``_youth_manager_fields`` lists the fields of other models that the rules read through the
      user or through stored computed fields (the schools and districts a user covers, the district
      of a school...): only regional managers and administrators set them, on every path.
    """

    _name = "youth.scope.mixin"
    _description = "Scope guard of the movement's confined records"

    _youth_manager_fields = ()

    @api.model
    @tools.ormcache()
    def _youth_rule_fields(self):
        """The fields of this model that its record rules read, with the fields those are computed
        from (``member_id`` for a link's stored ``school_id``), as a frozenset of names."""
        rules = self.env["ir.rule"].sudo().search([("model_id.model", "=", self._name)])
        names = {path.split(".")[0] for rule in rules for path in _RULE_LEAF.findall(rule.domain_force or "")}
        found, todo = set(), [name for name in names if name in self._fields]
        while todo:
            name = todo.pop()
            if name in found:
                continue
            found.add(name)
            field = self._fields[name]
            if field.compute or field.related:
                for dependency in self.pool.field_depends[field]:
                    first = dependency.split(".")[0]
                    if first in self._fields:
                        todo.append(first)
        return frozenset(found)

    def _youth_check_manager_fields(self, vals_list):
        """Refuse a lower role's write of the fields only managers may set."""
        if self.env.su or not self._youth_manager_fields:
            return
        touched = {name for vals in vals_list for name in vals if name in self._youth_manager_fields}
        if touched and not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._(
                    "Only a regional manager or an administrator may change %(fields)s: it sets who sees which "
                    "schools and children.",
                    fields=", ".join(sorted(self._fields[name]._description_string(self.env) for name in touched)),
                )
            )

    def _youth_check_computed_rule_fields(self, vals_list):
        """Refuse anyone but the system a value of a computed field that a rule reads: the ORM
        stores what it is given, and such a field (whether a contact is a child's, the schools it
        belongs to) says who sees a record, the writer's colleagues included."""
        if self.env.su:
            return
        touched = {name for vals in vals_list for name in vals if name in self._youth_rule_fields()}
        computed = sorted(
            name
            for name in touched
            if self._fields[name].compute and self._fields[name].readonly and not self._fields[name].inverse
        )
        if computed:
            raise AccessError(
                self.env._(
                    "%(fields)s is computed by the system: it sets who sees the record.",
                    fields=", ".join(self._fields[name]._description_string(self.env) for name in computed),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._youth_check_manager_fields(vals_list)
        self._youth_check_computed_rule_fields(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._youth_check_manager_fields([vals])
        self._youth_check_computed_rule_fields([vals])
        res = super().write(vals)
        if not self.env.su and self._youth_rule_fields().intersection(vals):
            # the rules still let the writer write what they changed: nothing left their scope
            self.check_access("write")
        return res
