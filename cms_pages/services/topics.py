"""Writes to the case studies' topics: a topic's (tag's) English name."""

from __future__ import annotations

from taggit.models import Tag

from cms_pages.models import CaseTopic


def case_topic_name_set(*, name: str, name_en: str) -> CaseTopic:
    """The topic `name` (created as a tag if new) is called `name_en` in English."""
    tag, _created = Tag.objects.get_or_create(name=name)
    topic, _created = CaseTopic.objects.update_or_create(tag=tag, defaults={"name_en": name_en})
    return topic
