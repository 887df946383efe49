"""The chrome of every public page: federation name, menu and footer contacts (cached)."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms_pages.cache import public_pages_version
from cms_pages.models.site_settings import FederationContact
from cms_pages.regions import region_name

register = template.Library()


@register.simple_tag(takes_context=True)
def public_site(context) -> dict:
    """{"name", "home_url", "menu": [(title, url, current)], "contact": {...}} for the request's
    site: the pages in the menu, then the award notices (a Django view, not a page).

    The site's part is held in the cache until the next publication, so a page costs no query for
    its chrome; the award notices' label (in the visitor's language) and which entry is current
    (this request's path) are added to it on every call.
    """
    request = context["request"]
    key = f"public-chrome:{public_pages_version()}:{request.get_host()}"
    chrome = cache.get(key)
    if chrome is None:
        site = Site.find_for_request(request)
        if site is None:
            return {"name": "", "home_url": "/", "menu": [], "contact": {}}
        home = site.root_page
        contact = FederationContact.for_site(site)
        chrome = {
            "name": site.site_name or home.title,
            "home_url": home.get_url(request),
            "menu": [
                (page.title, page.get_url(request))
                for page in home.get_children().live().in_menu().order_by("path")
            ],
            "contact": {
                field: getattr(contact, field)
                for field in ("address", "postcode", "phone", "hotline", "email", "office_hours")
            },
        }
        cache.set(key, chrome, 60 * 60)
    menu = [*chrome["menu"], (_("Award notices"), reverse("award_notices"))]
    return {**chrome, "menu": _mark_current(menu, path=request.path, home_url=chrome["home_url"])}


def _mark_current(menu: list[tuple[str, str]], *, path: str, home_url: str) -> list[tuple]:
    """The entry the visitor is in: the longest address `path` starts with, so /notices/awards/
    is the award notices' and not the contract notices' (/notices/) too; never the home page,
    whose address every path starts with."""
    prefixes = [url for _title, url in menu if url != home_url and path.startswith(url)]
    current = max(prefixes, key=len, default=None)
    return [(title, url, url == current) for title, url in menu]


@register.filter
def region_label(code: str) -> str:
    return region_name(code)
