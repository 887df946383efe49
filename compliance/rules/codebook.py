"""The codebook of coded key terms (关键条款编码表): the variables a collective contract's key terms
are recorded in, each with a stable code, a type, a unit, its allowed range and a definition in
Chinese and English. Issue 19 part 2.

Sources for the ranges: the Labour Law (劳动法) art. 41 and 44 (overtime at least 150 %, 200 %,
300 %), the Labor Contract Law (劳动合同法) art. 19 (probation at most six months), the Special
Rules on the Labour Protection of Female Employees (女职工劳动保护特别规定, 98 days of maternity
leave, one hour's nursing break a day), the Regulations on Paid Annual Leave (5–15 days by
seniority) and the Housing Provident Fund rules (5–12 %). A contract may give more than the law,
never less; the maximum bounds catch typing slips (a monthly wage entered as a yearly one), not
generosity, and are wide on purpose.

Three variables are stored in the contract's own columns (wage_growth_pct, minimum_wage,
weekly_hours), two are derived from its term and coverage; the rest are entered and kept, validated
here, in the contract's `key_terms` JSON. Values in that JSON are plain JSON: decimals as strings
("12.50"), integers, booleans, choice codes. The codebook's version and date are published with the
dataset; a change of a code, type, unit or range is a new version.

Pure: no ORM. `key_terms_validate` is the one validation the form, the import and the enterprise's
submission share, so each says the same thing about the same value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as _

CODEBOOK_VERSION = "1.0"
CODEBOOK_DATE = dt.date(2026, 12, 6)

DECIMAL, INTEGER, BOOLEAN, CHOICE = "decimal", "integer", "boolean", "choice"
# Where a variable's value lives on the contract.
ENTERED, COLUMN, DERIVED = "entered", "column", "derived"


@dataclass(frozen=True)
class Variable:
    code: str
    type: str
    label_zh: str
    label_en: str
    unit_zh: str
    unit_en: str
    definition_zh: str
    definition_en: str
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    places: int = 0
    # (code, Chinese, English) for choice variables.
    choices: tuple[tuple[str, str, str], ...] = ()
    # Unit spellings accepted after a number ("3000元"); anything else after it is a wrong unit.
    units: tuple[str, ...] = ()
    source: str = ENTERED
    column: str = ""

    @property
    def label(self) -> str:
        return _pick(self.label_zh, self.label_en)

    @property
    def unit(self) -> str:
        return _pick(self.unit_zh, self.unit_en)

    @property
    def heading(self) -> str:
        """The label as a form or a list of values heads it: a number's unit in brackets."""
        return f"{self.label}（{self.unit}）" if self.type in (DECIMAL, INTEGER) else self.label

    @property
    def definition(self) -> str:
        return _pick(self.definition_zh, self.definition_en)

    def choice_label(self, code: str) -> str:
        for value, zh, en in self.choices:
            if value == code:
                return _pick(zh, en)
        return code


def _pick(zh: str, en: str) -> str:
    return zh if (get_language() or "zh-hans").lower().startswith("zh") else en


_PCT = ("%", "％", "percent", "pct")
_YUAN = ("元", "yuan", "cny", "rmb", "¥", "￥")
_D = Decimal


VARIABLES: tuple[Variable, ...] = (
    Variable(
        "wage_increase_pct",
        DECIMAL,
        "约定工资增长幅度",
        "Agreed wage increase",
        "%",
        "%",
        "合同约定的职工工资年度平均增长幅度，百分数。",
        "The average yearly increase of workers' wages the contract agrees, in per cent.",
        _D("-20"),
        _D("50"),
        2,
        units=_PCT,
        source=COLUMN,
        column="wage_growth_pct",
    ),
    Variable(
        "minimum_monthly_wage",
        DECIMAL,
        "最低月工资",
        "Minimum monthly wage",
        "元/月",
        "yuan a month",
        "本单位职工在法定工作时间内提供正常劳动的最低月工资，不含加班工资和津贴。",
        "The lowest monthly wage for normal work in legal working hours, without overtime pay "
        "or allowances.",
        _D("1000"),
        _D("50000"),
        2,
        units=(*_YUAN, "元/月", "yuan/month"),
        source=COLUMN,
        column="minimum_wage",
    ),
    Variable(
        "weekly_hours",
        DECIMAL,
        "每周工作时间",
        "Weekly working hours",
        "小时/周",
        "hours a week",
        "合同约定的标准工作时间，每周小时数。",
        "The standard working time the contract sets, in hours a week.",
        _D("1"),
        _D("60"),
        1,
        units=("小时", "h", "hours", "小时/周", "h/week"),
        source=COLUMN,
        column="weekly_hours",
    ),
    Variable(
        "overtime_workday_pct",
        INTEGER,
        "工作日加班工资标准",
        "Overtime pay on working days",
        "% 工资",
        "% of wage",
        "工作日延长工作时间支付的工资占小时工资的百分比（法定不低于150%）。",
        "Pay for overtime on a working day as a percentage of the hourly wage (at least 150 % "
        "by law).",
        _D("150"),
        _D("500"),
        units=_PCT,
    ),
    Variable(
        "overtime_restday_pct",
        INTEGER,
        "休息日加班工资标准",
        "Overtime pay on rest days",
        "% 工资",
        "% of wage",
        "休息日安排工作又不能安排补休时支付的工资占日工资的百分比（法定不低于200%）。",
        "Pay for work on a rest day without time off in lieu, as a percentage of the daily wage "
        "(at least 200 % by law).",
        _D("200"),
        _D("600"),
        units=_PCT,
    ),
    Variable(
        "overtime_holiday_pct",
        INTEGER,
        "法定节假日加班工资标准",
        "Overtime pay on public holidays",
        "% 工资",
        "% of wage",
        "法定休假日安排工作支付的工资占日工资的百分比（法定不低于300%）。",
        "Pay for work on a public holiday as a percentage of the daily wage (at least 300 % by "
        "law).",
        _D("300"),
        _D("800"),
        units=_PCT,
    ),
    Variable(
        "paid_annual_leave_days",
        INTEGER,
        "带薪年休假",
        "Paid annual leave",
        "天/年",
        "days a year",
        "职工每年享受的带薪年休假天数（工龄最短者的约定天数）。",
        "Days of paid annual leave a year (what the contract gives the workers with the "
        "shortest service).",
        _D("0"),
        _D("60"),
        units=("天", "日", "days", "d", "天/年"),
    ),
    Variable(
        "night_shift_allowance",
        DECIMAL,
        "夜班津贴",
        "Night-shift allowance",
        "元/班",
        "yuan a shift",
        "每个夜班支付的津贴金额。",
        "The allowance paid for each night shift.",
        _D("0"),
        _D("1000"),
        2,
        units=(*_YUAN, "元/班", "yuan/shift"),
    ),
    Variable(
        "high_temperature_allowance",
        DECIMAL,
        "高温津贴",
        "High-temperature allowance",
        "元/月",
        "yuan a month",
        "高温季节露天或高温作业期间每月支付的津贴金额。",
        "The monthly allowance for outdoor or high-temperature work in the hot season.",
        _D("0"),
        _D("3000"),
        2,
        units=(*_YUAN, "元/月", "yuan/month"),
    ),
    Variable(
        "extra_maternity_leave_days",
        INTEGER,
        "增加产假天数",
        "Extra maternity leave",
        "天",
        "days",
        "在法定98天产假和地方奖励假之外，合同增加的产假天数。",
        "Days of maternity leave the contract adds to the 98 days by law and the local bonus "
        "leave.",
        _D("0"),
        _D("365"),
        units=("天", "日", "days", "d"),
    ),
    Variable(
        "nursing_break_minutes",
        INTEGER,
        "哺乳时间",
        "Nursing break",
        "分钟/天",
        "minutes a day",
        "哺乳未满1周岁婴儿的女职工每天的哺乳时间（法定不少于60分钟）。",
        "Daily nursing time for a woman worker with a baby under one year (at least 60 minutes "
        "by law).",
        _D("60"),
        _D("240"),
        units=("分钟", "min", "minutes", "分钟/天"),
    ),
    Variable(
        "women_health_checkup",
        BOOLEAN,
        "女职工专项健康检查",
        "Women workers' health check-up",
        "是/否",
        "yes/no",
        "企业每年组织女职工进行妇科等专项健康检查并承担费用。",
        "The employer arranges and pays for a yearly gynaecological health check-up of women "
        "workers.",
    ),
    Variable(
        "menstrual_period_protection",
        BOOLEAN,
        "经期保护",
        "Menstrual-period protection",
        "是/否",
        "yes/no",
        "女职工经期不安排高处、低温、冷水作业和国家规定的第三级体力劳动强度作业。",
        "Women workers are not assigned work at heights, in the cold or cold water, or of "
        "physical intensity grade III during menstruation.",
    ),
    Variable(
        "sexual_harassment_prevention",
        BOOLEAN,
        "预防和制止性骚扰",
        "Sexual-harassment prevention",
        "是/否",
        "yes/no",
        "企业建立预防和制止工作场所性骚扰的制度和投诉渠道。",
        "The employer has rules against sexual harassment at work and a channel for complaints.",
    ),
    Variable(
        "safety_commitment",
        CHOICE,
        "安全生产承诺",
        "Safety commitment",
        "类别",
        "category",
        "合同对安全生产和职业健康的承诺程度。",
        "How far the contract commits the employer to work safety and occupational health.",
        choices=(
            ("none", "无专门承诺", "No specific commitment"),
            ("statement", "原则性承诺", "A statement of principle"),
            ("plan", "有具体措施", "Specific measures"),
            ("plan_budget", "有具体措施和专项经费", "Specific measures with a dedicated budget"),
        ),
    ),
    Variable(
        "safety_training_hours",
        INTEGER,
        "安全培训时间",
        "Safety training",
        "小时/年",
        "hours a year",
        "每名职工每年接受安全生产教育培训的小时数。",
        "Hours of work-safety training each worker receives a year.",
        _D("0"),
        _D("200"),
        units=("小时", "h", "hours", "小时/年"),
    ),
    Variable(
        "supplementary_medical",
        BOOLEAN,
        "补充医疗保险",
        "Supplementary medical insurance",
        "是/否",
        "yes/no",
        "企业为职工办理基本医疗保险以外的补充医疗保险。",
        "The employer provides medical insurance on top of the basic social insurance.",
    ),
    Variable(
        "enterprise_annuity",
        BOOLEAN,
        "企业年金",
        "Enterprise annuity",
        "是/否",
        "yes/no",
        "企业为职工建立企业年金（补充养老保险）。",
        "The employer has set up an enterprise annuity (supplementary pension) for workers.",
    ),
    Variable(
        "housing_fund_pct",
        DECIMAL,
        "住房公积金缴存比例",
        "Housing provident fund rate",
        "%",
        "%",
        "单位为职工缴存住房公积金的比例（5%至12%）。",
        "The rate at which the employer pays into workers' housing provident fund (5 % to 12 %).",
        _D("5"),
        _D("12"),
        1,
        units=_PCT,
    ),
    Variable(
        "probation_months",
        INTEGER,
        "试用期上限",
        "Longest probation",
        "月",
        "months",
        "新招用职工的最长试用期（法定不超过6个月）。",
        "The longest probation for newly hired workers (six months at most by law).",
        _D("0"),
        _D("6"),
        units=("月", "个月", "months", "m"),
    ),
    Variable(
        "wage_payment_day",
        INTEGER,
        "工资支付日",
        "Wage payment day",
        "日（每月）",
        "day of the month",
        "每月支付工资的日期。",
        "The day of the month on which wages are paid.",
        _D("1"),
        _D("31"),
        units=("日", "号", "day"),
    ),
    Variable(
        "wage_review",
        CHOICE,
        "工资调整机制",
        "Wage review",
        "类别",
        "category",
        "合同约定的工资集体协商和调整频次。",
        "How often the contract has wages bargained and adjusted.",
        choices=(
            ("none", "未约定", "Not agreed"),
            ("annual", "每年协商调整", "Bargained every year"),
            ("term", "合同期内一次", "Once in the contract's term"),
        ),
    ),
    Variable(
        "term_months",
        INTEGER,
        "合同期限",
        "Term",
        "月",
        "months",
        "合同期限的月数，由起止日期计算。",
        "The contract's term in months, computed from its start and end dates.",
        _D("1"),
        _D("120"),
        source=DERIVED,
    ),
    Variable(
        "workers_covered",
        INTEGER,
        "覆盖职工人数",
        "Workers covered",
        "人",
        "persons",
        "合同覆盖的职工人数。",
        "The number of workers the contract covers.",
        _D("0"),
        _D("10000000"),
        source=DERIVED,
        column="covered_employees",
    ),
)

BY_CODE: dict[str, Variable] = {v.code: v for v in VARIABLES}
ENTERED_VARIABLES = tuple(v for v in VARIABLES if v.source == ENTERED)
COLUMN_VARIABLES = tuple(v for v in VARIABLES if v.source == COLUMN)

_NUMBER_WITH_UNIT = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?|[+-]?\.\d+)\s*(.*?)\s*$")
_TRUE = {"1", "true", "yes", "y", "是", "有", "x", "✓"}
_FALSE = {"0", "false", "no", "n", "否", "无"}


def _decimal_text(value: Decimal, places: int) -> str:
    return format(value.quantize(Decimal(1).scaleb(-places)) if places else value, "f")


def clean_value(variable: Variable, raw) -> tuple[object, str | None]:
    """(the JSON value, None) or (None, the reason it is refused). Empty means not stated."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None, None
    if variable.type == BOOLEAN:
        if isinstance(raw, bool):
            return raw, None
        text = str(raw).strip().lower()
        if text in _TRUE:
            return True, None
        if text in _FALSE:
            return False, None
        return None, _("Answer yes or no (是/否), not “%(value)s”.") % {"value": raw}
    if variable.type == CHOICE:
        text = str(raw).strip()
        for code, zh, en in variable.choices:
            if text in (code, zh) or text.lower() == en.lower():
                return code, None
        return None, _("“%(value)s” is not one of the choices: %(choices)s.") % {
            "value": raw,
            "choices": "、".join(f"{code} ({zh})" for code, zh, _en in variable.choices),
        }
    if isinstance(raw, bool):
        return None, _("Give a number in %(unit)s.") % {"unit": variable.unit}
    if isinstance(raw, int | Decimal | float):
        number, unit = Decimal(str(raw)), ""
    else:
        match = _NUMBER_WITH_UNIT.match(str(raw))
        if not match:
            return None, _("“%(value)s” is not a number: give a number in %(unit)s.") % {
                "value": raw,
                "unit": variable.unit,
            }
        try:
            number = Decimal(match.group(1).replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            return None, _("Give a number in %(unit)s.") % {"unit": variable.unit}
        unit = match.group(2)
    if unit and unit.lower() not in {u.lower() for u in variable.units}:
        return None, _(
            "Wrong unit “%(given)s”: %(label)s is recorded in %(unit)s; give the number only."
        ) % {"given": unit, "label": variable.label, "unit": variable.unit}
    if not number.is_finite():
        return None, _("Give a number in %(unit)s.") % {"unit": variable.unit}
    if variable.type == INTEGER and number != number.to_integral_value():
        return None, _("Give a whole number in %(unit)s, not %(value)s.") % {
            "unit": variable.unit,
            "value": raw,
        }
    if variable.type == DECIMAL and -number.as_tuple().exponent > variable.places:
        return None, _("At most %(places)d decimal places, not %(value)s.") % {
            "places": variable.places,
            "value": raw,
        }
    if (variable.minimum is not None and number < variable.minimum) or (
        variable.maximum is not None and number > variable.maximum
    ):
        return None, _(
            "%(value)s is out of range: %(label)s must be from %(min)s to %(max)s %(unit)s."
        ) % {
            "value": format(number, "f"),
            "label": variable.label,
            "min": variable.minimum,
            "max": variable.maximum,
            "unit": variable.unit,
        }
    if variable.type == INTEGER:
        return int(number), None
    return _decimal_text(number, variable.places), None


def key_terms_validate(
    values: Mapping[str, object], *, variables: Iterable[Variable] = ENTERED_VARIABLES
) -> tuple[dict, dict[str, list[str]]]:
    """(cleaned values, errors by code) for `values` keyed by code. Unknown codes are refused;
    empty values are left out (not stated). Cleaned values are JSON: see the module's docstring."""
    allowed = {v.code: v for v in variables}
    cleaned: dict = {}
    errors: dict[str, list[str]] = {}
    for code in values:
        if code not in allowed:
            errors[code] = [
                _(
                    "Unknown key term “%(code)s”: the codebook (version %(version)s) has no such "
                    "variable."
                )
                % {"code": code, "version": CODEBOOK_VERSION}
            ]
    for code, variable in allowed.items():
        if code not in values:
            continue
        value, error = clean_value(variable, values[code])
        if error:
            errors[code] = [error]
        elif value is not None:
            cleaned[code] = value
    return cleaned, errors


def term_months(starts_on: dt.date, ends_on: dt.date) -> int:
    """Whole months from the first to the last day inclusive: 2025-01-01 to 2027-12-31 is 36."""
    end = ends_on + dt.timedelta(days=1)
    months = (end.year - starts_on.year) * 12 + end.month - starts_on.month
    if end.day < starts_on.day:
        months -= 1
    return max(months, 1)


def value_display(variable: Variable, value) -> str:
    """A stored value as a reader sees it, without the unit (given beside it)."""
    if value is None or value == "":
        return ""
    if variable.type == BOOLEAN:
        return str(pgettext_lazy("key term", "Yes") if value else pgettext_lazy("key term", "No"))
    if variable.type == CHOICE:
        return variable.choice_label(str(value))
    if variable.type == DECIMAL:
        number = Decimal(str(value))
        return format(number.normalize() if number == number.to_integral() else number, "f")
    return str(value)


def key_term_rows(values: Mapping, *, variables: Iterable[Variable] | None = None) -> list[dict]:
    """The stated key terms among `variables` (all by default) in the codebook's order: code,
    label, heading (label with a number's unit), value as read and unit."""
    return [
        {
            "code": v.code,
            "label": v.label,
            "heading": v.heading,
            "value": value_display(v, values[v.code]),
            "unit": v.unit,
        }
        for v in (VARIABLES if variables is None else variables)
        if values.get(v.code) is not None
    ]


# Headings of the codebook's own CSV/JSON, in order.
CODEBOOK_FIELDS = (
    "code",
    "type",
    "label_zh",
    "label_en",
    "unit_zh",
    "unit_en",
    "minimum",
    "maximum",
    "decimal_places",
    "choices",
    "source",
    "definition_zh",
    "definition_en",
)


def codebook_rows() -> list[dict]:
    """The codebook as plain rows (the JSON and CSV documentation of the dataset)."""
    return [
        {
            "code": v.code,
            "type": v.type,
            "label_zh": v.label_zh,
            "label_en": v.label_en,
            "unit_zh": v.unit_zh,
            "unit_en": v.unit_en,
            "minimum": None if v.minimum is None else format(v.minimum, "f"),
            "maximum": None if v.maximum is None else format(v.maximum, "f"),
            "decimal_places": v.places if v.type == DECIMAL else None,
            "choices": [{"code": c, "label_zh": zh, "label_en": en} for c, zh, en in v.choices],
            "source": v.source,
            "definition_zh": v.definition_zh,
            "definition_en": v.definition_en,
        }
        for v in VARIABLES
    ]


def key_terms_all(
    *, entered: Mapping, columns: Mapping, starts_on: dt.date, ends_on: dt.date, covered: int
) -> dict:
    """Every variable's value for one contract, by code, in the codebook's order: the entered
    ones, the three column ones (as decimal strings) and the derived term and coverage. Variables
    not stated are left out."""
    values: dict = {}
    for variable in VARIABLES:
        if variable.source == COLUMN:
            value = columns.get(variable.column)
            if value is not None:
                values[variable.code] = _decimal_text(Decimal(value), variable.places)
        elif variable.code == "term_months":
            values[variable.code] = term_months(starts_on, ends_on)
        elif variable.code == "workers_covered":
            if covered:
                values[variable.code] = covered
        elif entered.get(variable.code) is not None:
            values[variable.code] = entered[variable.code]
    return values
