"""GB/T 2260 administrative division codes: the checks a federation's region code must pass.

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


def region_within(child: str, parent: str) -> bool:
    """True when region `child` lies inside region `parent` (by the code's hierarchy)."""
    if parent[2:] == "0000":
        return child[:2] == parent[:2]
    if parent[4:] == "00":
        return child[:4] == parent[:4]
    return child == parent
