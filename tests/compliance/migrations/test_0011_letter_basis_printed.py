"""The data migration of issue 14 on a federation's existing profile, templates and letters."""

import importlib

from django.apps import apps

from compliance.documents.defaults import DEFAULT_TEMPLATES
from compliance.models import Letter, LetterTemplate, RuleParameter
from tests.factories.supervision import issued_letter

migration = importlib.import_module("compliance.migrations.0011_letter_basis_printed")


def test_existing_profiles_templates_and_letters_are_brought_up_to_date(in_a):
    # The state before the migration: scores in 人, no printed basis, the old template wording,
    # a letter whose deadline wording names a rule and whose basis ends in a full stop.
    RuleParameter.objects.filter(key__in=migration.SCORES).update(unit="count")
    RuleParameter.objects.update(basis="")
    edited = RuleParameter.objects.get(key="term_min")
    edited.source = "本会集体合同工作细则"  # the federation's own note: its basis is its own call
    edited.save()
    template = LetterTemplate.objects.get(kind="reminder")
    template.body = template.body.replace(migration.NEW_DUE, migration.OLD_DUE)
    template.save()
    letter, _token = issued_letter(in_a.schema_name)
    Letter.objects.filter(pk=letter.pk).update(
        due_rule="截止日期2026-03-17：自2026-03-02起15个日历日（起始日不计）依据R45 淮北市实践。",
        legal_basis="《中华人民共和国劳动法》第四十四条。",
    )

    migration.forwards(apps, None)

    units = dict(RuleParameter.objects.filter(key__in=migration.SCORES).values_list("key", "unit"))
    assert units == {"audit_pass_line": "points", "audit_weights": "points"}
    basis = dict(RuleParameter.objects.values_list("key", "basis"))
    assert basis["offer_reply"] == "《集体合同规定》第三十二条"
    assert basis["reminder_self_check"] == "" and basis["opinion_reply"] == ""
    assert basis["term_min"] == ""
    template.refresh_from_db()
    assert template.body == DEFAULT_TEMPLATES["reminder"]["body"]
    letter.refresh_from_db()
    assert (letter.due_rule, letter.legal_basis) == ("", "《中华人民共和国劳动法》第四十四条")

    migration.backwards(apps, None)
    template.refresh_from_db()
    assert migration.OLD_DUE in template.body
    assert RuleParameter.objects.get(key="audit_pass_line").unit == "count"
