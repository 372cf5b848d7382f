import io

import openpyxl


class XlsxReadMixin:
    """Reopen the workbooks the report wizard produces and read their tables back."""

    def _open(self, wizard):
        return openpyxl.load_workbook(io.BytesIO(wizard._render_xlsx()), data_only=True)

    @staticmethod
    def _table(sheet):
        """(title block {label: value}, headers, data rows as dicts, totals row) of a sheet's main table."""
        rows = list(sheet.iter_rows(values_only=True))
        blank = next(index for index, row in enumerate(rows) if not any(row))
        block = {row[0]: row[1] for row in rows[1:blank]}
        headers = [value for value in rows[blank + 1] if value is not None]
        data = []
        for row in rows[blank + 2 :]:
            row = row[: len(headers)]
            if not any(value is not None for value in row):
                break
            data.append(dict(zip(headers, row)))
        totals = data.pop()
        return block, headers, data, totals
