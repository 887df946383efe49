from decimal import Decimal

from compliance.backoffice.statistics.charts import bar_chart, line_chart


def test_bar_chart_is_labelled_and_escapes_its_labels():
    svg = bar_chart(
        chart_id="c", title="建制率", items=[("<b>向阳区</b>", Decimal("57.0")), ("前进区", None)]
    )
    assert 'role="img"' in svg and '<title id="c-title">建制率</title>' in svg
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    assert "57.0%" in svg and "—" in svg and svg.count("<rect") == 1


def test_line_chart_breaks_where_a_month_is_missing():
    points = [("1", Decimal("50")), ("2", Decimal("60")), ("3", None), ("4", Decimal("70"))]
    svg = line_chart(chart_id="m", title="月末", points=points, missing="未发布数据")
    assert svg.count("<polyline") == 1  # months 1–2; month 4 stands alone
    assert svg.count("<circle") == 3 and "3: 未发布数据" in svg
