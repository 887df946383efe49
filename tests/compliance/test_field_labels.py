"""Every field of the portal's records that a page can show has a label of its own (translated),
not Django's default made from the attribute name: a letter's page once read "Case" in Chinese."""

from __future__ import annotations

from django.apps import apps
from django.utils import translation

# Machine fields no page shows: hashes, search vectors, timestamps of the reminder outbox.
UNSHOWN = {("letter", "reply_token_hash"), ("remindernotice", "moment")}
UNSHOWN |= {("remindernotice", "created_at"), ("remindernotice", "sent_at")}
UNSHOWN |= {("enterpriseinvitation", "token_hash"), ("reviewerinvitation", "token_hash")}


def test_every_shown_field_of_compliance_has_a_translated_label():
    missing = []
    with translation.override("zh-hans"):
        for model in apps.get_app_config("compliance").get_models():
            if model.__name__.startswith("Historical"):
                continue
            for field in model._meta.get_fields():
                if not getattr(field, "concrete", False) or field.auto_created:
                    continue
                if (model._meta.model_name, field.name) in UNSHOWN:
                    continue
                label = str(field.verbose_name)
                if label == field.name.replace("_", " ") or label.isascii():
                    missing.append(f"{model.__name__}.{field.name}: {label}")
    assert not missing, missing


def test_the_audit_finds_wagtail_english_and_raw_codes_but_not_addresses():
    from tests.browser.audit import leftovers

    codes = frozenset({"federation_approved", "issued"})
    assert leftovers("监督案件 Case 第1号", codes) == ["Case"]
    assert leftovers("状态：federation_approved", codes) == ["federation_approved"]
    assert leftovers("联系人 issued@pa.test，文件 Case.pdf", codes) == []
