"""The layout rules of the Excel reports (youth_movement/tools/sheets.py)."""

import pytest


def test_sheet_names_are_valid_and_unique(sheets):
    assert sheets.sheet_name("Members: by school/district") == "Members  by school district"
    long = "Мүшелер тізімі мектептер мен аудандар бойынша"
    assert len(sheets.sheet_name(long)) == 31
    assert sheets.sheet_name("Members", taken=["members"]) == "Members (2)"
    assert sheets.sheet_name("Members", taken=["Members", "Members (2)"]) == "Members (3)"
    assert len(sheets.sheet_name(long, taken=[sheets.sheet_name(long)])) == 31
    assert sheets.sheet_name("'[]'") == "Sheet"


def _layout(sheets, rows=3):
    columns = (
        sheets.Column("name", "District", 30, total=sheets.TOTAL_LABEL),
        sheets.Column("members", "Members", 10, sheets.INTEGER, sheets.TOTAL_SUM),
        sheets.Column("pupils", "Pupils", 10, sheets.INTEGER, sheets.TOTAL_SUM),
        sheets.Column("coverage", "Coverage", 10, sheets.PERCENT, sheets.TOTAL_RATIO, ("members", "pupils")),
        sheets.Column("code", "Code", 8, total=sheets.TOTAL_COUNT),
    )
    return sheets.TableLayout(columns, title_rows=5, row_count=rows)


def test_table_layout_positions(sheets):
    layout = _layout(sheets)
    assert (layout.header_row, layout.first_data_row, layout.last_data_row, layout.totals_row) == (6, 7, 9, 10)
    assert layout.freeze_at() == (7, 0)
    assert layout.autofilter_range() == (6, 0, 9, 4)
    assert layout.data_range("members") == "$B$8:$B$10"
    with pytest.raises(KeyError):
        layout.col_of("nothing")


def test_empty_table_keeps_header_and_totals_apart(sheets):
    layout = _layout(sheets, rows=0)
    assert layout.last_data_row == layout.header_row
    assert layout.totals_row == layout.header_row + 1
    assert layout.autofilter_range() == (6, 0, 6, 4)
    assert sheets.total_formula(layout, layout.columns[1]) == "=0"


def test_totals_follow_the_filter_and_match_python(sheets):
    layout = _layout(sheets)
    rows = [
        {"name": "A", "members": 10, "pupils": 40, "coverage": 0.25, "code": "a"},
        {"name": "B", "members": 5, "pupils": 0, "coverage": None, "code": ""},
        {"name": "C", "members": 15, "pupils": 60, "coverage": 0.25, "code": "c"},
    ]
    name, members, pupils, coverage, code = layout.columns
    assert sheets.total_formula(layout, members) == "=SUBTOTAL(109,B8:B10)"
    assert sheets.total_formula(layout, code) == "=SUBTOTAL(103,E8:E10)"
    assert sheets.total_formula(layout, coverage) == '=IF(N(C11)=0,"",B11/C11)'
    assert sheets.total_formula(layout, name) is None
    totals = sheets.Totals(layout.columns)
    for row in rows:
        totals.add(sheets.row_values(layout.columns, row))
    assert totals.value(members) == 30
    assert totals.value(pupils) == 100
    assert totals.value(coverage) == pytest.approx(0.3)
    assert totals.value(code) == 2
    assert totals.value(name) is None


def test_ratio(sheets):
    assert sheets.ratio(1, 4) == 0.25
    assert sheets.ratio(3, 0) is None
    assert sheets.ratio_formula(7, 1, 2) == '=IF(N(C8)=0,"",B8/C8)'


def test_title_block_drops_empty_lines(sheets):
    rows = sheets.title_block(
        "Membership", [("Period", "01.09.2025 – 31.08.2026"), ("Scope", ""), ("Made by", "Manager")]
    )
    assert rows == [("Membership",), ("Period", "01.09.2025 – 31.08.2026"), ("Made by", "Manager")]


def test_row_values(sheets):
    layout = _layout(sheets)
    assert sheets.row_values(layout.columns, {"name": "A", "pupils": 3}) == ["A", None, 3, None, None]
