"""Stored deadline wordings lose the internal rule ids of their old formats (issue 15, item 11).

Until the deadlines printed the federation's legal basis (7d0594b), Deadline.explanation() ended
its first part with "under %(rule)s %(source)s" — "…（起始日不计入），依据R1 《集体合同规定》第32条"
in Chinese — and a round made effective by silence stored "审查期限内未提出审查意见书，依据R21（规定第
47条）生效：" before the review period's wording ("No objection within the review period;
effective under R21 (规定 Art. 47): " in English). Rounds keep those strings in their *_rule
columns, and so did letters (0011_letter_basis_printed already emptied theirs; they are matched
again in case). Only those formats are rewritten, dropping the rule id and nothing else; any
other text, a rule id typed elsewhere included, is left as it is.

The live rows are updated in place: no history row is written, and the history rows, which the
audit chain hashes, keep what was stored then.
"""

import re

from django.db import migrations
from django.db.models import Q

RULE = r"R\d+(?:/R\d+)*"  # R1, R16, R20/R21
# The start of an old explanation, up to the counting rule in brackets.
_ZH = r"截止日期\d{4}-\d{2}-\d{2}：自\d{4}-\d{2}-\d{2}起[^（]*（[^）]*）"
_EN = r"Due \d{4}-\d{2}-\d{2}: [^(]*? (?:after|from) \d{4}-\d{2}-\d{2} \([^)]*\)"
REWRITES = (
    # A round effective by silence: "依据R21（规定第47条）生效：" → "依据规定第47条生效：".
    (re.compile(rf"^(审查期限内未提出审查意见书，依据){RULE}（([^）]*)）(生效：)"), r"\1\2\3"),
    (
        re.compile(rf"^(No objection within the review period; effective under ){RULE} \(([^)]*)\)(: )"),
        r"\1\2\3",
    ),
    # A rule whose source note was empty: "…），依据R1 ; …" → "…）; …".
    (re.compile(rf"({_ZH})，依据{RULE} (?=[;.]|$)"), r"\1"),
    (re.compile(rf"({_EN}) under {RULE} (?=[;.]|$)"), r"\1"),
    # Otherwise only the id goes: "依据R1 《集体合同规定》…" → "依据《集体合同规定》…".
    (re.compile(rf"({_ZH}，依据){RULE} "), r"\1"),
    (re.compile(rf"({_EN} under ){RULE} "), r"\1"),
)
FIELDS = {
    "BargainingRound": ("reply_due_rule", "submission_due_rule", "review_due_rule", "effective_rule"),
    "Letter": ("due_rule",),
}


def strip_rule_ids(text: str) -> str:
    for pattern, replacement in REWRITES:
        text = pattern.sub(replacement, text)
    return text


def forwards(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("compliance", model_name)
        named = Q()
        for field in fields:
            named |= Q(**{f"{field}__regex": r"R[0-9]"})
        for row in model.objects.filter(named).values("pk", *fields).iterator():
            changed = {}
            for field in fields:
                cleaned = strip_rule_ids(row[field])
                if cleaned != row[field]:
                    changed[field] = cleaned
            if changed:
                # Not save(): the historical model has no history of its own to write anyway,
                # and the audited history rows must stay as they were.
                model.objects.filter(pk=row["pk"]).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("compliance", "0021_instructor_areas")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
