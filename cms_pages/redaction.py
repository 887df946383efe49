"""Personal data that a public contract notice must never show (DOMAIN.md §6, R26).

Pure functions, no ORM. Contract text is written by clerks and sometimes carries what it should
not: a representative's identity number, a contact's mobile number, one employee's salary used as
an example. These patterns replace such data with a visible marker; they prefer hiding a little
too much (an amount next to a name) over showing a person's data.

What stays: collective standards (a minimum wage, an average growth rate, "不低于2100元"), the
enterprises' names and credit codes (legal persons, not natural persons), dates and clause numbers.
"""

from __future__ import annotations

import re

REDACTED = "［已隐去］"

# Resident identity numbers (GB 11643): 18 characters (6-digit region, 8-digit birth date, 3-digit
# sequence, check digit or X) and the old 15-digit form (6-digit date); spaces between groups are
# tolerated because clerks type them.
_DATE8 = r"(?:18|19|20)\d{2}\s?(?:0[1-9]|1[0-2])\s?(?:0[1-9]|[12]\d|3[01])"
_DATE6 = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_IDENTITY = re.compile(
    rf"(?<![0-9A-Za-z])[1-9]\d{{5}}\s?(?:{_DATE8}\s?\d{{3}}[0-9Xx]|{_DATE6}\d{{3}})(?![0-9A-Za-z])"
)
# Mobile numbers (1[3-9]x, optionally +86), with or without separators.
_MOBILE = re.compile(r"(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
# Landlines with an area code: 0454-8234567, (0454) 8234567, 0454 8234567; service numbers
# 400/800; anything after a telephone label.
_LANDLINE = re.compile(
    r"(?<!\d)(?:[(（]0\d{2,3}[)）]\s?|0\d{2,3}[\s-])\d{7,8}(?:[-转]\d{1,5})?(?!\d)"
    r"|(?<!\d)[48]00[\s-]?\d{3}[\s-]?\d{4}(?!\d)"
)
_PHONE_LABEL = re.compile(
    r"((?:联系)?(?:电话|手机|座机|传真|Tel\.?|Phone|Mobile)\s*(?:号码)?\s*[:：]?\s*)"
    r"[+\d(（][\d\s()（）+-]{5,}\d",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_IDENTITY_LABEL = re.compile(
    r"((?:公民)?身份(?:证|证件)?号(?:码)?\s*[:：]?\s*)[0-9A-Za-z*\s]{6,20}"
)

# One person's wage: "<name>[的](月|年)?(工资|薪酬|…)(为|是|：)<amount>", "<name>（月薪8000元）" or
# "姓名：<name> … 工资：<amount>". A collective subject (职工, 全体员工, 女职工, 企业…) or a
# standard ("不低于", "增长") is not an individual wage.
_WAGE_WORD = r"(?:月|年|基本|岗位|绩效)?(?:工资|薪酬|薪资|薪金|月薪|年薪|收入|工资收入)"
_AMOUNT = r"(?:人民币)?\s*\d[\d,，]*(?:\.\d+)?\s*(?:万?元|元/月|元每月)"
_NAMED_WAGE = re.compile(
    rf"(?P<who>[\u4e00-\u9fa5]{{2,4}}?)(?:同志|先生|女士)?(?:的|之)?{_WAGE_WORD}"
    rf"(?P<verb>\s*(?:为|是|达|共计|合计|计|[:：]))\s*(?P<amount>{_AMOUNT})"
)
_BRACKET_WAGE = re.compile(
    rf"(?P<who>[\u4e00-\u9fa5]{{2,4}})\s*[（(]\s*{_WAGE_WORD}\s*[:：]?\s*(?P<amount>{_AMOUNT})\s*[）)]"
)
_ROW_WAGE = re.compile(
    rf"(?P<head>姓名\s*[:：]\s*[\u4e00-\u9fa5·]{{2,8}}[^。\n]{{0,40}}?{_WAGE_WORD}\s*[:：]?\s*)"
    rf"(?P<amount>{_AMOUNT})"
)
_COLLECTIVE = (
    "职工",
    "员工",
    "工人",
    "全体",
    "企业",
    "单位",
    "公司",
    "本厂",
    "人员",
    "最低",
    "平均",
    "年度",
    "标准",
    "基本",
    "岗位",
    "试用期",
    "实习",
    "学徒",
    "新入职",
    "每月",
    "每年",
    "一线",
    "生产",
    "管理",
    "技术",
    "所有",
    "其他",
    "班组",
    "车间",
    "部门",
    "季度",
    "加班",
    "夜班",
    "女工",
    "各类",
    "各岗",
)


def _named_wage(match: re.Match) -> str:
    who = match.group("who")
    if any(word in who for word in _COLLECTIVE):
        return match.group(0)
    return match.group(0)[: match.start("amount") - match.start(0)] + REDACTED


def _bracket_wage(match: re.Match) -> str:
    who = match.group("who")
    if any(word in who for word in _COLLECTIVE):
        return match.group(0)
    return match.group(0).replace(match.group("amount"), REDACTED)


def redact_personal_data(text: str) -> str:
    """Return `text` with identity numbers, phone numbers, e-mail addresses and individual
    wages replaced by REDACTED. Idempotent."""
    if not text:
        return text
    text = _IDENTITY_LABEL.sub(lambda m: m.group(1) + REDACTED, text)
    text = _IDENTITY.sub(REDACTED, text)
    text = _PHONE_LABEL.sub(lambda m: m.group(1) + REDACTED, text)
    text = _MOBILE.sub(REDACTED, text)
    text = _LANDLINE.sub(REDACTED, text)
    text = _EMAIL.sub(REDACTED, text)
    text = _ROW_WAGE.sub(lambda m: m.group("head") + REDACTED, text)
    text = _BRACKET_WAGE.sub(_bracket_wage, text)
    text = _NAMED_WAGE.sub(_named_wage, text)
    return text
