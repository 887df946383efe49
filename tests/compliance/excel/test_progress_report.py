"""The monthly progress report's workbook: figures as numbers, invitations as text, no formulas."""

import io

from openpyxl import load_workbook

from compliance.excel.progress_report import write_progress_report


def test_the_workbook_holds_the_figures_and_the_invitations():
    buffer = io.BytesIO()
    write_progress_report(
        title="2026-11 集体协商工作进展",
        figures_title="数据",
        figure_headers=["项目", "2026-11", "2026-10", "增减", "本年累计"],
        figure_rows=[["召开月例会", 1, 1, 0, 11]],
        invitations_title="参会企业",
        invitation_headers=["企业", "原因", "出席", "结果", "措施", "备注"],
        invitation_rows=[["甲公司", "", "出席", "指导", "", '=HYPERLINK("x")']],
        target=buffer,
    )
    workbook = load_workbook(io.BytesIO(buffer.getvalue()))
    figures, invited = workbook["数据"], workbook["参会企业"]
    assert figures["A1"].value == "2026-11 集体协商工作进展"
    assert [c.value for c in figures[3]] == ["召开月例会", 1, 1, 0, 11]
    assert invited["A2"].value == "甲公司"
    assert invited["F2"].data_type == "s"  # user text is never a formula
