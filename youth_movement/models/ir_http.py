from odoo import models
from odoo.http import request

from ..tools import replica


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        result = super()._pre_dispatch(rule, args)
        request.youth_routing_auth = rule.endpoint.routing.get("auth")
        return result

    @classmethod
    def _post_dispatch(cls, response):
        # the person's next pages are read on the primary for a while (tools/replica.py); before
        # Odoo's own, which saves the session
        replica.note_write(getattr(request, "youth_routing_auth", None))
        return super()._post_dispatch(response)
