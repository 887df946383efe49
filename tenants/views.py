from django.shortcuts import render
from django.utils import timezone

from cms_pages.selectors.region_notices import notice_region, region_list_context, site_prefix
from compliance.selectors.network import latest_published_day, platform_figures


def platform_home(request):
    """The platform landing page: every federation as a tree with links to its site and admin,
    its coverage and its region's, and the whole platform's figures, from the network channel."""
    port = request.get_port()
    suffix = "" if port in {"80", "443"} else f":{port}"
    scheme = request.scheme
    day = latest_published_day(today=timezone.localdate()) or timezone.localdate()
    tree, total = platform_figures(day=day)
    primaries = _primary_domains([row.federation for row in tree])
    rows = []
    for row in tree:
        primary = primaries.get(row.federation.pk)
        base = f"{scheme}://{primary}{suffix}" if primary else None
        # The tree drawn with full-width spaces and a corner, hidden from screen readers (the
        # parent column says the same in words).
        indent = "　" * (row.depth - 1) + "└ " if row.depth else ""
        rows.append({"row": row, "federation": row.federation, "site_url": base, "indent": indent})
    return render(
        request,
        "tenants/platform_home.html",
        {"rows": rows, "total": total, "day": day, "published": any(r.own for r in tree)},
    )


def _primary_domains(federations) -> dict[int, str]:
    from tenants.models import Domain

    return dict(
        Domain.objects.filter(tenant__in=federations, is_primary=True).values_list(
            "tenant_id", "domain"
        )
    )


def platform_notices(request):
    """Every federation's published contract notices, searched from the network channel; each
    result names its federation and links to the notice on that federation's own site."""
    context = region_list_context(
        params=request.GET,
        today=timezone.localdate(),
        region=notice_region(federation=None),
        site_prefix=site_prefix(request),
    )
    return render(request, "tenants/platform_notices.html", context)
