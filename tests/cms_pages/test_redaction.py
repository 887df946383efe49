"""What a public notice must never show (DOMAIN.md §6): identity numbers, phone numbers, e-mail
addresses and individual wages; what it must keep: collective standards and legal persons."""

import pytest

from cms_pages.redaction import REDACTED, redact_personal_data


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("职工代表王立新，身份证号230803198507121234。", "230803198507121234"),
        ("身份证号码：23080319850712123X，住所略。", "23080319850712123X"),
        ("证件 230803 19850712 1234 已核验", "230803 19850712 1234"),
        ("旧证号230803850712123仍有效", "230803850712123"),
        ("公民身份号码 2308031985071212", "2308031985071212"),
        ("联系人手机13812345678。", "13812345678"),
        ("手机 +86 138-1234-5678 （工作时间）", "138-1234-5678"),
        ("请拨打138 1234 5678联系", "138 1234 5678"),
        ("工会办公室电话：0454-8234567", "0454-8234567"),
        ("电话（0454）8234567转12", "8234567"),
        ("服务热线400-123-4567", "400-123-4567"),
        ("联系电话 8234567", "8234567"),
        ("邮箱 wang.lixin@example.com", "wang.lixin@example.com"),
        ("职工王立新的月工资为8000元。", "8000元"),
        ("张三基本工资：6,500元，李四年薪为12万元。", "6,500元"),
        ("张三基本工资：6,500元，李四年薪为12万元。", "12万元"),
        ("如陈志远（月薪12000元）所述", "12000元"),
        ("姓名：刘晓燕，岗位：质检员，工资：5800元", "5800元"),
        ("孙浩同志工资收入为人民币7200.50元", "7200.50元"),
    ],
)
def test_personal_data_is_redacted(text, secret):
    redacted = redact_personal_data(text)
    assert secret not in redacted
    assert REDACTED in redacted


@pytest.mark.parametrize(
    "text",
    [
        "职工月最低工资不低于2100元，不包括加班工资。",
        "企业职工工资年度平均增长幅度不低于8.5%。",
        "全体职工的月工资为不低于当地最低工资标准的120%。",
        "本企业职工月工资为3000元以上的，按月足额支付。",
        "试用期工资为2000元，不低于本单位相同岗位最低档工资。",
        "一线岗位工资为3500元，管理岗位工资另行约定。",
        "统一社会信用代码91230803MA1B2C3D0X的企业",
        "合同期限自2026-05-01起至2029-04-30止，共3年。",
        "每周工作时间不超过40小时，每日不超过8小时。",
        "备案号佳工集备〔2026〕3号",
    ],
)
def test_collective_terms_and_legal_persons_are_kept(text):
    assert redact_personal_data(text) == text


def test_redaction_is_idempotent_and_keeps_the_sentence():
    text = "职工代表王立新（手机13812345678，身份证号230803198507121234）的月工资为8000元。"
    once = redact_personal_data(text)
    assert redact_personal_data(once) == once
    assert once.startswith("职工代表王立新（手机")
    assert "13812345678" not in once and "230803198507121234" not in once and "8000" not in once


def test_empty_text():
    assert redact_personal_data("") == ""
