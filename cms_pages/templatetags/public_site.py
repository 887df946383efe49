"""The chrome of every public page: federation name, menu and footer contacts (cached)."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms_pages import language
from cms_pages.cache import public_pages_version
from cms_pages.models.site_settings import FederationContact
from cms_pages.regions import region_name

register = template.Library()


@register.simple_tag(takes_context=True)
def public_site(context) -> dict:
    """{"name", "home_url", "menu": [(title, url, current)], "contact": {...}} for the request's
    site in the visitor's language: the pages in the menu, then the award notices (a Django view,
    not a page); the federation's name, English when reading English and it has one.

    The site's part is held in the cache, per language, until the next publication, so a page
    costs no query for its chrome; the award notices' label and which entry is current (this
    request's path) are added to it on every call.
    """
    request = context["request"]
    key = (
        f"public-chrome:{public_pages_version()}:{translation.get_language()}:{request.get_host()}"
    )
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
                (language.localized(page, "title"), page.get_url(request))
                for page in home.get_children().live().in_menu().order_by("path").specific()
            ],
            "contact": {
                field: language.localized(contact, field)
                for field in ("address", "postcode", "phone", "hotline", "email", "office_hours")
            },
        }
        cache.set(key, chrome, 60 * 60)
    menu = [*chrome["menu"], (_("Award notices"), reverse("award_notices"))]
    # The site's name (editable in Wagtail) in Chinese; the federation's English name in English.
    name_en = getattr(getattr(request, "tenant", None), "name_en", "")
    name = name_en if name_en and language.english_active() else chrome["name"]
    return {
        **chrome,
        "name": name,
        "menu": _mark_current(menu, path=request.path, home_url=chrome["home_url"]),
    }


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


@register.filter
def localized(obj, name: str):
    """{{ page|localized:"title" }}: the English text when reading English and there is one."""
    return language.localized(obj, name)


@register.filter
def zh_lang(value) -> str:
    """` lang="zh-Hans"` on an element whose text is Chinese on a page read in another language
    (a contract's own words, an enterprise's name), so screen readers and the browser know."""
    if language.english_active() and language.CJK.search(str(value or "")):
        return format_html(' lang="{}"', "zh-Hans")
    return ""


@register.filter
def topic_label(tag) -> str:
    """A case topic's (tag's) name in the visitor's language; prefetch `tag__case_topic`."""
    if language.english_active():
        try:
            return tag.case_topic.name_en
        except ObjectDoesNotExist:
            pass
    return tag.name
