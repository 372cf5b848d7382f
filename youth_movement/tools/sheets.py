"""Sheet layouts of the Excel reports: where the title block, the headers, the rows and the totals go.

Plain Python, no Odoo: the report builders (``report/``) turn these plans into cells. Rows and
columns are counted from 0, as xlsxwriter does; the ``A1`` references come from
``xlsxwriter.utility``.

A sheet is laid out top to bottom, which lets xlsxwriter stream it (``constant_memory`` writes a
row once and forgets it)::

    row 0          report title
    rows 1..n      title block: label | value (period, scope, made on, made by)
    blank row
    header row     frozen, with an autofilter over the data rows
    data rows
    totals row     a SUBTOTAL formula per column, so that filtering updates it
"""

import dataclasses
import re

from xlsxwriter.utility import xl_range, xl_range_abs, xl_rowcol_to_cell

# number formats, in Excel's own codes
INTEGER = "#,##0"
DECIMAL = "#,##0.00"
PERCENT = "0.0%"
DATE = "dd.mm.yyyy"
TEXT = "@"

# what the totals row shows in a column
TOTAL_NONE = None
TOTAL_LABEL = "label"  # the word "Total"
TOTAL_SUM = "sum"
TOTAL_COUNT = "count"  # rows with a value in the column
TOTAL_RATIO = "ratio"  # numerator total / denominator total, e.g. a coverage rate

# SUBTOTAL function numbers that ignore the rows an autofilter hides
_SUBTOTAL = {TOTAL_SUM: 109, TOTAL_COUNT: 103}

MAX_SHEET_NAME = 31
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a table: its key in the row dicts, header text, width in characters,
    Excel number format and the kind of total it gets.

    ``ratio`` names the ``(numerator, denominator)`` column keys when ``total`` is
    :data:`TOTAL_RATIO`; the cell values of such a column are ratios too.
    """

    key: str
    header: str
    width: float = 12
    num_format: str | None = None
    total: str | None = TOTAL_NONE
    ratio: tuple | None = None


def sheet_name(name, taken=()):
    """A valid, unique worksheet name: at most 31 characters, none of ``[]:*?/\\``, not quoted,
    not one of ``taken`` (compared case-insensitively, as Excel does)."""
    clean = _SHEET_NAME_FORBIDDEN.sub(" ", name or "").strip().strip("'").strip()
    clean = clean[:MAX_SHEET_NAME].rstrip() or "Sheet"
    used = {existing.lower() for existing in taken}
    candidate, number = clean, 1
    while candidate.lower() in used:
        number += 1
        suffix = " (%d)" % number
        candidate = clean[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
    return candidate


@dataclasses.dataclass(frozen=True)
class TableLayout:
    """Where a table's parts go on its sheet, once the title block is known.

    ``title_rows`` is the number of rows of the title and the title block (title included).
    """

    columns: tuple
    title_rows: int
    row_count: int
    gap: int = 1

    @property
    def header_row(self):
        return self.title_rows + self.gap

    @property
    def first_data_row(self):
        return self.header_row + 1

    @property
    def last_data_row(self):
        """The last data row; equal to :attr:`header_row` when there are no rows."""
        return self.header_row + self.row_count

    @property
    def totals_row(self):
        return self.last_data_row + 1

    @property
    def last_col(self):
        return len(self.columns) - 1

    def col_of(self, key):
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)

    def autofilter_range(self):
        """``(first_row, first_col, last_row, last_col)`` of the autofilter: header and data."""
        return self.header_row, 0, max(self.last_data_row, self.header_row), self.last_col

    def freeze_at(self):
        """The cell xlsxwriter's ``freeze_panes`` takes: the rows above the first data row stay."""
        return self.first_data_row, 0

    def data_range(self, key, absolute=True):
        """The reference of a column's data cells, for charts and formulas."""
        col = self.col_of(key)
        reference = xl_range_abs if absolute else xl_range
        return reference(self.first_data_row, col, max(self.last_data_row, self.first_data_row), col)


def title_block(title, lines):
    """The rows of a title block: the title alone, then one ``(label, value)`` per line.

    ``lines`` is a sequence of ``(label, value)``; lines without a value are left out.
    Return a list of tuples, the first being ``(title,)``.
    """
    rows = [(title,)]
    rows.extend((label, value) for label, value in lines if value not in (None, "", False))
    return rows


class Totals:
    """The totals row's values, accumulated while the rows stream by (rows are sequences in
    column order), computed as Excel will compute the formulas, so that the file carries the
    results as well as the formulas."""

    def __init__(self, columns):
        self.columns = tuple(columns)
        self._summed = [
            (index, column.key)
            for index, column in enumerate(self.columns)
            if column.total == TOTAL_SUM
            or any(other.total == TOTAL_RATIO and column.key in other.ratio for other in self.columns)
        ]
        self._counted = [
            (index, column.key) for index, column in enumerate(self.columns) if column.total == TOTAL_COUNT
        ]
        self.sums = {key: 0 for _index, key in self._summed}
        self.counts = {key: 0 for _index, key in self._counted}

    def add(self, values):
        for index, key in self._summed:
            self.sums[key] += values[index] or 0
        for index, key in self._counted:
            if values[index] not in (None, ""):
                self.counts[key] += 1

    def value(self, column):
        if column.total == TOTAL_SUM:
            return self.sums[column.key]
        if column.total == TOTAL_COUNT:
            return self.counts[column.key]
        if column.total == TOTAL_RATIO:
            numerator, denominator = column.ratio
            return ratio(self.sums[numerator], self.sums[denominator])
        return None


def total_formula(layout, column):
    """The totals row's formula of a column, or ``None``. Sums and counts use ``SUBTOTAL`` so
    that they follow the autofilter; a ratio divides the totals of its two columns."""
    col = layout.col_of(column.key)
    if column.total in _SUBTOTAL:
        if layout.row_count == 0:
            return "=0"
        return "=SUBTOTAL(%d,%s)" % (
            _SUBTOTAL[column.total],
            xl_range(layout.first_data_row, col, layout.last_data_row, col),
        )
    if column.total == TOTAL_RATIO:
        numerator, denominator = (layout.col_of(key) for key in column.ratio)
        return ratio_formula(layout.totals_row, numerator, denominator)
    return None


def ratio(numerator, denominator):
    """``numerator / denominator``, or ``None`` when there is nothing to divide by."""
    if not denominator:
        return None
    return numerator / denominator


def ratio_formula(row, numerator_col, denominator_col):
    """A formula dividing two cells of a row, empty when the denominator is 0 or empty."""
    num = xl_rowcol_to_cell(row, numerator_col)
    den = xl_rowcol_to_cell(row, denominator_col)
    return '=IF(N(%s)=0,"",%s/%s)' % (den, num, den)


def row_values(columns, row):
    """The values of a row dict in column order, ``None`` for the missing ones."""
    return [row.get(column.key) for column in columns]
