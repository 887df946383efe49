from django.shortcuts import render

from tenants.models import Federation


def platform_home(request):
    """The platform landing page: every federation with links to its site and admin."""
    port = request.get_port()
    suffix = "" if port in {"80", "443"} else f":{port}"
    scheme = request.scheme
    federations = list(
        Federation.objects.select_related("parent")
        .prefetch_related("domains")
        .order_by("region_code", "name")
    )
    rows = []
    for federation in federations:
        primary = next((d for d in federation.domains.all() if d.is_primary), None)
        base = f"{scheme}://{primary.domain}{suffix}" if primary else None
        rows.append({"federation": federation, "site_url": base})
    return render(request, "tenants/platform_home.html", {"rows": rows})
