"""How much of each clause of a contract is copied (照抄格式条款, seed 002), for the instructor's
pre-review: compared with the federation's model text of the contract's kind and with the
same-topic clauses of other enterprises' contracts (rules/similarity.py says how).

Bounded: a ledger holds tens of thousands of contracts, so a page never loads them all. The
clauses compared with are those of the `RECENT_CONTRACTS` other contracts entered most recently
that have a clause of one of the contract's topics (found by the primary key's index and an
EXISTS over the clauses' contract index), in four queries whatever the size of the ledger or of
the contract. The enterprise's own contracts are left out: an amendment carries its
predecessor's clauses and a renewal starts from them, which is no copying from others (what
changed between versions is `text_diff`'s job).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from compliance.models import Clause, Contract, ModelClause
from compliance.rules.similarity import Similarity, similarity, source_index

RECENT_CONTRACTS = 200

MODEL = "model"
CONTRACT = "contract"


@dataclass(frozen=True)
class Source:
    """A text a passage was found in: a clause of the model text, or another contract's clause."""

    kind: str  # MODEL or CONTRACT
    pk: int  # the model clause's, or the other contract's
    title: str  # the contract's title ("" for the model text)
    order: int  # the clause's number in its text


@dataclass(frozen=True)
class Segment:
    """A stretch of the clause's text: found in `source` (numbered `number` among the clause's
    sources), or not found (source None)."""

    text: str
    source: Source | None = None
    number: int = 0


@dataclass(frozen=True)
class ClauseFigure:
    clause: Clause  # or any clause-like record given to clauses_similarity
    share: int  # percent of the clause found in any source
    model_share: int  # percent found in the model text
    contracts_share: int  # percent found in other contracts
    best: Source | None  # the source holding most of the clause
    best_share: int  # percent of the clause held by `best`
    sources: tuple[Source, ...]  # the passages' sources, numbered from 1 in this order
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class ContractSimilarity:
    clauses: tuple[ClauseFigure, ...]
    share: int  # percent of all the contract's wording found in a source
    model_clauses: int  # clauses of the model text compared with
    contracts_compared: int  # other contracts whose clauses were compared with
    bound: int


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _segments(text: str, found: Similarity, sources: dict) -> tuple[list[Source], list[Segment]]:
    numbered: list[Source] = []
    segments: list[Segment] = []
    at = 0
    for passage in found.passages:
        if passage.start > at:
            segments.append(Segment(text[at : passage.start]))
        source = sources[passage.source]
        if source not in numbered:
            numbered.append(source)
        segments.append(
            Segment(text[passage.start : passage.end], source, numbered.index(source) + 1)
        )
        at = passage.end
    if at < len(text):
        segments.append(Segment(text[at:]))
    return numbered, segments


def contract_similarity(*, contract_id: int, bound: int = RECENT_CONTRACTS) -> ContractSimilarity:
    """Each clause's share copied from the model text of its kind and from other enterprises'
    contracts, with the copied passages; and the contract's overall share. Four queries."""
    contract = Contract.objects.only("pk", "kind", "enterprise_id").get(pk=contract_id)
    clauses = list(Clause.objects.filter(contract_id=contract_id).order_by("order"))
    return clauses_similarity(
        clauses=clauses, kind=contract.kind, enterprise_id=contract.enterprise_id, bound=bound
    )


def clauses_similarity(
    *, clauses: Sequence, kind: str, enterprise_id: int, bound: int = RECENT_CONTRACTS
) -> ContractSimilarity:
    """As `contract_similarity`, for clauses not (yet) in a contract: anything with `order`,
    `topic` and `text`, e.g. the clauses of a draft submitted for pre-review, compared with the
    model text of `kind` and with other enterprises' contracts than `enterprise_id`'s. Three
    queries."""
    topics = sorted({clause.topic for clause in clauses})
    model = list(ModelClause.objects.filter(kind=kind, topic__in=topics).order_by("order", "pk"))
    recent = (
        Contract.objects.exclude(enterprise_id=enterprise_id)
        .filter(Exists(Clause.objects.filter(contract_id=OuterRef("pk"), topic__in=topics)))
        .order_by("-pk")
        .values("pk")[:bound]
    )
    others = list(
        Clause.objects.filter(contract_id__in=recent, topic__in=topics)
        .order_by("-contract_id", "order")
        .values_list("pk", "contract_id", "contract__title", "order", "topic", "text")
    )

    sources: dict = {}
    model_texts: dict[str, list] = defaultdict(list)
    other_texts: dict[str, list] = defaultdict(list)
    for item in model:
        key = (MODEL, item.pk)
        sources[key] = Source(MODEL, item.pk, "", item.order)
        model_texts[item.topic].append((key, item.text))
    for pk, other_id, title, order, topic, text in others:
        key = (CONTRACT, pk)
        sources[key] = Source(CONTRACT, other_id, title, order)
        other_texts[topic].append((key, text))
    # One index per topic and group, built once for all the clauses of that topic.
    indexes = {
        topic: (
            source_index(model_texts[topic]),
            source_index(other_texts[topic]),
            # The model text first: a passage held as much by it as by a contract names it.
            source_index(model_texts[topic] + other_texts[topic]),
        )
        for topic in topics
    }

    figures = []
    covered = length = 0
    for clause in clauses:
        from_model, from_others, from_any = indexes[clause.topic]
        found = similarity(clause.text, from_any)
        numbered, segments = _segments(clause.text, found, sources)
        best_key, best_held = found.by_source[0] if found.by_source else (None, 0)
        best = sources[best_key] if best_key else None
        if best and best not in numbered:  # it never held most of a passage, yet most overall
            numbered.append(best)
        figures.append(
            ClauseFigure(
                clause=clause,
                share=_percent(found.covered, found.length),
                model_share=_percent(similarity(clause.text, from_model).covered, found.length),
                contracts_share=_percent(
                    similarity(clause.text, from_others).covered, found.length
                ),
                best=best,
                best_share=_percent(best_held, found.length),
                sources=tuple(numbered),
                segments=tuple(segments),
            )
        )
        covered += found.covered
        length += found.length
    return ContractSimilarity(
        clauses=tuple(figures),
        share=_percent(covered, length),
        model_clauses=len(model),
        contracts_compared=len({other_id for _, other_id, *_ in others}),
        bound=bound,
    )
