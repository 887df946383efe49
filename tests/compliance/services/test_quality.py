import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.models import Contract, QualityEvaluation, QualityItemScore, RuleParameter
from compliance.rules.quality import ITEMS, RECORDS
from compliance.selectors.quality import quality_summary
from compliance.services import quality as sv
from compliance.services.contracts import contract_publish
from compliance.services.profile import profile_apply_preset
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a", "english")
DAY = dt.date(2026, 11, 2)


@pytest.fixture
def contract():
    return f.round_at("effective").contract


def _start(contract, **kw):
    return sv.quality_evaluation_start(
        contract_id=contract.pk,
        evaluated_on=kw.pop("on", DAY),
        evaluator=kw.pop("evaluator", "市总工会评估组"),
        methods=kw.pop("methods", ["files", "interviews"]),
        user=None,
    )


def _items(evaluation) -> dict[str, QualityItemScore]:
    return {row.item: row for row in evaluation.items.all()}


def _score_rest(evaluation, value=90):
    for row in evaluation.items.filter(score__isnull=True):
        sv.quality_item_score(item_id=row.pk, score=value, note="查阅台账", user=None)


def test_starting_judges_from_the_records_what_they_can(contract):
    evaluation = _start(contract)
    items = _items(evaluation)
    assert set(items) == {item.key for item in ITEMS}
    # The round answered the offer in time, signed the minutes, passed the congress vote.
    assert items["offer"].score == 100 and items["offer"].source == "records"
    assert items["minutes"].score == 100
    assert items["congress"].score == 100
    assert "期限" in items["offer"].basis and "time limit" in items["offer"].basis_en
    # Not yet published: the records say so.
    assert items["published"].score == 0
    # The evaluator's items, and what the records cannot judge yet, wait.
    for key in ("women_represented", "concrete", "kept", "endorsement", "awareness"):
        assert items[key].score is None and items[key].source == "evaluator"
    assert evaluation.history.first().history_change_reason == "Evaluation started"


def test_only_a_contract_that_took_effect_once_a_year_by_a_named_evaluator(contract):
    draft = f.round_at("signed").contract
    assert draft.status == Contract.Status.DRAFT
    with pytest.raises(ValidationError, match="taken effect"):
        _start(draft)
    with pytest.raises(ValidationError, match="evaluates"):
        _start(contract, evaluator="  ")
    with pytest.raises(ValidationError, match="future"):
        _start(contract, on=dt.date.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="method"):
        _start(contract, methods=["gossip"])
    _start(contract)
    with pytest.raises(ValidationError, match="already has an evaluation for 2026"):
        _start(contract, on=dt.date(2026, 12, 1))
    assert QualityEvaluation.objects.count() == 1


def test_an_evaluator_score_rests_on_a_note_or_evidence(contract):
    row = _items(_start(contract))["kept"]
    with pytest.raises(ValidationError, match="rests on"):
        sv.quality_item_score(item_id=row.pk, score=80, note=" ", user=None)
    with pytest.raises(ValidationError, match="0 to 100"):
        sv.quality_item_score(item_id=row.pk, score=101, note="x", user=None)
    pdf = SimpleUploadedFile("核查记录.pdf", b"%PDF-1.4 checked", content_type="application/pdf")
    sv.quality_item_score(item_id=row.pk, score=80, evidence=pdf, user=None)
    row.refresh_from_db()
    assert row.score == 80 and row.evidence.name.endswith(".pdf")
    fake = SimpleUploadedFile("x.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        sv.quality_item_score(item_id=row.pk, score=70, evidence=fake, user=None)


def test_overriding_the_records_needs_a_reason_and_keeps_their_basis(contract):
    row = _items(_start(contract))["published"]
    basis = row.basis
    with pytest.raises(ValidationError, match="reason"):
        sv.quality_item_score(item_id=row.pk, score=100, note="张贴于厂务公开栏", user=None)
    sv.quality_item_score(
        item_id=row.pk,
        score=100,
        note="张贴于厂务公开栏",
        reason="已在厂务公开栏张贴，台账未录入",
        user=None,
    )
    row.refresh_from_db()
    assert (row.score, row.source, row.basis) == (100, "overridden", basis)
    assert row.history.first().history_change_reason == "已在厂务公开栏张贴，台账未录入"


def test_finalising_needs_every_item_then_fixes_the_verdict(contract):
    evaluation = _start(contract)
    with pytest.raises(ValidationError, match="Not yet scored"):
        sv.quality_evaluation_finalise(evaluation_id=evaluation.pk, user=None)
    _score_rest(evaluation)
    done = sv.quality_evaluation_finalise(
        evaluation_id=evaluation.pk, comment="程序规范", user=None
    )
    assert done.status == "final" and done.total is not None
    assert (done.weights, done.pass_line) == ("20/20/20/20/20", 80)
    assert done.passed is (done.total >= 80)
    row = evaluation.items.first()
    with pytest.raises(ValidationError, match="finalised"):
        sv.quality_item_score(item_id=row.pk, score=10, note="x", reason="x", user=None)
    with pytest.raises(ValidationError, match="finalised"):
        sv.quality_evaluation_finalise(evaluation_id=evaluation.pk, user=None)


def test_the_profile_weights_and_pass_line_are_the_federations(contract):
    profile_apply_preset(preset="national", overwrite=False)
    RuleParameter.objects.filter(key="quality_weights").update(value="0/0/0/0/100")
    RuleParameter.objects.filter(key="quality_pass_line").update(value="95")
    evaluation = _start(contract)
    _score_rest(evaluation, value=100)
    # Effect: awareness, satisfaction, endorsement scored 100 here; no dispute: 100.
    done = sv.quality_evaluation_finalise(evaluation_id=evaluation.pk, user=None)
    assert done.total == Decimal(done.score_effect) and done.weights == "0/0/0/0/100"
    assert done.pass_line == 95
    RuleParameter.objects.filter(key="quality_weights").update(value="twenty")
    other = _start(f.round_at("effective").contract)
    _score_rest(other)
    with pytest.raises(ValidationError, match="five whole numbers"):
        sv.quality_evaluation_finalise(evaluation_id=other.pk, user=None)


def test_reading_the_records_again_updates_only_their_items(contract):
    evaluation = _start(contract)
    items = _items(evaluation)
    sv.quality_item_score(
        item_id=items["offer"].pk, score=60, note="答复内容不完整", reason="答复未列议题", user=None
    )
    contract_publish(
        contract_id=contract.pk,
        published_on=contract.effective_on,
        publish_publicly=False,
        user=None,
    )
    assert sv.quality_evaluation_rejudge(evaluation_id=evaluation.pk, user=None) == 1
    items = _items(evaluation)
    assert items["published"].score == 100
    assert items["offer"].score == 60  # the evaluator's override stands
    assert sv.quality_evaluation_rejudge(evaluation_id=evaluation.pk, user=None) == 0


def test_the_summary_counts_bands_and_finds_the_weakest_items_in_constant_queries():
    def finalise(n):
        for _ in range(n):
            evaluation = _start(f.round_at("effective").contract)
            for row in evaluation.items.all():
                score = 20 if row.item == "kept" else 95
                sv.quality_item_score(
                    item_id=row.pk, score=score, note="核查", reason="核查", user=None
                )
            sv.quality_evaluation_finalise(evaluation_id=evaluation.pk, user=None)

    finalise(1)
    with CaptureQueriesContext(connection) as one:
        quality_summary(year=DAY.year)
    finalise(3)
    with CaptureQueriesContext(connection) as four:
        summary = quality_summary(year=DAY.year)
    assert len(one) == len(four) == 3
    assert summary.finalised == 4 and summary.passed == 4
    assert summary.bands["90–100"] == 4
    weakest = summary.weakest[0]
    assert (weakest.key, weakest.below_60, weakest.scored) == ("kept", 4, 4)
    assert quality_summary(year=2020).finalised == 0


def test_records_items_are_the_ones_the_table_says():
    assert {i.key for i in ITEMS if i.judged_by == RECORDS} >= {
        "offer",
        "minutes",
        "congress",
        "submitted",
        "published",
        "report",
        "awareness",
        "satisfaction",
    }
