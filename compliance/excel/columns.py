"""The columns of the two ledger workbooks (enterprises, existing contracts) and their cell parsers.

A column has a Chinese header and an English one (the model field's name); a file may use either,
with or without spaces, underscores, brackets or a trailing %. A parser turns a cell as
python-calamine returns it (str, int, float, bool, date or datetime) into the value the model
stores, or raises CellError saying what to fix, in the active language. Empty cells never reach a
parser: the reader applies the column's default, or reports a required cell left empty.

Coded columns (industry, ownership, scope, kind) take their values from the models' choices,
which the service passes in as Choices: this package does not import the ORM.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Parser = Callable[[Any], Any]
LANGUAGES = ("zh", "en")
_HEADER_NOISE = re.compile(r"[\s_*%％()（）\-]+")
# Codes typed as numbers: beyond 15 digits Excel has already rounded them.
_EXACT_FLOAT_DIGITS = 15
_WHOLE = re.compile(r"-?[0-9]+")


class CellError(ValueError):
    """A cell's value cannot be used; str(error) says what to fix (translated)."""


def header_key(text: object) -> str:
    """The form headers are compared in: case, spaces, underscores, brackets, % and * ignored."""
    return _HEADER_NOISE.sub("", str(text)).casefold()


def spelling_key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Choices:
    """A coded column's values: the label shown for each code (in templates and exports) and
    every accepted spelling (the code itself, its labels in each language)."""

    labels: Mapping[str, str]
    accepted: Mapping[str, str]

    @classmethod
    def build(cls, options: Iterable[tuple[str, Sequence[str]]]) -> Choices:
        """options: (code, [label shown, other accepted labels …]) in display order."""
        labels: dict[str, str] = {}
        accepted: dict[str, str] = {}
        for code, names in options:
            labels[code] = str(names[0]) if names else code
            for spelling in (code, *names):
                accepted.setdefault(spelling_key(str(spelling)), code)
        return cls(labels=labels, accepted=accepted)


YES = {"zh": "是", "en": "yes"}
NO = {"zh": "否", "en": "no"}
_TRUE = frozenset({"是", "yes", "y", "1", "true", "有", "√", "✓"})
_FALSE = frozenset({"否", "no", "n", "0", "false", "无", "×", "✗"})


def _number_as_text(value: float, *, code: bool) -> str:
    if value.is_integer() and abs(value) < 10**_EXACT_FLOAT_DIGITS:
        return str(int(value))
    if code:
        raise CellError(
            _(
                "Excel turned this code into a number and lost digits: format the column as "
                "text and type the code again."
            )
        )
    return repr(value)


def text(max_length: int, *, code: bool = False) -> Parser:
    """Free text or a code (code: digits that Excel may have turned into a number)."""

    def parse(value: Any) -> str:
        if isinstance(value, float):
            value = _number_as_text(value, code=code)
        elif isinstance(value, dt.datetime | dt.date | bool):
            raise CellError(_("Enter text here, not a date or a yes/no value."))
        value = str(value).strip()
        if code:
            value = "".join(value.split())
        if len(value) > max_length:
            raise CellError(
                _("At most %(limit)d characters are allowed; this has %(length)d.")
                % {"limit": max_length, "length": len(value)}
            )
        return value

    return parse


def integer(*, minimum: int = 0, maximum: int = 2_147_483_647) -> Parser:
    def parse(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and _WHOLE.fullmatch(value.strip().replace(",", "")):
            number = int(value.strip().replace(",", ""))
        else:
            raise CellError(_("Enter a whole number, for example 120."))
        if number < minimum:
            raise CellError(
                _("Enter a number of at least %(minimum)s.") % {"minimum": str(minimum)}
            )
        if number > maximum:
            raise CellError(_("Enter a number of at most %(maximum)d.") % {"maximum": maximum})
        return number

    return parse


def decimal(*, max_digits: int, places: int, minimum: Decimal | None = None) -> Parser:
    quantum = Decimal(1).scaleb(-places)
    ceiling = Decimal(10) ** (max_digits - places)

    def parse(value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise CellError(_("Enter a number, for example 5.5."))
        raw = value
        if isinstance(value, str):
            raw = value.strip().replace(",", "").rstrip("%％").strip()
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            raise CellError(_("Enter a number, for example 5.5.")) from None
        if not number.is_finite():
            raise CellError(_("Enter a number, for example 5.5."))
        too_large = CellError(
            _("The number is too large: at most %(digits)d digits before the decimal point.")
            % {"digits": max_digits - places}
        )
        # The size is checked before rounding too: quantize fails on numbers past the decimal
        # context's precision (1e27 with two places; found by tests/fuzz).
        if abs(number) >= ceiling:
            raise too_large
        number = number.quantize(quantum, rounding=ROUND_HALF_UP)
        if abs(number) >= ceiling:
            raise too_large
        if minimum is not None and number < minimum:
            raise CellError(
                _("Enter a number of at least %(minimum)s.") % {"minimum": str(minimum)}
            )
        return number

    return parse


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


def date(*, earliest: int = 1949, latest: int = 2100) -> Parser:
    def parse(value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        elif isinstance(value, str):
            cleaned = value.strip().split(" ")[0]
            for pattern in _DATE_FORMATS:
                try:
                    day = dt.datetime.strptime(cleaned, pattern).date()
                    break
                except ValueError:
                    continue
            else:
                raise CellError(_("Enter a date like 2026-01-31."))
        else:
            raise CellError(_("Enter a date like 2026-01-31."))
        if not earliest <= day.year <= latest:
            raise CellError(_("The year %(year)d is not plausible here.") % {"year": day.year})
        return day

    return parse


def boolean() -> Parser:
    def parse(value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        spelled = str(value).strip().casefold()
        if spelled in _TRUE:
            return True
        if spelled in _FALSE:
            return False
        raise CellError(_("Enter 是 or 否 (yes or no)."))

    return parse


def choice(choices: Choices) -> Parser:
    options = "、".join(choices.labels.values())

    def parse(value: Any) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        code = choices.accepted.get(spelling_key(str(value)))
        if code is None:
            raise CellError(_("Choose one of: %(options)s.") % {"options": options})
        return code

    return parse


@dataclass(frozen=True)
class Column:
    key: str  # the model field, and the English header
    zh: str  # the Chinese header (data: the name people know the column by)
    parse: Parser
    required: bool = False
    default: Any = None
    choices: Choices | None = None
    boolean: bool = False
    as_text: bool = False  # codes: formatted as text so Excel keeps leading zeros and digits
    free_text: bool = False  # typed by users: never written out as a formula
    width: int = 14
    hint: Any = ""  # what to enter, on the template's instructions sheet (lazy translation)
    aliases: tuple[str, ...] = ()

    def header(self, language: str) -> str:
        return self.zh if language == "zh" else self.key

    def exporter(self, language: str) -> Callable[[Any], Any] | None:
        """How a stored value is written out (None: as it is)."""
        if self.choices is not None:
            labels = self.choices.labels
            return lambda value: labels.get(value, value)
        if self.boolean:
            yes, no = YES[language], NO[language]
            # None is "not known" (a three-state column): an empty cell, as it is imported.
            return lambda value: None if value is None else (yes if value else no)
        return None


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    title: Mapping[str, str]  # the data sheet's name by language
    columns: tuple[Column, ...]
    key: str  # the column that identifies a row across imports
    by_header: Mapping[str, Column] = field(init=False, repr=False, compare=False)
    # False for a sheet each upload of which starts something new (a nomination list's check).
    idempotent: bool = True

    def __post_init__(self) -> None:
        index: dict[str, Column] = {}
        for column in self.columns:
            for name in (column.key, column.zh, *column.aliases):
                index[header_key(name)] = column
        object.__setattr__(self, "by_header", index)

    def headers(self, language: str) -> list[str]:
        return [column.header(language) for column in self.columns]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def enterprise_spec(*, industry: Choices, ownership: Choices) -> SheetSpec:
    return SheetSpec(
        kind="enterprises",
        title={"zh": "企业台账", "en": "Enterprises"},
        key="credit_code",
        columns=(
            Column(
                "credit_code",
                "统一社会信用代码",
                text(18, code=True),
                required=True,
                as_text=True,
                width=22,
                hint=gettext_lazy("18 characters; the 18th is a check character."),
            ),
            Column(
                "name",
                "企业名称",
                text(200),
                required=True,
                free_text=True,
                width=32,
                hint=gettext_lazy("The registered name."),
            ),
            Column(
                "industry",
                "行业",
                choice(industry),
                required=True,
                choices=industry,
                width=30,
                hint=gettext_lazy("A GB/T 4754 section: its letter or its name."),
            ),
            Column(
                "region_code",
                "行政区划代码",
                text(6, code=True),
                required=True,
                as_text=True,
                hint=gettext_lazy("Six digits of GB/T 2260, e.g. 230803."),
            ),
            Column(
                "ownership",
                "登记注册类型",
                choice(ownership),
                required=True,
                choices=ownership,
                width=22,
                hint=gettext_lazy("A type from the list, or its code."),
            ),
            Column(
                "employees",
                "职工人数",
                integer(),
                required=True,
                hint=gettext_lazy("A whole number."),
            ),
            Column(
                "union_established",
                "是否建会",
                boolean(),
                default=False,
                boolean=True,
                hint=gettext_lazy("是 or 否 (yes or no); empty means no."),
            ),
            Column(
                "union_members",
                "会员人数",
                integer(),
                default=0,
                hint=gettext_lazy("A whole number, at most the number of employees."),
            ),
            Column(
                "workers_congress",
                "是否建立职代会",
                boolean(),
                default=None,
                boolean=True,
                width=16,
                hint=gettext_lazy("是 or 否 (yes or no); empty means not known."),
            ),
            Column(
                "workers_congress_last_held",
                "职代会最近召开日期",
                date(),
                width=18,
                hint=gettext_lazy(
                    "A date like 2026-03-15, or empty; only where the workers' congress is 是."
                ),
            ),
            Column(
                "above_designated_size",
                "是否规上企业",
                boolean(),
                default=None,
                boolean=True,
                width=16,
                hint=gettext_lazy(
                    "是 or 否 (yes or no): counted above designated size (规模以上); empty means "
                    "not known."
                ),
            ),
            *(
                Column(
                    key,
                    zh,
                    boolean(),
                    default=False,
                    boolean=True,
                    width=18,
                    hint=gettext_lazy("是 or 否 (yes or no); empty means no."),
                )
                for key, zh in (
                    ("fortune500_investor", "世界500强投资"),
                    ("head_npc_deputy", "负责人为人大代表"),
                    ("head_cppcc_member", "负责人为政协委员"),
                    ("head_model_worker", "负责人为劳动模范"),
                )
            ),
        ),
    )


def contract_spec(*, scope: Choices, kind: Choices, extra: Sequence[Column] = ()) -> SheetSpec:
    """extra: columns appended after the contract's own (the codebook's key terms, built by the
    service, which may read compliance.rules)."""
    return SheetSpec(
        kind="contracts",
        title={"zh": "集体合同", "en": "Contracts"},
        key="filing_number",
        columns=(
            Column(
                "enterprise_credit_code",
                "企业统一社会信用代码",
                text(18, code=True),
                required=True,
                as_text=True,
                width=22,
                hint=gettext_lazy("The enterprise must already be in the ledger."),
                aliases=("credit_code", "统一社会信用代码"),
            ),
            Column(
                "title",
                "合同名称",
                text(200),
                required=True,
                free_text=True,
                width=32,
                hint=gettext_lazy("The contract's title."),
            ),
            Column(
                "scope",
                "范围",
                choice(scope),
                default="single",
                choices=scope,
                width=18,
                hint=gettext_lazy("From the list; empty means a single enterprise."),
            ),
            Column(
                "kind",
                "类型",
                choice(kind),
                default="comprehensive",
                choices=kind,
                width=20,
                hint=gettext_lazy("From the list; empty means comprehensive."),
            ),
            Column(
                "starts_on",
                "期限起",
                date(),
                required=True,
                hint=gettext_lazy("A date like 2026-01-01."),
            ),
            Column(
                "ends_on",
                "期限止",
                date(),
                required=True,
                hint=gettext_lazy("A date like 2028-12-31, not before the start."),
            ),
            Column(
                "covered_employees",
                "覆盖职工人数",
                integer(),
                default=0,
                hint=gettext_lazy("A whole number."),
            ),
            Column(
                "wage_growth_pct",
                "工资增幅%",
                decimal(max_digits=5, places=2),
                hint=gettext_lazy("A percentage such as 5.5; may be empty."),
            ),
            Column(
                "minimum_wage",
                "最低工资",
                decimal(max_digits=8, places=2, minimum=Decimal(0)),
                hint=gettext_lazy("Yuan per month; may be empty."),
            ),
            Column(
                "weekly_hours",
                "周工时",
                decimal(max_digits=4, places=1, minimum=Decimal(0)),
                hint=gettext_lazy("Hours per week such as 40; may be empty."),
            ),
            Column(
                "filing_number",
                "备案编号",
                text(40),
                required=True,
                free_text=True,
                width=26,
                hint=gettext_lazy("Identifies the contract: importing it again updates it."),
            ),
            Column(
                "signed_on",
                "签订日期",
                date(),
                hint=gettext_lazy("A date; may be empty."),
            ),
            Column(
                "renews_filing_number",
                "续签的原合同备案编号",
                text(40),
                free_text=True,
                width=26,
                hint=gettext_lazy(
                    "For a renewal: the filing number of the contract it renews, in the portal "
                    "or in this file; may be empty."
                ),
            ),
            *extra,
        ),
    )
