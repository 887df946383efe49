"""Region-wide search (全辖区, issue 19 item 5): the published notices of a federation and every
federation beneath it, or of the whole platform, read from the network channel
(tenants.NetworkNotice) and never from another federation's schema (DOMAIN.md §7).

The filters, their messages, the search, the paging and the rows are the notice list's
(`notices_filter`, `notice_list_page`) over the channel's table, which has the same columns; a
`federation` parameter narrows the region to one of its federations. Each result names the
federation that published it and links to the notice on that federation's own site. Four
queries whatever the number of notices or federations (five for a search): the region with its
federations' primary domains, the capped count, the search words' statistics, the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cms_pages.regions import region_name
from cms_pages.selectors.notice_pages import notice_list_page
from cms_pages.selectors.notices import NoticeSearch, notices_filter
from tenants.models import Federation, NetworkNotice

# The federation and every federation beneath it (or every federation), each with its primary
# domain, and on the first row only the ids of every federation on the platform (on every row,
# the platform's 300 ids times 300 rows were 90,000 values to read: 16 ms of a 30 ms search).
_REGION_SQL = """
WITH RECURSIVE tree(id) AS (
    SELECT id FROM tenants_federation WHERE {start}
    UNION ALL
    SELECT f.id FROM tenants_federation f JOIN tree t ON f.parent_id = t.id
)
SELECT f.*, d.domain AS primary_domain,
       CASE WHEN row_number() OVER (ORDER BY f.region_code, f.name, f.id) = 1
            THEN (SELECT array_agg(id) FROM tenants_federation) END AS platform_ids
FROM tenants_federation f
JOIN tree ON tree.id = f.id
LEFT JOIN tenants_domain d ON d.tenant_id = f.id AND d.is_primary
ORDER BY f.region_code, f.name, f.id
"""


@dataclass(frozen=True)
class Region:
    """Whose notices a region-wide search reads: `federation` and the federations beneath it, or
    every federation (`federation` None: the platform)."""

    federation: Federation | None
    members: tuple[Federation, ...]  # each with .primary_domain
    platform_ids: frozenset[int]

    @property
    def platform_size(self) -> int:
        return len(self.platform_ids)

    @property
    def member_ids(self) -> list[int]:
        return [member.pk for member in self.members]

    @property
    def outside_ids(self) -> list[int]:
        """The federations of the platform outside the region."""
        return sorted(self.platform_ids - set(self.member_ids))


def notice_region(*, federation: Federation | None) -> Region:
    """The region of `federation` (itself and its subtree), or the whole platform (one query)."""
    if federation is None:
        sql, params = _REGION_SQL.format(start="parent_id IS NULL"), []
    else:
        sql, params = _REGION_SQL.format(start="id = %s"), [federation.pk]
    members = tuple(Federation.objects.raw(sql, params))
    platform = frozenset(members[0].platform_ids) if members else frozenset()
    return Region(federation=federation, members=members, platform_ids=platform)


def has_region(*, federation: Federation) -> bool:
    """Whether `federation` has federations beneath it (a region to search besides itself)."""
    return Federation.objects.filter(parent_id=federation.pk).exists()


def region_notices_filter(
    params: Mapping[str, str], *, today: dt.date, region: Region
) -> tuple[NoticeSearch, Federation | None, float]:
    """The region's listed notices matching `params`: the notice list's filters, plus
    `federation` (the id of one of the region's federations). Returns the search, the chosen
    federation (or None) and the share of the channel the region holds (by federations), which
    the paging uses to choose its plan."""
    base = NetworkNotice.objects.all()
    chosen, errors = None, {}
    raw = (params.get("federation") or "").strip()
    if raw:
        chosen = next((m for m in region.members if str(m.pk) == raw), None)
        if chosen is None:
            errors["federation"] = [_("Choose one of the federations of this region.")]
    size = max(region.platform_size, 1)
    if chosen is not None:
        base = base.filter(federation_id=chosen.pk)
        share = 1 / size
    else:
        share = len(region.members) / size
        outside = region.outside_ids
        # Whichever list is shorter. A region of most of the platform (a province on a
        # province's platform) is filtered by who is outside it: an IN list of hundreds of
        # federations made PostgreSQL combine their index ranges into a bitmap of most of the
        # table before the search (bench_region_search: 2.7× a local search; see docs).
        if outside and len(outside) < len(region.members):
            base = base.exclude(federation_id__in=outside)
        elif outside:
            base = base.filter(federation_id__in=region.member_ids)
    search = notices_filter(params, today=today, base=base)
    search.errors.update(errors)
    return search, chosen, share


def region_list_context(
    *, params: Mapping[str, str], today: dt.date, region: Region, site_prefix: str
) -> dict:
    """The region-wide list for the request's `params`. A result links to
    `<scheme>://<its federation's primary domain><site_prefix port><its path>`; `site_prefix` is
    the scheme and the port as a format string, e.g. "http://{domain}:8000"."""
    search, chosen, share = region_notices_filter(params, today=today, region=region)
    members = {member.pk: member for member in region.members}

    def row(notice) -> dict:
        member = members.get(notice.federation_id)
        domain = getattr(member, "primary_domain", None)
        url = site_prefix.format(domain=domain) + notice.path if domain else None
        return {"federation": member, "url": url}

    results, items, messages = notice_list_page(search, row=row, share=share)
    region_codes = sorted({member.region_code for member in region.members})
    return {
        "region": region,
        "search": search,
        "form": search.form,
        "filters": search.filters,
        "chosen_federation": chosen,
        "results": results,
        "items": items,
        "messages_list": messages,
        "federation_options": region.members,
        "region_options": [(code, region_name(code)) for code in region_codes],
        "year_options": list(range(today.year + 1, today.year - 15, -1)),
        "today": today,
    }


def site_prefix(request) -> str:
    """The start of a federation's address as a format string over its domain, with the
    request's scheme and port (the platform and the demo serve every site on one port)."""
    port = request.get_port()
    suffix = "" if port in {"80", "443"} else f":{port}"
    return f"{request.scheme}://{{domain}}{suffix}"
