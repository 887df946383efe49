import pytest
from django.utils import translation

from compliance.rules.figures import Figures, Ratio
from compliance.selectors.figure_tables import segment_rows
from compliance.selectors.presentation import RATE_COLUMNS, ratio_text, segment_label


@pytest.mark.parametrize(
    ("dimension", "segment", "zh", "en"),
    [
        ("region", "230803", "向阳区", "Xiangyang District"),
        ("region", "999999", "999999", "999999"),
        ("industry", "C", "制造业", "Manufacturing"),
        ("ownership", "state", "国有", "State-owned"),
        ("size", "100plus", "100人及以上", "100 employees or more"),
        ("designated", "unknown", "不详", "Not known"),
        ("key", "key", "重点企业", "Key enterprises"),
        ("all", "", "全部企业", "Whole federation"),
        ("industry", "", "未登记", "Not recorded"),
    ],
)
def test_segment_labels_in_both_languages(dimension, segment, zh, en):
    with translation.override("zh-hans"):
        assert segment_label(dimension, segment) == zh
    with translation.override("en"):
        assert segment_label(dimension, segment) == en


def test_a_rate_is_written_with_its_counts():
    assert ratio_text(Ratio(69, 121)) == "57.0% (69/121)"
    assert ratio_text(Ratio(0, 0)) == "— (0/0)"


def test_rate_columns_read_the_chosen_periods_flows():
    figures = Figures(expired_month=4, renewed_month=1, expired_r12=10, renewed_r12=9)
    renewal = next(c for c in RATE_COLUMNS if c.key == "renewal")
    assert renewal.ratio(figures, "month") == Ratio(1, 4)
    assert renewal.ratio(figures, "r12") == Ratio(9, 10)


def test_segments_keep_their_dimensions_order():
    with translation.override("en"):
        sizes = segment_rows("size", [("under100", Figures()), ("100plus", Figures())])
        regions = segment_rows(
            "region", [("", Figures()), ("230804", Figures()), ("230803", Figures())]
        )
    assert [r.label for r in sizes] == ["100 employees or more", "Fewer than 100 employees"]
    assert [r.label for r in regions] == ["Xiangyang District", "Qianjin District", "Not recorded"]
