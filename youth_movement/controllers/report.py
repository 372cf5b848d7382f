from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import content_disposition, request

from . import replica

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class YouthReport(http.Controller):
    """The Excel reports are streamed to the person who asked for them and never stored: no file
    of one user's scope is left where another could read it."""

    # the heaviest reads of the addon, on a replica when there is one; the wizard, created on the
    # primary a moment ago, is looked for on the primary when the replica has not replayed it yet
    @http.route("/youth_movement/report/<int:wizard_id>", type="http", auth="user", readonly=True)
    def youth_report_download(self, wizard_id, **kw):
        # the wizard must be the requester's own, found before anything is read from it
        wizard = request.env["youth.report.wizard"].search(
            [("id", "=", wizard_id), ("create_uid", "=", request.env.uid)]
        )
        if not wizard:
            replica.not_found(NotFound())
        content = wizard._render_xlsx()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(wizard._file_name())),
            ],
        )
