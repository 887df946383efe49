"""Copied passages and version differences of Chinese contract text (no database)."""

from __future__ import annotations

import itertools

import pytest

from compliance.rules.similarity import (
    ADDED,
    REMOVED,
    SHINGLE,
    UNCHANGED,
    normalise,
    similarity,
    source_index,
    text_diff,
)

MODEL = "企业应当建立工资集体协商制度，每年至少开展一次工资集体协商，协商确定职工年度工资增长幅度。"
OWN = "本企业职工月工资于每月十五日前以货币形式足额支付，不得克扣或者无故拖欠。"


def _copied(text: str, *sources: tuple[str, str]):
    return similarity(text, source_index(sources))


def _marked(text: str, found) -> list[str]:
    return [text[p.start : p.end] for p in found.passages]


# --- normalising -------------------------------------------------------------------------


def test_normalising_drops_punctuation_and_spaces_and_folds_widths():
    norm = normalise("工资 ，每月１５日（含）发放。\nABC")
    assert norm.text == "工资每月15日含发放abc"


def test_normalised_positions_point_back_into_the_original():
    original = "一、 工资：每月发放。"
    norm = normalise(original)
    assert "".join(original[i] for i in norm.positions) == norm.text == "一工资每月发放"


# --- copied passages -----------------------------------------------------------------------


def test_an_identical_clause_is_wholly_copied_and_marked_whole():
    found = _copied(MODEL, ("model", MODEL))
    assert found.share == 1.0
    assert found.covered == found.length == len(normalise(MODEL).text)
    (passage,) = found.passages
    assert (passage.start, passage.end, passage.source) == (0, len(MODEL) - 1, "model")
    assert MODEL[passage.start : passage.end] == MODEL[:-1]  # the closing 。 counts for nothing


def test_a_disjoint_clause_shares_nothing():
    found = _copied(OWN, ("model", MODEL))
    assert (found.share, found.passages, found.by_source) == (0.0, (), ())
    assert found.length == len(normalise(OWN).text)


def test_a_partly_copied_clause_has_the_share_and_the_passage_of_the_copy():
    copied = "每年至少开展一次工资集体协商"  # 14 characters of the model text
    text = "双方约定，" + copied + "，具体办法由双方另行商定。"
    found = _copied(text, ("model", MODEL), ("other", OWN))
    assert _marked(text, found) == [copied]
    assert found.covered == len(copied)
    assert found.share == pytest.approx(len(copied) / len(normalise(text).text))
    assert found.passages[0].sources == ("model",)
    assert found.share_of("model") == found.share and found.share_of("other") == 0.0


def test_punctuation_and_width_differences_do_not_hide_a_copy():
    variant = (
        "企业应当建立工资集体协商制度 每年至少开展一次工资集体协商；协商确定职工年度工资增长幅度"
    )
    assert _copied(variant, ("model", MODEL)).share == 1.0
    digits = "每月１５日前支付职工上月工资"
    assert _copied(digits, ("src", "每月15日前支付职工上月工资。")).share == 1.0


def test_a_common_phrase_shorter_than_a_shingle_is_not_a_copy():
    phrase = "按照国家有关规定执行"  # 10 characters every contract may use
    assert len(phrase) < SHINGLE
    text = "加班工资" + phrase + "，由企业在次月发放到职工本人账户。"
    assert _copied(text, ("model", "职工患病医疗期待遇" + phrase + "。")).share == 0.0


def test_a_run_of_exactly_one_shingle_is_found_and_one_less_is_not():
    source = "甲乙丙丁戊己庚辛壬癸子丑寅卯"
    assert _copied("天地" + source[:SHINGLE] + "玄黄", ("s", source)).covered == SHINGLE
    assert _copied("天地" + source[: SHINGLE - 1] + "玄黄", ("s", source)).covered == 0


def test_a_short_clause_counts_as_copied_only_when_it_occurs_whole():
    short = "工资按月支付。"  # 6 characters: under a shingle
    found = _copied(short, ("model", "职工工资按月支付，不得拖欠。"))
    assert found.share == 1.0
    (passage,) = found.passages
    assert short[passage.start : passage.end] == "工资按月支付"
    assert _copied(short, ("model", "职工工资按季支付，不得拖欠。")).share == 0.0


def test_a_text_without_wording_measures_nothing():
    found = _copied("。 ，\n", ("model", MODEL))
    assert (found.length, found.share, found.passages) == (0, 0.0, ())


def test_offsets_map_back_to_the_original_across_punctuation_and_line_breaks():
    source = "劳动合同期满前三十日，企业应当书面通知职工是否续订劳动合同"
    text = (
        "第五条\n  劳动合同期满前三十日 ，企业应当\n书面通知职工是否续订劳动合同。其余按法律办理。"
    )
    found = _copied(text, ("model", source))
    (passage,) = found.passages
    assert text[passage.start : passage.end] == (
        "劳动合同期满前三十日 ，企业应当\n书面通知职工是否续订劳动合同"
    )
    assert found.covered == len(normalise(source).text)


def test_passages_from_two_sources_each_name_theirs():
    first = "企业每年组织职工进行一次职业健康检查"
    second = "女职工在孕期产期哺乳期内享受国家规定的特殊保护"
    text = first + "，并且" + second + "。"
    found = _copied(text, ("a", first + "。"), ("b", "其他约定。" + second))
    assert _marked(text, found) == [first, second]
    assert [p.sources for p in found.passages] == [("a",), ("b",)]
    assert dict(found.by_source) == {"a": len(first), "b": len(second)}


def test_overlapping_sources_are_all_named_the_larger_first():
    base = "企业应当为职工缴纳社会保险费并按时足额缴纳住房公积金"
    text = base + "。"
    found = _copied(text, ("part", base[:15]), ("whole", base))
    (passage,) = found.passages
    assert passage.sources == ("whole", "part")
    assert found.by_source[0] == ("whole", len(base))
    assert found.share_of("part") == pytest.approx(15 / len(base))


def test_a_source_index_refuses_an_empty_shingle():
    with pytest.raises(ValueError):
        source_index([("s", MODEL)], size=0)


# --- versions ------------------------------------------------------------------------------


def _join(runs, *changes):
    return "".join(run.text for run in runs if run.change in changes)


def test_identical_versions_are_one_unchanged_run():
    assert [(r.change, r.text) for r in text_diff(MODEL, MODEL)] == [(UNCHANGED, MODEL)]


def test_a_changed_figure_is_removed_then_added_character_by_character():
    old = "职工月最低工资不低于2100元，每年增长6%。"
    new = "职工月最低工资不低于2300元，每年增长7%。"
    runs = text_diff(old, new)
    assert [(r.change, r.text) for r in runs] == [
        (UNCHANGED, "职工月最低工资不低于2"),
        (REMOVED, "1"),
        (ADDED, "3"),
        (UNCHANGED, "00元，每年增长"),
        (REMOVED, "6"),
        (ADDED, "7"),
        (UNCHANGED, "%。"),
    ]


def test_the_runs_give_back_both_versions():
    old = "实行标准工时制度，每周工作时间不超过40小时。加班应当与工会协商。"
    new = "实行综合计算工时制度，每周平均工作时间不超过40小时。"
    runs = text_diff(old, new)
    assert _join(runs, UNCHANGED, REMOVED) == old
    assert _join(runs, UNCHANGED, ADDED) == new
    assert {r.change for r in runs} == {UNCHANGED, ADDED, REMOVED}
    assert all(a.change != b.change for a, b in itertools.pairwise(runs))


def test_common_characters_of_a_long_text_are_still_aligned():
    """difflib's junk heuristic ignores the characters frequent in a text over 200 characters
    (here all of them) and reported 141 of 281 characters as replaced for one added."""
    old = "企业应当按时足额支付职工工资" * 20
    new = old[:140] + "并" + old[140:]
    runs = text_diff(old, new)
    assert [(r.change, r.text) for r in runs] == [
        (UNCHANGED, old[:140]),
        (ADDED, "并"),
        (UNCHANGED, old[140:]),
    ]


def test_from_or_to_an_empty_text():
    assert [(r.change, r.text) for r in text_diff("", "新条款")] == [(ADDED, "新条款")]
    assert [(r.change, r.text) for r in text_diff("旧条款", "")] == [(REMOVED, "旧条款")]
    assert text_diff("", "") == ()
