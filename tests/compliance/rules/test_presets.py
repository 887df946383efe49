"""The presets (rules/presets.py): the legal basis a letter prints is a law that binds the preset's
federations, never a rule number, a research note, a practice or the portal's default; scores are
in points."""

import re

import pytest

from compliance.rules.presets import NATIONAL, PRESETS, Key, Unit

# The region whose own regulation a preset may print; national law may be printed by every preset.
OWN_REGION = {
    "national": None,
    "beijing": "北京",
    "shanghai": "上海",
    "zhejiang": "浙江",
    "chongqing": "重庆",
    "shandong_wage": "山东",
    "henan_wage": "河南",
}
REGIONS = ("北京", "上海", "浙江", "重庆", "山东", "河南", "淮北", "南昌", "杭州", "平顶山", "阜宁")
NATIONAL_LAWS = ("《集体合同规定》", "《中华人民共和国民法典》")


def test_every_preset_names_its_own_region():
    assert set(OWN_REGION) == set(PRESETS)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_a_printed_basis_is_a_law_binding_the_presets_federations(preset):
    """Regression (issue 14): a Heilongjiang federation's opinion letter cited Zhejiang's
    regulation, and a reminder printed "依据R45 淮北市实践"."""
    for key, parameter in PRESETS[preset].items():
        basis = parameter.basis
        if not basis:
            continue
        assert not re.search(r"R\d", basis), (preset, key)
        assert "实践" not in basis and "默认" not in basis, (preset, key)
        assert basis.startswith("《") and re.search(r"第[一二三四五六七八九十百千]+条", basis)
        assert not basis.endswith(("。", "；")), (preset, key)
        foreign = [r for r in REGIONS if r in basis and r != OWN_REGION[preset]]
        assert not foreign, (preset, key, foreign)
        if OWN_REGION[preset] is None or OWN_REGION[preset] not in basis:
            assert basis.startswith(NATIONAL_LAWS), (preset, key)


def test_practice_defaults_and_other_provinces_print_nothing_in_the_national_preset():
    for key in (
        Key.OPINION_REPLY,  # 浙江省工会劳动法律监督条例
        Key.REMINDER_SELF_CHECK,  # 淮北市实践
        Key.RECOMMENDATION_CASE,  # an unidentified local regulation
        Key.RECTIFICATION_NOTICE,  # the portal's default
        Key.PUBLISH_EFFECTIVE,  # "promptly": the ten days are the portal's
    ):
        assert NATIONAL[key].basis == "", key
    assert NATIONAL[Key.OFFER_REPLY].basis == "《集体合同规定》第三十二条"


def test_zhejiang_prints_its_own_supervision_regulation_for_the_opinion_reply():
    assert (
        PRESETS["zhejiang"][Key.OPINION_REPLY].basis == "《浙江省工会劳动法律监督条例》第二十二条"
    )
    for preset in set(PRESETS) - {"zhejiang"}:
        assert PRESETS[preset][Key.OPINION_REPLY].basis == "", preset


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_the_pass_line_and_the_weights_are_points_not_people(preset):
    """Regression (issue 14): the rule profile showed the pass line 80 in 人."""
    assert PRESETS[preset][Key.AUDIT_PASS_LINE].unit is Unit.POINTS
    assert PRESETS[preset][Key.AUDIT_WEIGHTS].unit is Unit.POINTS
