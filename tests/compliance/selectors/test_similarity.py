"""The pre-review's similarity figures: each clause of a contract against the model text of its
kind and against other enterprises' contracts, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.selectors.similarity import CONTRACT, MODEL, contract_similarity
from compliance.services.contracts import contract_amend
from compliance.services.model_texts import model_clause_save
from tests.factories.notices import published_contract

MODEL_WAGES = (
    "企业应当建立工资集体协商制度，每年至少开展一次工资集体协商，协商确定职工年度工资增长幅度。"
)
COPIED_WAGES = (
    "企业应当建立工资集体协商制度，每年至少开展一次工资集体协商。"
    "本企业职工工资年增长不低于百分之六。"
)
OTHER_WAGES = "职工月工资于每月十五日前以货币形式足额支付，不得克扣或者无故拖欠。"
OTHER_HOURS = "实行标准工时制度，每周工作时间不超过四十小时，加班须经工会同意。"
COPIED_HOURS = "实行标准工时制度 每周工作时间不超过四十小时；加班须经工会同意"
OWN_SAFETY = "企业每年组织职工进行一次职业健康检查。"


def _model(kind: str, order: int, topic: str, text: str):
    return model_clause_save(
        clause=None, data={"kind": kind, "order": order, "topic": topic, "text": text}, reason="t"
    )


@pytest.fixture
def ledger(in_a):
    model = _model("comprehensive", 1, "wages", MODEL_WAGES)
    # The same wording in another kind's model text and under another topic counts for nothing.
    _model("wages", 1, "wages", OTHER_WAGES)
    _model("comprehensive", 2, "training", OTHER_HOURS)
    other = published_contract(clauses=(("wages", OTHER_WAGES), ("hours", OTHER_HOURS)))
    contract = published_contract(
        clauses=(("wages", COPIED_WAGES), ("hours", COPIED_HOURS), ("safety", OWN_SAFETY))
    )
    return model, other, contract


def test_each_clause_has_its_shares_sources_and_marked_passages(ledger):
    model, other, contract = ledger
    result = contract_similarity(contract_id=contract.pk)
    wages, hours, safety = result.clauses

    # 28 of the clause's 45 characters (punctuation aside) are the model text's.
    assert (wages.share, wages.model_share, wages.contracts_share) == (62, 62, 0)
    assert (wages.best.kind, wages.best.pk, wages.best.order) == (MODEL, model.pk, 1)
    assert wages.best_share == 62
    assert [(s.text, s.number) for s in wages.segments] == [
        ("企业应当建立工资集体协商制度，每年至少开展一次工资集体协商", 1),
        ("。本企业职工工资年增长不低于百分之六。", 0),
    ]
    assert wages.sources == (wages.best,)

    # Copied whole from the other contract, punctuation changed.
    assert (hours.share, hours.model_share, hours.contracts_share) == (100, 0, 100)
    assert (hours.best.kind, hours.best.pk, hours.best.order) == (CONTRACT, other.pk, 2)
    assert hours.best.title == other.title
    assert "".join(s.text for s in hours.segments) == COPIED_HOURS
    assert [s.source for s in hours.segments] == [hours.best]

    assert (safety.share, safety.best, safety.sources) == (0, None, ())
    assert [(s.text, s.source) for s in safety.segments] == [(OWN_SAFETY, None)]

    # 28 + 29 copied characters of 45 + 29 + 18.
    assert result.share == round(100 * 57 / 92)
    assert (result.model_clauses, result.contracts_compared) == (1, 1)


def test_the_enterprise_s_own_contracts_are_not_counted_as_copied(ledger):
    """An amendment carries its predecessor's clauses: that is no copying from others."""
    _model_clause, other, contract = ledger
    amendment = contract_amend(
        contract_id=other.pk, changes={"weekly_hours": 38}, amended_on=dt.date(2026, 6, 1)
    )
    result = contract_similarity(contract_id=amendment.pk)
    assert [line.contracts_share for line in result.clauses] == [0, 100]
    (hours_source,) = result.clauses[1].sources
    assert hours_source.pk == contract.pk  # the other enterprise's copy, not the predecessor
    assert result.contracts_compared == 1


def test_only_the_most_recent_other_contracts_are_compared(in_a):
    older = published_contract(clauses=(("hours", OTHER_HOURS),))
    for _ in range(2):
        published_contract(clauses=(("hours", OWN_SAFETY + "每周五天工作制度不变。"),))
    published_contract(clauses=(("safety", OTHER_HOURS),))  # no hours clause: not one of the two
    contract = published_contract(clauses=(("hours", COPIED_HOURS),))
    bounded = contract_similarity(contract_id=contract.pk, bound=2)
    assert bounded.contracts_compared == 2 and bounded.clauses[0].share == 0
    unbounded = contract_similarity(contract_id=contract.pk, bound=3)
    assert unbounded.contracts_compared == 3
    assert unbounded.clauses[0].best.pk == older.pk


def test_a_contract_without_clauses_has_nothing_to_compare(in_a):
    contract = published_contract(clauses=())
    result = contract_similarity(contract_id=contract.pk)
    assert (result.clauses, result.share, result.contracts_compared) == ((), 0, 0)


def _queries(contract_id: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        contract_similarity(contract_id=contract_id)
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_clauses_or_contracts(in_a):
    _model("comprehensive", 1, "wages", MODEL_WAGES)
    published_contract(clauses=(("wages", OTHER_WAGES),))
    small = published_contract(clauses=(("wages", COPIED_WAGES),))
    few = _queries(small.pk)
    assert few == 4
    topics = ("wages", "hours", "rest", "safety", "training", "insurance", "women", "other")
    for n in range(6):
        published_contract(clauses=[(topic, f"{n}{OTHER_HOURS}{topic}") for topic in topics])
        _model("comprehensive", 10 + n, topics[n], OTHER_WAGES)
    large = published_contract(clauses=[(topic, COPIED_HOURS) for topic in topics])
    assert _queries(large.pk) == few
    assert contract_similarity(contract_id=large.pk).contracts_compared == 8
