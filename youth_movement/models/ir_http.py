import threading
import time

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
        # a request that may have written stamps the session, whose pages are then read on the primary
        # for a while (tools/replica.py); before Odoo's own, which saves the session
        mode = getattr(threading.current_thread(), "cursor_mode", "rw")
        auth = getattr(request, "youth_routing_auth", None)
        if replica.stamps_session(request.httprequest.method, request.session.uid, auth, mode):
            request.session[replica.SESSION_KEY] = time.time()
        return super()._post_dispatch(response)
