from odoo import fields, models


class YouthOrganizationType(models.Model):
    _name = "youth.organization.type"
    _description = "Organization type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    is_school = fields.Boolean(help="Organizations of this type are schools: they have pupils and units.")
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_uniq", "unique(code)", "The code of an organization type must be unique.")]
