import io

from openpyxl import load_workbook

from compliance.excel.statistics import PERCENT_FORMAT, Percent, write_statistics


def test_counts_are_numbers_and_rates_percentages():
    out = io.BytesIO()
    write_statistics(
        sheet_title="统计",
        title="甲市总工会 — 2026-11-30",
        headers=["地区", "建制率", "企业"],
        rows=[["向阳区", Percent(0.5), 12], ["=1+1", Percent(None), 0]],
        target=out,
    )
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet["A1"].value == "甲市总工会 — 2026-11-30"
    assert [c.value for c in sheet[2]] == ["地区", "建制率", "企业"]
    assert sheet["B3"].value == 0.5 and sheet["B3"].number_format == PERCENT_FORMAT
    assert sheet["C3"].value == 12 and sheet["B4"].value is None
    assert sheet["A4"].value == "=1+1" and sheet["A4"].data_type == "s"  # never a formula
