"""English names of the case studies' topics (their tags): editors tag in Chinese; a topic's
English name, when given, is what a visitor reading English sees."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag


class CaseTopic(models.Model):
    tag = models.OneToOneField(
        Tag, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="case_topic"
    )
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        verbose_name = _("English name of a topic")
        verbose_name_plural = _("English names of topics")
        ordering = ["tag__name"]

    def __str__(self) -> str:
        return f"{self.tag.name} · {self.name_en}"
