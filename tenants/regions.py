"""GB/T 2260 administrative division codes: the checks a federation's region code must pass, and
the names of the regions the portal knows (the demo's and the tests' federations).

A code has six digits: two for the province-level division, two for the prefecture (city), two
for the county or district. Development zones carry codes in the county position too (often in
the 7x/8x range, assigned locally), so they are checked like counties.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# Province-level divisions of GB/T 2260 (including Taiwan, Hong Kong and Macao).
PROVINCE_PREFIXES = frozenset(
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
        "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
        "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
    }
)  # fmt: skip

_SIX_DIGITS = re.compile(r"\d{6}")

# code: (Chinese name, English name)
REGION_NAMES = {
    "230000": ("黑龙江省", "Heilongjiang Province"),
    "230100": ("哈尔滨市", "Harbin City"),
    "230102": ("道里区", "Daoli District"),
    "230103": ("南岗区", "Nangang District"),
    "230800": ("佳木斯市", "Jiamusi City"),
    "230803": ("向阳区", "Xiangyang District"),
    "230804": ("前进区", "Qianjin District"),
    "230805": ("东风区", "Dongfeng District"),
    "230811": ("郊区", "Jiaoqu District"),
    "230822": ("桦南县", "Huanan County"),
    "230826": ("桦川县", "Huachuan County"),
    "230828": ("汤原县", "Tangyuan County"),
    "230881": ("同江市", "Tongjiang City"),
    "230882": ("富锦市", "Fujin City"),
    "230883": ("抚远市", "Fuyuan City"),
    "230871": ("佳木斯高新区", "Jiamusi High-tech Zone"),
}


def region_label(code: str, *, english: bool = False) -> str:
    """The region's name (Chinese, or English), or the code itself when the region is unknown."""
    names = REGION_NAMES.get(code)
    if names is None:
        return code
    return names[1] if english else names[0]


def regions_within(parent: str) -> list[str]:
    """The known regions inside `parent` (itself included), in code order."""
    return sorted(code for code in REGION_NAMES if region_within(code, parent))


def region_code_problem(code: str, *, level: str | None = None) -> str | None:
    """Return what is wrong with `code` for a federation of `level`, or None when it is valid.

    level is one of Federation.Level's values: province, city, county, zone.
    """
    if not _SIX_DIGITS.fullmatch(code or ""):
        return _("A region code has exactly six digits (GB/T 2260), e.g. 230800.")
    if code[:2] not in PROVINCE_PREFIXES:
        return _("%(prefix)s is not a province-level code of GB/T 2260.") % {"prefix": code[:2]}
    if level == "province" and code[2:] != "0000":
        return _("A provincial federation's region code ends in 0000, e.g. 230000.")
    if level == "city" and (code[2:4] == "00" or code[4:] != "00"):
        return _("A city federation's region code ends in 00 but not 0000, e.g. 230800.")
    if level in {"county", "zone"} and (code[2:4] == "00" or code[4:] == "00"):
        return _(
            "A county, district or development-zone federation's region code does not end "
            "in 00, e.g. 230803."
        )
    return None


def area_code_problem(code: str) -> str | None:
    """Return what is wrong with `code` as an area an instructor covers, or None: a code of the
    ledger's format (six digits, GB/T 2260) of a county, district or development zone."""
    problem = region_code_problem(code)
    if problem:
        return problem
    if code[2:4] == "00" or code[4:] == "00":
        return _(
            "An area is a county, district or development zone, e.g. 230803: not a province "
            "(230000) or a city (230800)."
        )
    return None


def region_within(child: str, parent: str) -> bool:
    """True when region `child` lies inside region `parent` (by the code's hierarchy)."""
    if parent[2:] == "0000":
        return child[:2] == parent[:2]
    if parent[4:] == "00":
        return child[:4] == parent[:4]
    return child == parent
