"""Which language the visitor reads, and a record's text in it (Chinese first, English optional)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils import translation

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def english_active() -> bool:
    """True when the visitor reads the site in English (the language switch's cookie)."""
    return (translation.get_language() or "").startswith("en")


def localized(obj, name: str):
    """`obj.<name>_en` when the visitor reads English and it is filled in, else `obj.<name>`:
    content is written in Chinese first; its English version is optional and falls back. A
    mapping (a StreamField block's value) is read by key."""
    if english_active():
        key = f"{name}_en"
        value = obj.get(key) if isinstance(obj, Mapping) else getattr(obj, key, None)
        if value:
            return value
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name)
