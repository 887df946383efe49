"""Rule-profile presets: each statutory number of the procedure, with its unit and source.

A federation's profile is created from one preset and then edited by its administrators
(shared/DOMAIN.md §3). Values come from shared/domain/regulations.md §4 and §9; where a regulation
says only "promptly" (及时), the preset's number is this portal's default and its source says so.

Each parameter carries two texts. `source` is the research note behind the number (a regulation of
any province, a city's practice, "本平台默认值") and stays inside the portal. `basis` is the legal
basis a letter may print (法律依据（文书引用）): it is filled only where the cited law binds the
preset's federations, i.e. national law in every preset and a province's own regulation only in
that province's preset. Where the number is a local practice, another province's rule or the
portal's default, `basis` is empty and a letter states the period alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"
    FRACTION = "fraction"  # stored as "numerator/denominator"
    COUNT = "count"
    POINTS = "points"  # a score out of 100 (分)
    YEARS = "years"
    FLAG = "flag"  # "1" or "0"


@dataclass(frozen=True)
class Parameter:
    value: str
    unit: Unit
    rule: str
    source: str
    basis: str = ""


class Key(StrEnum):
    OFFER_REPLY = "offer_reply"
    SIDE_MINIMUM = "side_minimum"
    SIDE_MAXIMUM = "side_maximum"  # "0" means no maximum
    EMPLOYER_NOT_MORE = "employer_not_more_than_employee"
    OUTSIDER_MAX = "outsider_max_fraction"
    CONGRESS_QUORUM = "congress_quorum"
    CONGRESS_APPROVAL = "congress_approval"
    APPROVAL_STRICT = "approval_strict"
    SUBMIT_SIGNED = "submit_signed"
    REVIEW_PERIOD = "review_period"
    PUBLISH_EFFECTIVE = "publish_effective"
    NOTICE_POSTING = "notice_posting"
    REPRESENTATIVES_PUBLISH = "representatives_publish"  # "0": before the first meeting only
    VACANCY_FILL = "vacancy_fill"
    BARGAINING_PERIOD = "bargaining_period"  # "0" means no cap
    SUSPENSION_MAX = "suspension_max"  # "0" means as long as the two sides agree
    DISPUTE_COORDINATION = "dispute_coordination"
    DISPUTE_EXTENSION = "dispute_extension"
    TERM_MIN = "term_min"
    TERM_MAX = "term_max"
    RENEWAL_WINDOW = "renewal_window"
    PERFORMANCE_REPORT = "performance_report"
    OPINION_REPLY = "opinion_reply"
    REMINDER_SELF_CHECK = "reminder_self_check"
    AWARD_NOTICE = "award_notice"
    RECOMMENDATION_CASE = "recommendation_case"
    RECTIFICATION_NOTICE = "rectification_notice"
    DEADLINE_REMINDER_LEAD = "deadline_reminder_lead"
    AUDIT_ENTERPRISE = "audit_enterprise"
    AUDIT_INDUSTRY = "audit_industry"
    AUDIT_FEDERATION = "audit_federation"
    AUDIT_PASS_LINE = "audit_pass_line"  # noqa: S105 - a score threshold, not a password
    AUDIT_WEIGHTS = "audit_weights"
    # The enterprise's accounts (issue 17): not statutory, the federation's own choices.
    ENTERPRISE_INVITATION = "enterprise_invitation"
    ENTERPRISE_EMAIL_CODE = "enterprise_email_code"
    # The labour administration's review online (issue 17 item 6).
    MATERIALS_REQUEST = "materials_request"
    REVIEWER_INVITATION = "reviewer_invitation"
    # The quality and effectiveness evaluation (issue 18 item 9).
    QUALITY_PASS_LINE = "quality_pass_line"  # noqa: S105 - a score threshold, not a password
    QUALITY_WEIGHTS = "quality_weights"
    # Instructors' work (issue 18 item 6).
    INSTRUCTOR_TARGET = "instructor_target"


C, W, M = Unit.CALENDAR_DAYS, Unit.WORKING_DAYS, Unit.MONTHS
_NATIONAL_ART = "《集体合同规定》(劳社部令第22号)"
_RULES = "《集体合同规定》"  # printed on letters: binds every federation

NATIONAL: dict[Key, Parameter] = {
    Key.OFFER_REPLY: Parameter("20", C, "R1", f"{_NATIONAL_ART} 第32条", f"{_RULES}第三十二条"),
    Key.SIDE_MINIMUM: Parameter(
        "3", Unit.COUNT, "R3", f"{_NATIONAL_ART} 第19条", f"{_RULES}第十九条"
    ),
    Key.SIDE_MAXIMUM: Parameter(
        "0", Unit.COUNT, "R3", f"{_NATIONAL_ART} 第19条（无上限）", f"{_RULES}第十九条"
    ),
    Key.EMPLOYER_NOT_MORE: Parameter(
        "0", Unit.FLAG, "R3", f"{_NATIONAL_ART} 第19条（双方人数对等）", f"{_RULES}第十九条"
    ),
    Key.OUTSIDER_MAX: Parameter(
        "1/3", Unit.FRACTION, "R4", f"{_NATIONAL_ART} 第23条", f"{_RULES}第二十三条"
    ),
    Key.CONGRESS_QUORUM: Parameter(
        "2/3", Unit.FRACTION, "R13", f"{_NATIONAL_ART} 第36条", f"{_RULES}第三十六条"
    ),
    Key.CONGRESS_APPROVAL: Parameter(
        "1/2", Unit.FRACTION, "R14", f"{_NATIONAL_ART} 第36条", f"{_RULES}第三十六条"
    ),
    Key.APPROVAL_STRICT: Parameter(
        "0",
        Unit.FLAG,
        "R14",
        f"{_NATIONAL_ART} 第36条“半数以上”；《民法典》第1259条（含本数）",
        f"{_RULES}第三十六条、《中华人民共和国民法典》第一千二百五十九条",
    ),
    Key.SUBMIT_SIGNED: Parameter("10", C, "R16", f"{_NATIONAL_ART} 第42条", f"{_RULES}第四十二条"),
    Key.REVIEW_PERIOD: Parameter(
        "15", C, "R20/R21", f"{_NATIONAL_ART} 第45条、第47条", f"{_RULES}第四十五条、第四十七条"
    ),
    # The regulation says "promptly" (及时): the ten days are the portal's, no law to print.
    Key.PUBLISH_EFFECTIVE: Parameter(
        "10", C, "R23", f"{_NATIONAL_ART} 第48条“及时”；10日为本平台默认值，可调整"
    ),
    Key.NOTICE_POSTING: Parameter(
        "15", C, "R24", "重庆厂务公开条例 第9条、山东厂务公开条例 第12条"
    ),
    # Beijing's "published before bargaining" has no number: "0" keeps only that limit.
    Key.REPRESENTATIVES_PUBLISH: Parameter(
        "0",
        C,
        "R6",
        "北京市集体合同条例 第11条（协商前公布）；国家规定未定天数，0表示首次协商会议前",
    ),
    Key.VACANCY_FILL: Parameter("15", C, "R7", f"{_NATIONAL_ART} 第31条", f"{_RULES}第三十一条"),
    Key.BARGAINING_PERIOD: Parameter(
        "0",
        C,
        "R10",
        "国家规定未设协商期限（0表示不限）；山东工资60日、河南工资2个月，自应约之日起算",
    ),
    Key.SUSPENSION_MAX: Parameter(
        "0",
        C,
        "R10",
        f"{_NATIONAL_ART} 第35条（中止期限由双方商定，0表示不限）",
        f"{_RULES}第三十五条",
    ),
    Key.DISPUTE_COORDINATION: Parameter(
        "30", C, "R33", f"{_NATIONAL_ART} 第52条（自受理之日起）", f"{_RULES}第五十二条"
    ),
    Key.DISPUTE_EXTENSION: Parameter(
        "15", C, "R33", f"{_NATIONAL_ART} 第52条（延期最长）", f"{_RULES}第五十二条"
    ),
    Key.TERM_MIN: Parameter(
        "1", Unit.YEARS, "R28", f"{_NATIONAL_ART} 第38条", f"{_RULES}第三十八条"
    ),
    Key.TERM_MAX: Parameter(
        "3", Unit.YEARS, "R28", f"{_NATIONAL_ART} 第38条", f"{_RULES}第三十八条"
    ),
    Key.RENEWAL_WINDOW: Parameter(
        "3", M, "R29", f"{_NATIONAL_ART} 第38条第2款", f"{_RULES}第三十八条第二款"
    ),
    Key.PERFORMANCE_REPORT: Parameter("12", M, "R31", "北京 第41条；浙江 第37条（每年至少一次）"),
    # Zhejiang's regulation and Huaibei's practice bind no other federation: nothing to print.
    Key.OPINION_REPLY: Parameter("15", W, "R43", "浙江省工会劳动法律监督条例 第22条"),
    Key.REMINDER_SELF_CHECK: Parameter("15", C, "R45", "淮北市实践"),
    Key.AWARD_NOTICE: Parameter("5", W, "R40", "平顶山2019、阜宁2018评选公示"),
    Key.RECOMMENDATION_CASE: Parameter("5", W, "R44", "地方工会劳动法律监督条例（立案审查期限）"),
    Key.RECTIFICATION_NOTICE: Parameter(
        "15", C, "R45", "限期整改通知书整改期限，本平台默认值，可调整"
    ),
    Key.DEADLINE_REMINDER_LEAD: Parameter(
        "3", C, "—", "期限届满前提醒监督员的天数，本平台默认值，可调整"
    ),
    Key.AUDIT_ENTERPRISE: Parameter("3", M, "R32", "企业监督小组每季度检查（种子材料001）"),
    Key.AUDIT_INDUSTRY: Parameter("6", M, "R32", "行业（系统）每半年检查（种子材料001）"),
    Key.AUDIT_FEDERATION: Parameter("12", M, "R32", "市总工会每年检查（种子材料001）"),
    Key.AUDIT_PASS_LINE: Parameter("80", Unit.POINTS, "—", "履约评估合格线（实践中为80分）"),
    Key.AUDIT_WEIGHTS: Parameter(
        "20/20/20/20/20",
        Unit.POINTS,
        "—",
        "主体/程序/内容/履行/效果五项权重，合计100，本平台默认值",
    ),
    Key.ENTERPRISE_INVITATION: Parameter(
        "7", C, "—", "企业账号邀请链接有效期，本平台默认值，可调整"
    ),
    # Off by default: a code by e-mail is weaker than an authenticator app (the mailbox is often
    # shared in a small enterprise); a federation that allows it says so here.
    Key.ENTERPRISE_EMAIL_CODE: Parameter(
        "0", Unit.FLAG, "—", "企业用户可选用邮件验证码作为第二重验证，本平台默认不允许"
    ),
    Key.MATERIALS_REQUEST: Parameter(
        "7", C, "R18", "人社部门自送审之日起7日内可要求补正材料（地方审查规定第8条），可调整"
    ),
    Key.REVIEWER_INVITATION: Parameter(
        "7", C, "—", "人社审查人员账号邀请链接有效期，本平台默认值，可调整"
    ),
    Key.QUALITY_PASS_LINE: Parameter(
        "80", Unit.POINTS, "—", "集体协商质效评估合格线（实践中为80分）"
    ),
    Key.QUALITY_WEIGHTS: Parameter(
        "20/20/20/20/20",
        Unit.POINTS,
        "—",
        "质效评估主体/程序/内容/履行/效果五项权重，合计100，本平台默认值",
    ),
    Key.INSTRUCTOR_TARGET: Parameter(
        "4", Unit.COUNT, "R54", "每名指导员每年至少参加4次完整集体协商（种子材料004），可调整"
    ),
}


def _with(base: dict[Key, Parameter], **changes: Parameter) -> dict[Key, Parameter]:
    merged = dict(base)
    for key, parameter in changes.items():
        merged[Key(key)] = parameter
    return merged


_BJ, _SH = "《北京市集体合同条例》", "《上海市集体合同条例》"
_ZJ, _ZJ_SUPERVISION = "《浙江省集体合同条例》", "《浙江省工会劳动法律监督条例》"
_CQ_OPEN, _SD_OPEN = "《重庆市厂务公开条例》", "《山东省厂务公开条例》"
_CQ, _SD, _HN = (
    "《重庆市集体合同条例》",
    "《山东省企业工资集体协商办法》",
    "《河南省企业工资集体协商条例》",
)

PRESETS: dict[str, dict[Key, Parameter]] = {
    "national": NATIONAL,
    "beijing": _with(
        NATIONAL,
        term_min=Parameter(
            "1", Unit.YEARS, "R28", "北京市集体合同条例 第36条（一般为3年）", f"{_BJ}第三十六条"
        ),
        performance_report=Parameter(
            "12", M, "R31", "北京市集体合同条例 第41条（每年至少一次）", f"{_BJ}第四十一条"
        ),
        representatives_publish=Parameter(
            "0", C, "R6", "北京市集体合同条例 第11条（协商前公布）", f"{_BJ}第十一条"
        ),
        suspension_max=Parameter("60", C, "R10", "北京市集体合同条例 第37条", f"{_BJ}第三十七条"),
    ),
    "shanghai": _with(
        NATIONAL,
        offer_reply=Parameter("15", C, "R1", "上海市集体合同条例 第15条", f"{_SH}第十五条"),
        employer_not_more_than_employee=Parameter(
            "1", Unit.FLAG, "R3", "上海市集体合同条例 第6条", f"{_SH}第六条"
        ),
    ),
    "zhejiang": _with(
        NATIONAL,
        offer_reply=Parameter("10", W, "R1", "浙江省集体合同条例 第7条", f"{_ZJ}第七条"),
        employer_not_more_than_employee=Parameter(
            "1", Unit.FLAG, "R3", "浙江省集体合同条例 第10条", f"{_ZJ}第十条"
        ),
        approval_strict=Parameter(
            "1", Unit.FLAG, "R14", "浙江省集体合同条例 第24条“过半数”", f"{_ZJ}第二十四条"
        ),
        publish_effective=Parameter("5", W, "R23", "浙江省集体合同条例 第35条", f"{_ZJ}第三十五条"),
        renewal_window=Parameter("90", C, "R29", "浙江省集体合同条例 第30条", f"{_ZJ}第三十条"),
        performance_report=Parameter(
            "12", M, "R31", "浙江省集体合同条例 第37条（每年至少一次）", f"{_ZJ}第三十七条"
        ),
        opinion_reply=Parameter(
            "15", W, "R43", "浙江省工会劳动法律监督条例 第22条", f"{_ZJ_SUPERVISION}第二十二条"
        ),
    ),
    "chongqing": _with(
        NATIONAL,
        side_maximum=Parameter("15", Unit.COUNT, "R3", "重庆市集体合同条例 第8条", f"{_CQ}第八条"),
        employer_not_more_than_employee=Parameter(
            "1", Unit.FLAG, "R3", "重庆市集体合同条例 第8条", f"{_CQ}第八条"
        ),
        publish_effective=Parameter(
            "10", C, "R23", "重庆市集体合同条例 第29条", f"{_CQ}第二十九条"
        ),
        performance_report=Parameter(
            "6", M, "R31", "重庆市集体合同条例 第30条（工资事项每6个月公开）", f"{_CQ}第三十条"
        ),
        notice_posting=Parameter("15", C, "R24", "重庆市厂务公开条例 第9条", f"{_CQ_OPEN}第九条"),
        suspension_max=Parameter(
            "30", C, "R10", "重庆市集体合同条例 第22条（一般不超过30日）", f"{_CQ}第二十二条"
        ),
        dispute_coordination=Parameter(
            "60", C, "R33", "重庆市集体合同条例 第48条", f"{_CQ}第四十八条"
        ),
        dispute_extension=Parameter(
            "30", C, "R33", "重庆市集体合同条例 第48条", f"{_CQ}第四十八条"
        ),
    ),
    "shandong_wage": _with(
        NATIONAL,
        offer_reply=Parameter(
            "10", C, "R1", "山东省企业工资集体协商办法 第21条", f"{_SD}第二十一条"
        ),
        # The research names no article for "过半数": nothing to print until one is found.
        approval_strict=Parameter("1", Unit.FLAG, "R14", "山东“过半数”"),
        publish_effective=Parameter(
            "7", C, "R23", "山东省企业工资集体协商办法 第31条", f"{_SD}第三十一条"
        ),
        term_max=Parameter(
            "3", Unit.YEARS, "R28", "山东省企业工资集体协商办法 第17条", f"{_SD}第十七条"
        ),
        notice_posting=Parameter(
            "15", C, "R24", "山东省厂务公开条例 第12条", f"{_SD_OPEN}第十二条"
        ),
        representatives_publish=Parameter(
            "5", C, "R6", "山东省企业工资集体协商办法 第11条（代表产生之日起）", f"{_SD}第十一条"
        ),
        bargaining_period=Parameter(
            "60",
            C,
            "R10",
            "山东省企业工资集体协商办法 第28条（自应约之日起算）",
            f"{_SD}第二十八条",
        ),
        dispute_extension=Parameter(
            "15", C, "R33", "山东省企业工资集体协商办法 第45条", f"{_SD}第四十五条"
        ),
        dispute_coordination=Parameter(
            "30", C, "R33", "山东省企业工资集体协商办法 第45条", f"{_SD}第四十五条"
        ),
    ),
    "henan_wage": _with(
        NATIONAL,
        offer_reply=Parameter(
            "10", W, "R1", "河南省企业工资集体协商条例 第21条", f"{_HN}第二十一条"
        ),
        submit_signed=Parameter(
            "5", W, "R16", "河南省企业工资集体协商条例 第28条", f"{_HN}第二十八条"
        ),
        publish_effective=Parameter(
            "5", C, "R23", "河南省企业工资集体协商条例 第30条", f"{_HN}第三十条"
        ),
        representatives_publish=Parameter(
            "3", W, "R6", "河南省企业工资集体协商条例 第13条（代表产生之日起）", f"{_HN}第十三条"
        ),
        bargaining_period=Parameter(
            "2", M, "R10", "河南省企业工资集体协商条例 第26条（自应约之日起算）", f"{_HN}第二十六条"
        ),
    ),
}
