"""The Excel workbook of the reports wizard and the builders of its sheets.

A report is an abstract model ``youth.report.xlsx.<code>`` that inherits ``youth.report.xlsx``:
its ``_build_sheets(xlsx)`` reads the data through the ORM as the requesting user (record rules
apply) and writes one or more sheets with :meth:`XlsxReport.write_table`. The wizard
(``youth.report.wizard``) lists the reports as ``report_<code>`` booleans and calls the builders
of the ticked ones, in their ``_youth_sequence``.

Being models, the builders are extended the Odoo way, by ``_inherit``: another addon adds a
column to ``youth.report.xlsx.member_list`` (its ``_cells``), or a sheet to
``youth.report.xlsx.membership`` after ``super()._build_sheets(xlsx)``. Adding a report: a
builder model in ``report/``, imported in ``report/__init__.py``, and a ``report_<code>`` boolean
on the wizard with its line in the wizard's form.
"""

import io
import itertools

import babel.dates
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from odoo import fields, models
from odoo.tools import SQL
from odoo.tools.misc import babel_locale_parse

from ..tools import sheets, timezone

# long lists: how many rows are read (and forgotten) at a time
CHUNK = 5000
_CURSORS = itertools.count()


class YouthReportXlsx(models.AbstractModel):
    """One report of the wizard. ``self.env`` is the requesting user's environment in the
    report's language; ``xlsx`` (an :class:`XlsxReport`) the workbook being written, with the
    wizard (period, scope) as ``xlsx.wizard``."""

    _name = "youth.report.xlsx"
    _description = "Excel report of the movement"
    _youth_sequence = 100  # where the report's sheets come in the workbook

    def _build_sheets(self, xlsx):
        raise NotImplementedError

    # ------------------------------------------------------------------ helpers of the builders
    def _tz(self):
        return timezone.zone(self.env.user.tz)

    def _month_label(self, day):
        """``September 2025``, in the report's language: English too where English is not an active
        language of the database (Odoo's ``format_date`` then falls back to the first active one,
        Kazakh in a database installed with it)."""
        if not day:
            return ""
        return babel.dates.format_date(day, "LLLL y", locale=babel_locale_parse(self.env.lang or "en_US")).capitalize()

    def _selection_labels(self, model, fname):
        """``{value: label}`` of a selection field, in the report's language."""
        return dict(self.env[model]._fields[fname]._description_selection(self.env))

    def _readable(self, model, ids, fnames):
        """The records of ``ids`` the user may read, with ``fnames`` fetched: a record a row points
        at (a meeting, a council) may be out of the user's record rules when the row is not."""
        return (
            self.env[model]
            .with_context(active_test=False)
            .search_fetch([("id", "in", list(ids))], fnames)
            .with_context(active_test=True)
        )


class XlsxReport:
    """A workbook being written: shared formats, the title block and the tables of the sheets.

    The workbook streams (``constant_memory``): each sheet is written top to bottom and a row,
    once passed, is never written again.
    """

    def __init__(self, wizard):
        self.wizard = wizard
        self.env = wizard.env
        self.output = io.BytesIO()
        self.book = xlsxwriter.Workbook(
            self.output,
            {
                "constant_memory": True,
                "default_date_format": sheets.DATE,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.book.set_properties(
            {
                "title": wizard._report_file_title(),
                "author": self.env.user.name,
                "company": self.env.company.name,
            }
        )
        self.sheet_names = []
        self._formats = {}
        self.title_format = self.book.add_format({"bold": True, "font_size": 14})
        self.label_format = self.book.add_format({"bold": True, "font_color": "#555555"})
        self.value_format = self.book.add_format({})
        self.header_format = self.book.add_format(
            {
                "bold": True,
                "bg_color": "#DCE6F1",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
            }
        )

    # ------------------------------------------------------------------ formats
    def cell_format(self, num_format=None, total=False):
        """A format with the number format and, on the totals row, bold with a top border;
        made once per combination."""
        key = (num_format, total)
        if key not in self._formats:
            props = {}
            if num_format:
                props["num_format"] = num_format
            if total:
                props.update(bold=True, top=2, bg_color="#F2F2F2")
            self._formats[key] = self.book.add_format(props) if props else None
        return self._formats[key]

    # ------------------------------------------------------------------ sheets
    def add_sheet(self, name):
        sheet_name = sheets.sheet_name(name, self.sheet_names)
        self.sheet_names.append(sheet_name)
        return self.book.add_worksheet(sheet_name)

    def title_lines(self):
        """The title block of every sheet: period, scope, when and by whom the file was made."""
        _ = self.env._
        wizard = self.wizard
        now = fields.Datetime.now()
        return [
            (_("Period"), wizard._period_label()),
            (_("Scope"), wizard._scope_label()),
            (_("Selection"), wizard._source_label()),
            (_("Made on"), wizard._format_datetime(now)),
            (_("Made by"), self.env.user.name),
        ]

    def write_title(self, sheet, title, extra_lines=()):
        """Write the title block from row 0; return the number of rows it takes."""
        rows = sheets.title_block(title, list(self.title_lines()) + list(extra_lines))
        sheet.write(0, 0, rows[0][0], self.title_format)
        for index, (label, value) in enumerate(rows[1:], start=1):
            sheet.write(index, 0, label, self.label_format)
            sheet.write(index, 1, value, self.value_format)
        return len(rows)

    def write_table(self, sheet, columns, rows, top, chart=None, total_label=None, main=True, caption=None):
        """Write a table whose header comes one row below ``top``: header row, the rows (sequences
        in column order, streamed), the totals row and an optional chart. The ``main`` table of a
        sheet sets the column widths and formats, freezes its header and carries the autofilter;
        a secondary one (below the main one) does not. ``caption`` is written above the header.

        ``chart`` is a dict: ``type`` (xlsxwriter chart type), ``title``, ``categories`` (a column
        key), ``series`` (column keys), optional ``subtype``, ``anchor_row``, ``anchor_col``.
        Return the final :class:`sheets.TableLayout`.
        """
        columns = tuple(columns)
        layout = sheets.TableLayout(columns, title_rows=top, row_count=0)
        if main:
            for index, column in enumerate(columns):
                sheet.set_column(index, index, column.width, self.cell_format(column.num_format))
        if caption:
            sheet.write(layout.header_row - 1, 0, caption, self.label_format)
        sheet.set_row(layout.header_row, 32)
        for index, column in enumerate(columns):
            sheet.write(layout.header_row, index, column.header, self.header_format)
        totals = sheets.Totals(columns)
        row_index = layout.header_row
        write_row = sheet.write_row
        if main:
            for values in rows:
                row_index += 1
                write_row(row_index, 0, values)
                totals.add(values)
        else:  # no column formats to fall back on: each cell gets its column's format
            cell_formats = [self.cell_format(column.num_format) for column in columns]
            for values in rows:
                row_index += 1
                for index, value in enumerate(values):
                    sheet.write(row_index, index, value, cell_formats[index])
                totals.add(values)
        layout = sheets.TableLayout(columns, title_rows=top, row_count=row_index - layout.header_row)
        self._write_totals(sheet, layout, totals, total_label)
        if main:
            sheet.freeze_panes(*layout.freeze_at())
            sheet.autofilter(*layout.autofilter_range())
        if chart and layout.row_count:
            self._insert_chart(sheet, layout, chart)
        return layout

    def _write_totals(self, sheet, layout, totals, total_label):
        row = layout.totals_row
        for index, column in enumerate(layout.columns):
            fmt = self.cell_format(column.num_format, total=True)
            formula = sheets.total_formula(layout, column)
            if column.total == sheets.TOTAL_LABEL:
                sheet.write_string(row, index, total_label or self.env._("Total"), fmt)
            elif formula:
                value = totals.value(column)
                sheet.write_formula(row, index, formula, fmt, "" if value is None else value)
            else:
                sheet.write_blank(row, index, None, fmt)

    def _insert_chart(self, sheet, layout, spec):
        options = {"type": spec["type"]}
        if spec.get("subtype"):
            options["subtype"] = spec["subtype"]
        chart = self.book.add_chart(options)
        name = sheet.get_name()
        categories = "='%s'!%s" % (name, layout.data_range(spec["categories"]))
        for key in spec["series"]:
            col = layout.col_of(key)
            chart.add_series(
                {
                    "name": "='%s'!%s" % (name, xl_rowcol_to_cell(layout.header_row, col, row_abs=True, col_abs=True)),
                    "categories": categories,
                    "values": "='%s'!%s" % (name, layout.data_range(key)),
                    **({"data_labels": {"percentage": True}} if spec["type"] == "pie" else {}),
                }
            )
        chart.set_title({"name": spec.get("title", "")})
        if spec["type"] != "pie":
            chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 640, "height": 360})
        anchor_col = spec.get("anchor_col", layout.last_col + 2)
        sheet.insert_chart(spec.get("anchor_row", layout.header_row), anchor_col, chart)

    def stream(self, select):
        """Yield the rows of a query through a server-side cursor, ``CHUNK`` rows at a time, so that
        neither the ORM cache nor the client holds a list of hundreds of thousands of rows."""
        cr = self.env.cr
        cursor = SQL.identifier("youth_report_%d" % next(_CURSORS))
        # every row will be read: plan for the whole result, not for the first rows (the default)
        cr.execute("SET LOCAL cursor_tuple_fraction = 1.0")
        cr.execute(SQL("DECLARE %s NO SCROLL CURSOR FOR %s", cursor, select))
        cr.execute("RESET cursor_tuple_fraction")
        try:
            while True:
                cr.execute(SQL("FETCH FORWARD %s FROM %s", CHUNK, cursor))
                rows = cr.fetchall()
                if not rows:
                    break
                yield from rows
        finally:
            cr.execute(SQL("CLOSE %s", cursor))

    def close(self):
        """Finish the file and return its bytes."""
        self.book.close()
        return self.output.getvalue()
