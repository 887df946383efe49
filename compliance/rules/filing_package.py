"""The filing package (报送材料) an enterprise submits for pre-review (初审), and what it must hold
before it may be submitted (DOMAIN.md §8; 《集体合同规定》第四十二条, regulations.md §8).

Each item is a checklist line with its upload:

- the contract text (DOCX or PDF: the draft the instructor reads);
- an account of the bargaining, including the previous contract's performance;
- the workers' congress resolution stating attendance and votes;
- the chiefs' credentials (and authorisation letters);
- the minutes signed by both chiefs.

For a special wage contract the wage data are required too, as numbers rather than a file: last
year's average wage, this year's adjustment rate and the employees covered. Other kinds may give
them. Every kind needs at least one clause and the number of employees covered.

Why a fixed list and no rule-profile parameter: every preset of rules/presets.py asks for the
same national package, and a profile value is a short number (20 characters), not a list; a
federation asking for more adds it as "other" with its upload.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT = "contract_text"
ACCOUNT = "bargaining_account"
RESOLUTION = "congress_resolution"
CREDENTIALS = "chief_credentials"
MINUTES = "signed_minutes"
OTHER = "other_material"

# In checklist order; OTHER is never required.
ITEMS = (TEXT, ACCOUNT, RESOLUTION, CREDENTIALS, MINUTES, OTHER)
REQUIRED_FILES = (TEXT, ACCOUNT, RESOLUTION, CREDENTIALS, MINUTES)
# The contract text is read by the instructor: a document, not a scan of a photo.
TEXT_SUFFIXES = (".docx", ".pdf")

WAGE_KIND = "wages"
WAGE_FIELDS = ("last_year_average_wage", "wage_growth_pct", "covered_employees")


@dataclass(frozen=True)
class Missing:
    """What a submission still lacks: checklist items without a file, fields without a value."""

    files: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    no_clauses: bool = False

    def __bool__(self) -> bool:
        return bool(self.files or self.fields or self.no_clauses)


def missing(*, kind: str, files: set[str], values: dict, clauses: int) -> Missing:
    """The required items of the package a submission of a round of `kind` still lacks."""
    needed_fields = WAGE_FIELDS if kind == WAGE_KIND else ("covered_employees",)
    return Missing(
        files=tuple(item for item in REQUIRED_FILES if item not in files),
        fields=tuple(name for name in needed_fields if _lacks(name, values.get(name))),
        no_clauses=clauses == 0,
    )


def _lacks(name: str, value) -> bool:
    """No value; or no employee covered. A wage adjustment of 0% is a value (a wage freeze)."""
    return value in (None, "") or (name == "covered_employees" and not value)


def text_suffix_ok(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES)
