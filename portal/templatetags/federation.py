"""The federation a page belongs to, named in the reader's language (its English name on an
English page when it has one), for the admin's chrome."""

from __future__ import annotations

from django import template
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def federation_name(context) -> str:
    tenant = getattr(context.get("request"), "tenant", None)
    name = getattr(tenant, "name", "")
    english = getattr(tenant, "name_en", "")
    if english and not (translation.get_language() or "").startswith("zh"):
        return english
    return name


@register.simple_tag(takes_context=True)
def federation_mark(context) -> str:
    """The one character the admin's logo shows: the federation's short name, else 工."""
    tenant = getattr(context.get("request"), "tenant", None)
    return (getattr(tenant, "short_name", "") or "工")[:1]
