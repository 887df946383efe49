"""The public shape of a contract notice in the JSON API, the feed and the downloads.

Only fields of `ContractNotice` appear here, and that model holds nothing but what
`cms_pages.services.notices.notice_build` made public (personal data redacted, secret clauses
withheld). Codes are stable; labels are given in the request's language for people reading the
downloads.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from cms_pages.models import ContractNotice

# (field, column heading) in the order of the downloads; the JSON uses the field names.
EXPORT_COLUMNS: list[tuple[str, Any]] = [
    ("id", _("Notice id")),
    ("title", _("Contract title")),
    ("employer", _("Employer party")),
    ("union", _("Union party")),
    ("scope", _("Scope code")),
    ("scope_label", _("Scope")),
    ("kind", _("Kind code")),
    ("kind_label", _("Kind")),
    ("status", _("Status code")),
    ("status_label", _("Contract status")),
    ("industry", _("Industry code (GB/T 4754)")),
    ("region_code", _("Region code (GB/T 2260)")),
    ("starts_on", _("Term starts")),
    ("ends_on", _("Term ends")),
    ("in_force_from", _("In force from")),
    ("in_force_until", _("In force until")),
    ("signed_on", _("Signed on")),
    ("published_on", _("Published on")),
    ("filing_number", _("Filing number")),
    ("covered_employees", _("Employees covered")),
    ("wage_growth_pct", _("Wage growth (%)")),
    ("minimum_wage", _("Minimum monthly wage (yuan)")),
    ("weekly_hours", _("Weekly working hours")),
    ("relation", _("Relation to the previous notice")),
    ("predecessor", _("Previous notice id")),
    ("updated_at", _("Last changed")),
    ("url", _("Web page")),
]


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _date(value) -> str | None:
    return None if value is None else value.isoformat()


def notice_summary(notice: ContractNotice, *, page_url: str, api_url: str) -> dict:
    """A listed notice without its clauses (the list, the feed, the downloads)."""
    return {
        "id": str(notice.public_id),
        "title": notice.title,
        "employer": notice.employer,
        "union": notice.union,
        "scope": notice.scope,
        "scope_label": str(notice.get_scope_display()),
        "kind": notice.kind,
        "kind_label": str(notice.get_kind_display()),
        "status": notice.status,
        "status_label": str(notice.get_status_display()),
        "industry": notice.industry,
        "region_code": notice.region_code,
        "year": notice.year,
        "starts_on": _date(notice.starts_on),
        "ends_on": _date(notice.ends_on),
        "in_force_from": _date(notice.in_force_from),
        "in_force_until": _date(notice.in_force_until),
        "signed_on": _date(notice.signed_on),
        "effective_on": _date(notice.effective_on),
        "published_on": _date(notice.published_on),
        "filing_number": notice.filing_number,
        "covered_employees": notice.covered_employees,
        "wage_growth_pct": _number(notice.wage_growth_pct),
        "minimum_wage": _number(notice.minimum_wage),
        "weekly_hours": _number(notice.weekly_hours),
        "relation": notice.relation,
        "predecessor": str(notice.predecessor.public_id) if notice.predecessor_id else None,
        "first_published_at": notice.first_published_at.isoformat(),
        "updated_at": notice.updated_at.isoformat(),
        "url": page_url,
        "api_url": api_url,
    }


def notice_detail(
    notice: ContractNotice, *, page_url: str, api_url: str, successors: list[str]
) -> dict:
    """One notice with its covered enterprises and clause text (redacted at build time)."""
    data = notice_summary(notice, page_url=page_url, api_url=api_url)
    data.update(
        covered_enterprises=notice.covered_enterprises,
        clauses=[
            {"order": c.get("order"), "topic": c.get("topic"), "text": c.get("text", "")}
            for c in notice.clauses
        ],
        withheld_clauses=notice.withheld_clauses,
        successors=successors,
    )
    return data
