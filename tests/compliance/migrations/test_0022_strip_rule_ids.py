"""The data migration of issue 15 (item 11): stored deadline wordings of the old formats lose
their internal rule ids; every other text, and every history row, stays as it was."""

import importlib

import pytest
from django.apps import apps

from compliance.models import BargainingRound
from tests.factories import compliance as f

migration = importlib.import_module("compliance.migrations.0022_strip_rule_ids")

OLD_ZH = (
    "截止日期2026-03-23：自2026-03-03起20个日历日（起始日不计入），依据R1 《集体合同规定》 第32条; "
    "期间最后一日2026-03-22为休息日，顺延至下一个工作日."
)
NEW_ZH = (
    "截止日期2026-03-23：自2026-03-03起20个日历日（起始日不计入），依据《集体合同规定》 第32条; "
    "期间最后一日2026-03-22为休息日，顺延至下一个工作日."
)


@pytest.mark.parametrize(
    ("stored", "cleaned"),
    [
        (OLD_ZH, NEW_ZH),
        (
            "截止日期2026-04-20：自2026-04-03起10个工作日（起始日不计入；周末和法定节假日不计入，"
            "调休上班日计入），依据R16 浙江省集体合同条例 第20条.",
            "截止日期2026-04-20：自2026-04-03起10个工作日（起始日不计入；周末和法定节假日不计入，"
            "调休上班日计入），依据浙江省集体合同条例 第20条.",
        ),
        (
            "截止日期2029-04-30：自2026-04-30起36个月（至最后一个月的对应日届满），依据R28 规定.",
            "截止日期2029-04-30：自2026-04-30起36个月（至最后一个月的对应日届满），依据规定.",
        ),
        (
            "Due 2026-05-15: 15 calendar days from 2026-04-30 (start day not counted) under "
            "R20/R21 《集体合同规定》 Art. 42; provisional: the official holiday calendar for part "
            "of this period is not loaded, so only weekends were treated as rest days.",
            "Due 2026-05-15: 15 calendar days from 2026-04-30 (start day not counted) under "
            "《集体合同规定》 Art. 42; provisional: the official holiday calendar for part "
            "of this period is not loaded, so only weekends were treated as rest days.",
        ),
        (
            "Due 2026-04-20: 10 working days after 2026-04-03 (start day not counted; weekends "
            "and statutory holidays skipped, make-up working days counted) under R1 Zhejiang.",
            "Due 2026-04-20: 10 working days after 2026-04-03 (start day not counted; weekends "
            "and statutory holidays skipped, make-up working days counted) under Zhejiang.",
        ),
        # An empty source note: "under R1 " said nothing more, so it goes whole.
        (
            "截止日期2026-03-23：自2026-03-03起20个日历日（起始日不计入），依据R1 ; 暂定：…",
            "截止日期2026-03-23：自2026-03-03起20个日历日（起始日不计入）; 暂定：…",
        ),
        (
            "Due 2026-03-23: 20 calendar days from 2026-03-03 (start day not counted) under R1 .",
            "Due 2026-03-23: 20 calendar days from 2026-03-03 (start day not counted).",
        ),
        # A round effective by silence, with the review period's wording after it.
        (
            "审查期限内未提出审查意见书，依据R21（规定第47条）生效：截止日期2026-05-15：自"
            "2026-04-30起15个日历日（起始日不计入），依据R20 《集体合同规定》 第42条.",
            "审查期限内未提出审查意见书，依据规定第47条生效：截止日期2026-05-15：自"
            "2026-04-30起15个日历日（起始日不计入），依据《集体合同规定》 第42条.",
        ),
        (
            "No objection within the review period; effective under R21 (规定 Art. 47): Due "
            "2026-05-15: 15 calendar days from 2026-04-30 (start day not counted) under R20 Art. 42.",
            "No objection within the review period; effective under 规定 Art. 47: Due "
            "2026-05-15: 15 calendar days from 2026-04-30 (start day not counted) under Art. 42.",
        ),
    ],
)
def test_old_formats_lose_their_rule_ids(stored, cleaned):
    assert migration.strip_rule_ids(stored) == cleaned


@pytest.mark.parametrize(
    "text",
    [
        # Today's wordings, which never held an id.
        "截止日期2026-03-23：自2026-03-03起20个日历日（起始日不计入）；依据《集体合同规定》第三十二条。",
        "Due 2026-03-23: 20 calendar days from 2026-03-03 (start day not counted); under "
        "《集体合同规定》第三十二条.",
        "审查期满未提出异议，于审查期最后一日生效。截止日期2026-05-15：自2026-04-30起15个日历日"
        "（起始日不计入）；本会规则配置设定，无法律规定此数值。",
        # Rule-like words outside the old formats stay.
        "依据R1 本会细则：自发文之日起15日内",
        "R2D2 机器人公司的要约",
        "",
    ],
)
def test_text_without_an_old_format_rule_id_is_unchanged(text):
    assert migration.strip_rule_ids(text) == text


def test_the_migration_rewrites_the_rounds_but_not_their_history(in_a):
    old = f.offered_round()
    current = f.offered_round()
    BargainingRound.objects.filter(pk=old.pk).update(reply_due_rule=OLD_ZH)
    history = {
        row.history_id: row.reply_due_rule
        for row in BargainingRound.history.model.objects.filter(id__in=[old.pk, current.pk])
    }

    migration.forwards(apps, None)

    rules = dict(BargainingRound.objects.values_list("pk", "reply_due_rule"))
    assert rules[old.pk] == NEW_ZH
    assert rules[current.pk] == current.reply_due_rule  # today's wording: untouched
    assert history == {
        row.history_id: row.reply_due_rule
        for row in BargainingRound.history.model.objects.filter(id__in=[old.pk, current.pk])
    }
