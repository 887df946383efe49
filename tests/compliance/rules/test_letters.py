"""The letter-kind vocabulary (rules/letters.py): every kind has its wording, number prefix,
deadline rule, award rank, veto behaviour and place on the ladder; an unknown kind is an error;
no other module of compliance/ spells a kind's code."""

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.utils import translation

import compliance
from compliance.documents.defaults import DEFAULT_TEMPLATES
from compliance.rules import letters
from compliance.rules.deadlines import Period
from compliance.rules.escalation import LetterFacts, issue_problem, proposed_next
from compliance.rules.presets import PRESETS, Unit
from compliance.rules.veto import CaseFacts, CriterionSpec, Facts, Verdict, evaluate

ROOT = Path(compliance.__file__).parent
KINDS = pytest.mark.parametrize("kind", letters.KINDS, ids=letters.CODES)
TODAY = dt.date(2026, 6, 1)
DUE_PASSED = dt.date(2026, 5, 20)


# Wording and number prefix (documents/defaults.py) ---------------------------------------------


@KINDS
def test_every_kind_has_its_wording_and_number_prefix(kind):
    template = DEFAULT_TEMPLATES[kind.code]
    for field in ("title", "number_prefix", "body", "closing"):
        assert template[field].strip(), field


def test_the_defaults_word_exactly_the_kinds():
    assert list(DEFAULT_TEMPLATES) == list(letters.CODES)


def test_no_two_kinds_share_a_number_prefix():
    """Each kind numbers its own sequence, so a shared prefix would repeat a document number."""
    prefixes = [DEFAULT_TEMPLATES[code]["number_prefix"] for code in letters.CODES]
    assert len(set(prefixes)) == len(prefixes)


def test_a_table_keyed_by_kind_must_name_every_kind_and_no_other():
    complete = dict.fromkeys(letters.CODES, "x")
    letters.require_every_kind(complete, where="T")
    with pytest.raises(letters.UnknownLetterKind, match=r"missing \['rectification'\]"):
        letters.require_every_kind(dict.fromkeys(letters.CODES[:-1]), where="T")
    with pytest.raises(letters.UnknownLetterKind, match=r"unknown \['notice'\]"):
        letters.require_every_kind({**complete, "notice": "x"}, where="T")


# Deadline rule (rules/presets.py) --------------------------------------------------------------


@pytest.mark.parametrize("preset", sorted(PRESETS))
@KINDS
def test_every_kind_has_a_deadline_period_in_every_preset(kind, preset):
    parameter = PRESETS[preset][kind.deadline]
    assert parameter.unit in (Unit.CALENDAR_DAYS, Unit.WORKING_DAYS, Unit.MONTHS)
    assert int(parameter.value) > 0


# Award rank and veto (rules/veto.py) -----------------------------------------------------------


@KINDS
def test_every_kind_has_an_award_rank_above_no_letter(kind):
    assert isinstance(kind.award_rank, int)
    assert kind.award_rank >= 1  # 0 would rank it with a case that has no letter


def test_every_vetoing_kind_ranks_above_every_kind_that_does_not_veto():
    """The veto reads a case's highest letter: a non-vetoing kind ranked higher would hide one."""
    vetoing = [kind.award_rank for kind in letters.KINDS if kind.vetoes]
    others = [kind.award_rank for kind in letters.KINDS if not kind.vetoes]
    assert vetoing
    assert min(vetoing) > max(others)


@KINDS
def test_the_veto_follows_the_vocabulary(kind):
    case = CaseFacts(id=30, title="拖延工资协商", highest_letter=kind.code)
    facts = Facts(union_established=True, contract=None, last_year_report=None, open_cases=(case,))
    with translation.override("en"):
        _overall, [result] = evaluate(
            facts=facts, criteria=[CriterionSpec("open_case_letter")], as_of=TODAY
        )
    assert (result.verdict is Verdict.VETOED) is kind.vetoes
    assert (result.record_ids == (30,)) is kind.vetoes


# Place on the ladder (rules/escalation.py) -----------------------------------------------------


def test_the_ladder_is_the_rungs_in_order():
    rungs = sorted(kind.rung for kind in letters.KINDS if kind.rung is not None)
    assert rungs == list(range(len(rungs)))
    assert [letters.letter_kind(code).rung for code in letters.LADDER] == rungs


@pytest.mark.parametrize(
    ("lower", "upper"), list(zip(letters.LADDER, letters.LADDER[1:], strict=False))
)
def test_an_overdue_rung_proposes_the_next_one(lower, upper):
    overdue = LetterFacts(kind=lower, due_on=DUE_PASSED)
    assert proposed_next(letters=[overdue], federation_level="city", today=TODAY) == upper


def test_the_top_rung_proposes_nothing():
    top = LetterFacts(kind=letters.LADDER[-1], due_on=DUE_PASSED)
    assert proposed_next(letters=[top], federation_level="city", today=TODAY) is None


@pytest.mark.parametrize(
    "kind", [kind for kind in letters.KINDS if kind.rung is None], ids=lambda kind: kind.code
)
def test_a_kind_off_the_ladder_is_issued_at_any_time_and_never_escalates(kind):
    overdue = LetterFacts(kind=kind.code, due_on=DUE_PASSED)
    assert proposed_next(letters=[overdue], federation_level="city", today=TODAY) is None
    assert issue_problem(kind=kind.code, federation_level="zone", letters=[], today=TODAY) is None


# Unknown kinds and the model's choices ---------------------------------------------------------


@pytest.mark.parametrize("code", ["", "notice", "Opinion"])
def test_an_unknown_kind_raises(code):
    with pytest.raises(letters.UnknownLetterKind, match="the kinds are reminder, opinion"):
        letters.letter_kind(code)


def test_the_model_choices_are_the_vocabulary():
    from compliance.models import LetterKind

    assert LetterKind.values == list(letters.CODES)
    assert [str(label) for label in LetterKind.labels] == [str(k.label) for k in letters.KINDS]
    names = ["REMINDER", "OPINION", "RECOMMENDATION", "RECTIFICATION"]  # as the web layer uses them
    assert [member.name for member in LetterKind] == names


# One spelling of each code ---------------------------------------------------------------------


def kind_literals(source: str) -> list[tuple[int, str]]:
    """The string literals of `source` that are exactly a kind's code, with their lines."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if node.value in letters.CODES
    ]


def test_the_scan_finds_a_bare_kind():
    source = 'letter_issue(kind="opinion")\n# "reminder"\nname = f"letter_{kind}" + "opinions"\n'
    assert kind_literals(source) == [(1, "opinion")]


def test_no_module_spells_a_kind_code_but_the_vocabulary():
    owner = ROOT / "rules" / "letters.py"
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {value!r}"
        for path in sorted(ROOT.rglob("*.py"))
        if path != owner and "migrations" not in path.parts
        for line, value in kind_literals(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_vocabulary_imports_no_orm():
    tree = ast.parse((ROOT / "rules" / "letters.py").read_text(encoding="utf-8"))
    modules = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert modules
    assert not [m for m in modules if m and m.startswith(("django.db", "compliance.models"))]


# What a letter prints about its deadline and legal basis (issue 14) ----------------------------


@pytest.mark.parametrize(
    ("period", "basis", "printed"),
    [
        (Period(15, "calendar_days"), "", "自发文之日起15日内"),
        (
            Period(15, "working_days"),
            "《浙江省工会劳动法律监督条例》第二十二条。",
            "自发文之日起15个工作日内，依据《浙江省工会劳动法律监督条例》第二十二条",
        ),
        (Period(3, "months"), "  ", "自发文之日起3个月内"),
    ],
)
def test_the_due_clause_states_the_period_and_the_printed_basis_only(period, basis, printed):
    """Regression: a reminder printed "（截止日期…依据R45 淮北市实践; …）"."""
    with translation.override("en"):  # a letter is Chinese whatever the issuer's language
        assert letters.due_clause(period=period, basis=basis) == printed


@pytest.mark.parametrize(
    ("typed", "spliced"),
    [
        ("《中华人民共和国劳动法》第四十四条。", "《中华人民共和国劳动法》第四十四条"),
        (" 《集体合同规定》第三十二条；\n", "《集体合同规定》第三十二条"),
        ("《劳动合同法》第五十一条、《集体合同规定》第三十二条", None),
    ],
)
def test_a_legal_basis_loses_its_trailing_full_stop(typed, spliced):
    """Regression: "第四十四条。的有关规定"."""
    assert letters.legal_basis_normalise(typed) == (spliced or typed)


def test_rule_numbers_are_found_in_a_legal_basis():
    assert letters.legal_basis_rule_ids("依据R45 淮北市实践") == ["R45"]
    assert letters.legal_basis_rule_ids("R20/R21") == ["R20", "R21"]
    assert letters.legal_basis_rule_ids("《集体合同规定》第三十二条") == []
    assert letters.legal_basis_rule_ids("GB/T 9704-2012 ISO9001 PR12") == []
