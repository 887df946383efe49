"""Notices side by side (issue 19 part 3): the key terms in one table with the differing rows
marked, the clauses aligned by topic, and the words that differ highlighted.

One query for the notices whatever their number (2–5): everything shown comes from the notice
rows. Chinese has no spaces, so the word-level difference cuts each text with the search's jieba
tokenizer (cms_pages.search.words) and compares the word sequences with difflib.
"""

from __future__ import annotations

import difflib
import html
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from cms_pages.models.notices import ContractNotice
from cms_pages.search import words
from compliance.models import Clause
from compliance.rules.codebook import VARIABLES, value_display

MIN_NOTICES, MAX_NOTICES = 2, 5


def compare_ids(raw: Sequence[str]) -> list[str]:
    """The ids asked for, from repeated `ids` parameters (the list's checkboxes) or one
    comma-separated value (a link), in order, without repeats."""
    ids: list[str] = []
    for value in raw:
        for part in value.split(","):
            part = part.strip()
            if part and part not in ids:
                ids.append(part)
    return ids


@dataclass
class Comparison:
    notices: list[ContractNotice] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # 400 for a bad request, 404 when a notice is unknown, 410 when one is withdrawn.
    status: int = 200
    key_terms: list[dict] = field(default_factory=list)
    topics: list[dict] = field(default_factory=list)


def _marked(tokens: list[str], changed: set[int]) -> SafeString:
    parts = []
    for index, token in enumerate(tokens):
        text = html.escape(token)
        parts.append(f"<mark>{text}</mark>" if index in changed and token.strip() else text)
    # Runs of marked words read as one mark.
    return mark_safe("".join(parts).replace("</mark><mark>", ""))  # noqa: S308 - escaped above


def _changed_positions(base: list[str], other: list[str]) -> set[int]:
    """Positions in `other` of the words not in `base` (inserted or replaced)."""
    matcher = difflib.SequenceMatcher(a=base, b=other, autojunk=False)
    changed: set[int] = set()
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed.update(range(j1, j2))
    return changed


def _texts_marked(texts: list[str]) -> list[SafeString]:
    """Each text with the words it does not share with the first (the first against the
    second): what a reader scanning the row should look at."""
    tokens = [words(text) for text in texts]
    present = [i for i, text in enumerate(texts) if text]
    marked = []
    for i, own in enumerate(tokens):
        others = [j for j in present if j != i]
        if not texts[i] or not others:
            marked.append(_marked(own, set()))
            continue
        base = tokens[others[0]] if i == present[0] else tokens[present[0]]
        marked.append(_marked(own, _changed_positions(base, own)))
    return marked


def notices_compare(raw_ids: Sequence[str]) -> Comparison:
    """The comparison of the notices `raw_ids` names, or the reasons it cannot be made."""
    result = Comparison()
    ids = compare_ids(raw_ids)
    if len(ids) < MIN_NOTICES:
        result.errors.append(
            _("Choose at least %(min)d notices to compare (you chose %(n)d).")
            % {"min": MIN_NOTICES, "n": len(ids)}
        )
        result.status = 400
        return result
    if len(ids) > MAX_NOTICES:
        result.errors.append(
            _("At most %(max)d notices can be compared at once (you chose %(n)d): untick some.")
            % {"max": MAX_NOTICES, "n": len(ids)}
        )
        result.status = 400
        return result
    keys = []
    for value in ids:
        try:
            keys.append(uuid.UUID(value))
        except ValueError:
            result.errors.append(
                _("“%(id)s” is not a notice id: compare from the notice list.") % {"id": value}
            )
    if result.errors:
        result.status = 400
        return result
    found = {
        n.public_id: n for n in ContractNotice.objects.defer("search").filter(public_id__in=keys)
    }
    for key in keys:
        notice = found.get(key)
        if notice is None:
            result.errors.append(_("No notice has the id %(id)s.") % {"id": key})
            result.status = 404
        elif notice.withdrawn_at is not None:
            result.errors.append(
                _("The notice %(id)s has been withdrawn and cannot be compared.") % {"id": key}
            )
            result.status = 404 if result.status == 404 else 410
    if result.errors:
        return result
    notices = [found[key] for key in keys]
    result.notices = notices
    for variable in VARIABLES:
        values = [n.key_terms.get(variable.code) for n in notices]
        if all(value is None for value in values):
            continue
        result.key_terms.append(
            {
                "label": variable.label,
                "unit": variable.unit,
                "values": [
                    value_display(variable, value) if value is not None else "" for value in values
                ],
                "differs": len({str(value) for value in values}) > 1,
            }
        )
    for topic, label in Clause.Topic.choices:
        texts = [
            "\n".join(c["text"] for c in n.clauses if c.get("topic") == topic) for n in notices
        ]
        if not any(texts):
            continue
        result.topics.append(
            {
                "label": label,
                "texts": _texts_marked(texts),
                "differs": len(set(texts)) > 1,
            }
        )
    return result
