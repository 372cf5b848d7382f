from odoo import fields, models


class YouthEventCategory(models.Model):
    _name = "youth.event.category"
    _description = "Category of the movement's events"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    is_admission_ceremony = fields.Boolean(
        "Admission ceremony",
        help="Events of this category admit the pupils who attend into the movement.",
    )
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [("code_uniq", "unique(code)", "The code of an event category must be unique.")]
