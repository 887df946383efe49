"""Ledger imports and exports against the database: all or nothing, idempotent, with history."""

import datetime as dt
import io
import os
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from compliance.models import Contract, Enterprise, ImportJob, Industry, Kind, Ownership, Scope
from compliance.services import imports
from compliance.services.imports import jobs, ledger_export, ledger_import
from tests.compliance.excel.helpers import CONTRACTS, EN_HEADERS, code, enterprise_row, xlsx
from tests.conftest import PASSWORD
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a", "english")


@pytest.fixture
def user():
    return get_user_model().objects.create_user(username="importer@a.test", password=PASSWORD)


def _import(source, **kwargs):
    return ledger_import(kind="enterprises", source=source, **kwargs)


def _rows(*serials, **overrides):
    return [enterprise_row(serial, **overrides) for serial in serials]


def test_the_specs_offer_every_model_choice():
    enterprises = imports.sheet_spec("enterprises")
    contracts = imports.sheet_spec("contracts")
    for spec, key, choices in (
        (enterprises, "industry", Industry),
        (enterprises, "ownership", Ownership),
        (contracts, "scope", Scope),
        (contracts, "kind", Kind),
    ):
        column = spec.column(key)
        assert list(column.choices.labels) == list(choices.values)
        for value, label in choices.choices:
            assert column.parse(value) == value
            assert column.parse(str(label)) == value


def test_chinese_labels_are_accepted_whatever_the_active_language():
    column = imports.sheet_spec("enterprises").column("industry")
    assert column.parse("制造业") == "C"
    assert column.parse("信息传输、软件和信息技术服务业") == "I"


def test_clean_import_creates_rows_each_with_a_history_row(user):
    result = _import(xlsx(_rows(1, 2, 3)), user=user, reason="2026 ledger")
    assert result.ok and (result.created, result.updated, result.unchanged) == (3, 0, 0)
    enterprise = Enterprise.objects.get(credit_code=code(2))
    assert enterprise.industry == "C" and enterprise.ownership == "private"
    assert enterprise.union_established and enterprise.union_members == 120
    (record,) = enterprise.history.all()
    assert record.history_type == "+"
    assert record.history_user == user and record.history_change_reason == "2026 ledger"
    assert Enterprise.history.count() == 3


@pytest.mark.parametrize("headers", [None, EN_HEADERS], ids=["chinese", "english"])
def test_headers_in_chinese_or_english(headers):
    source = xlsx(_rows(1), headers=headers) if headers else xlsx(_rows(1))
    assert _import(source).created == 1


def test_importing_the_same_file_again_changes_nothing():
    data = xlsx(_rows(1, 2, 3)).getvalue()
    _import(io.BytesIO(data))
    before = list(Enterprise.objects.values_list("pk", "updated_at"))
    again = _import(io.BytesIO(data))
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Enterprise.history.count() == 3
    assert list(Enterprise.objects.values_list("pk", "updated_at")) == before


def test_a_changed_row_is_updated_with_one_history_row(user):
    _import(xlsx(_rows(1, 2, 3)))
    changed = [*_rows(1, 3), enterprise_row(2, employees=400, industry="F")]
    result = _import(xlsx(changed), user=user, reason="corrected")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    enterprise = Enterprise.objects.get(credit_code=code(2))
    assert enterprise.employees == 400 and enterprise.industry == "F"
    latest = enterprise.history.first()
    assert latest.history_type == "~" and latest.history_user == user
    assert latest.history_change_reason == "corrected" and latest.employees == 400
    assert enterprise.history.count() == 2 and Enterprise.history.count() == 4
    assert enterprise.updated_at > enterprise.created_at


def test_new_and_changed_rows_in_one_file():
    _import(xlsx(_rows(1)))
    result = _import(xlsx([enterprise_row(1, name="改名企业"), enterprise_row(2)]))
    assert (result.created, result.updated, result.unchanged) == (1, 1, 0)


def test_one_invalid_row_writes_nothing_and_the_error_workbook_points_at_it():
    bad = code(2)[:-1] + ("0" if code(2)[-1] != "0" else "1")
    rows = [enterprise_row(1), enterprise_row(2, credit_code=bad), enterprise_row(3)]
    result = _import(xlsx(rows))
    assert not result.ok and result.invalid == 1 and result.total == 3
    assert Enterprise.objects.count() == 0 and Enterprise.history.count() == 0
    assert "nothing was imported" in result.summary()
    buffer = io.BytesIO()
    imports.import_errors_write(result=result, target=buffer)
    buffer.seek(0)
    rows = list(load_workbook(buffer).worksheets[0].iter_rows(values_only=True))
    assert rows[1] == (
        3,
        "A",
        "统一社会信用代码",
        bad,
        "The check character (the 18th) does not match: the code is mistyped.",
    )


def test_row_checks_region_members_and_duplicates():
    rows = [
        enterprise_row(1),
        enterprise_row(2, region_code="990101"),
        enterprise_row(3, employees=10, union_members=11),
        enterprise_row(1, name="重复"),
    ]
    result = _import(xlsx(rows))
    found = {(e.row, e.column): e.message for e in result.errors}
    assert "not a province-level code" in found[(3, "D")]
    assert "cannot exceed the employees" in found[(4, "H")]
    assert found[(5, "A")].startswith("This credit code is also on row 2")
    assert result.invalid == 3 and Enterprise.objects.count() == 0


def test_members_are_checked_against_the_ledger_when_the_file_leaves_them_out():
    f.enterprise(credit_code=code(1), employees=150, union_members=120)
    keep = [c for c in imports.sheet_spec("enterprises").columns if c.required]
    row = enterprise_row(1, employees=100)[: len(keep)]
    result = _import(xlsx([row], headers=[c.zh for c in keep]))
    assert result.invalid == 1 and "cannot exceed" in result.errors[0].message
    assert Enterprise.objects.get().employees == 150


def test_a_column_left_out_of_the_file_is_left_alone():
    f.enterprise(credit_code=code(1), employees=150, union_members=120, head_model_worker=True)
    keep = [c for c in imports.sheet_spec("enterprises").columns if c.required]
    row = enterprise_row(1, employees=300)[: len(keep)]
    result = _import(xlsx([row], headers=[c.zh for c in keep]))
    assert result.updated == 1
    enterprise = Enterprise.objects.get()
    assert enterprise.employees == 300
    assert enterprise.union_members == 120 and enterprise.head_model_worker


def test_dry_run_counts_and_writes_nothing():
    _import(xlsx(_rows(1)))
    result = _import(xlsx([enterprise_row(1, employees=151), enterprise_row(2)]), dry_run=True)
    assert result.ok and (result.created, result.updated, result.unchanged) == (1, 1, 0)
    assert "nothing written" in result.summary()
    assert Enterprise.objects.count() == 1 and Enterprise.objects.get().employees == 150
    assert Enterprise.history.count() == 1


def _zip_bomb():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<c/>" * (20 * 1024 * 1024))
    bomb.seek(0)
    return bomb


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: io.BytesIO(os.urandom(10 * 1024 * 1024)), "not an Excel workbook"),
        (lambda: io.BytesIO("统一社会信用代码,企业名称\n".encode()), "CSV"),
        (_zip_bomb, "zip bomb"),
        (lambda: xlsx([], headers=["企业名称", "备注"]), "lacks the columns 统一社会信用代码"),
        (lambda: xlsx([], headers=CONTRACTS.headers("zh"), title="集体合同"), "“集体合同” lacks"),
    ],
    ids=["junk", "csv", "zip-bomb", "missing-headers", "wrong-sheet"],
)
def test_hostile_files_are_refused_with_a_message(make, message):
    result = _import(make())
    assert not result.ok and message in result.refused
    assert result.summary() == result.refused
    assert Enterprise.objects.count() == 0


def test_copy_writes_what_the_history_helpers_write(user):
    """create_with_history/update_with_history replace simple-history's bulk helpers for speed
    (bench/bench_excel.py); the rows and history rows they leave must be the same."""
    moment = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    values = dict.fromkeys(c.key for c in imports.sheet_spec("enterprises").columns)
    values.update(name="同名", industry="C", region_code="230803", ownership="private")
    values.update(employees=10, union_established=True, union_members=5)
    values.update(fortune500_investor=False, head_npc_deputy=True)
    values.update(head_cppcc_member=False, head_model_worker=False)
    ours, theirs = {**values, "credit_code": code(1)}, {**values, "credit_code": code(2)}
    imports.create_with_history(model=Enterprise, rows=[ours], user=user, reason="r", date=moment)
    bulk_create_with_history(
        [Enterprise(**theirs, created_at=moment, updated_at=moment)],
        Enterprise,
        default_user=user,
        default_change_reason="r",
        default_date=moment,
    )
    a, b = Enterprise.objects.get(credit_code=code(1)), Enterprise.objects.get(credit_code=code(2))
    a.employees = b.employees = 20
    imports.update_with_history(
        model=Enterprise, objs=[a], fields=["employees"], user=user, reason="u", date=moment
    )
    bulk_update_with_history(
        [b],
        Enterprise,
        ["employees"],
        default_user=user,
        default_change_reason="u",
        default_date=moment,
    )
    ignore = {"id", "credit_code", "history_id", "created_at", "updated_at"}

    def rows(enterprise):
        return [
            {k: v for k, v in record.items() if k not in ignore}
            for record in enterprise.history.order_by("history_id").values()
        ]

    assert rows(a) == rows(b) and len(rows(a)) == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.employees == b.employees == 20
    assert {k: v for k, v in vars(a).items() if k not in ignore | {"_state"}} == {
        k: v for k, v in vars(b).items() if k not in ignore | {"_state"}
    }


# --- Contracts ------------------------------------------------------------------------------


def _contract_row(serial: int, **overrides):
    values = {
        "enterprise_credit_code": code(serial),
        "title": f"企业{serial}集体合同",
        "scope": "单独（企业）",
        "kind": "综合性",
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2027, 12, 31),
        "covered_employees": 150,
        "wage_growth_pct": 5.5,
        "minimum_wage": 2200,
        "weekly_hours": 40,
        "filing_number": f"甲工集备〔2025〕{serial}号",
        "signed_on": dt.date(2024, 12, 20),
        "renews_filing_number": "",
    }
    values.update(overrides)
    return [values[column.key] for column in CONTRACTS.columns]


def contract_rows(rows, **kwargs):
    source = xlsx(rows, headers=CONTRACTS.headers("zh"), title="集体合同")
    return ledger_import(kind="contracts", source=source, **kwargs)


def test_contracts_import_through_the_ledger_service_and_again_changes_nothing(user):
    for serial in (1, 2):
        f.enterprise(credit_code=code(serial))
    rows = [_contract_row(1), _contract_row(2, ends_on=dt.date(2025, 12, 31))]
    result = contract_rows(rows, user=user, reason="ledger")
    assert result.ok and (result.created, result.updated, result.unchanged) == (2, 0, 0)
    first = Contract.objects.get(filing_number="甲工集备〔2025〕1号")
    assert first.status == "effective" and first.wage_growth_pct == Decimal("5.50")
    assert Contract.objects.get(filing_number="甲工集备〔2025〕2号").status == "expired"
    assert first.history.get().history_user == user
    again = contract_rows(rows, user=user)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert Contract.history.count() == 2
    changed = contract_rows([_contract_row(1, covered_employees=160), rows[1]])
    assert (changed.updated, changed.unchanged) == (1, 1)
    assert Contract.history.count() == 3


def test_contract_rows_are_checked_and_nothing_is_written():
    f.enterprise(credit_code=code(1))
    other = f.enterprise(credit_code=code(3))
    Contract.objects.create(
        enterprise=other,
        title="已有",
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        filing_number="甲工集备〔2024〕9号",
    )
    rows = [
        _contract_row(1),
        _contract_row(2),  # enterprise not in the ledger
        _contract_row(1, filing_number="x", ends_on=dt.date(2024, 1, 1)),
        _contract_row(1, title="重复"),
        _contract_row(1, filing_number="甲工集备〔2024〕9号"),
    ]
    result = contract_rows(rows[:4])
    found = {(e.row, e.column): e.message for e in result.errors}
    assert "import it first" in found[(3, "A")]
    assert "ends before it starts" in found[(4, "F")]
    assert found[(5, "K")].startswith("This filing number is also on row 2")
    assert Contract.objects.count() == 1
    taken = contract_rows([rows[4]])
    assert "another enterprise" in taken.errors[0].message
    assert Contract.objects.count() == 1


def test_contracts_dry_run_writes_nothing():
    f.enterprise(credit_code=code(1))
    result = contract_rows([_contract_row(1)], dry_run=True)
    assert result.ok and result.created == 1 and Contract.objects.count() == 0


def test_a_renewal_names_its_predecessor_by_filing_number_in_the_portal_or_the_file(user):
    # Issue 15: without the link every expired contract counted "not renewed" (续签率 0).
    f.enterprise(credit_code=code(1))
    old_number, middle_number = "甲工集备〔2019〕1号", "甲工集备〔2022〕1号"
    rows = [
        _contract_row(
            1,
            title="2022年集体合同",
            starts_on=dt.date(2022, 1, 1),
            ends_on=dt.date(2024, 12, 31),
            filing_number=middle_number,
            renews_filing_number=old_number,  # not in the portal yet: refused
        )
    ]
    refused = contract_rows(rows)
    assert [(e.column, e.value) for e in refused.errors] == [("M", old_number)]
    assert "in the portal or in this file" in refused.errors[0].message
    assert Contract.objects.count() == 0
    rows.insert(
        0,
        _contract_row(
            1,
            title="2019年集体合同",
            starts_on=dt.date(2019, 1, 1),
            ends_on=dt.date(2021, 12, 31),
            filing_number=old_number,
        ),
    )
    rows.append(_contract_row(1, renews_filing_number=middle_number))  # 2025, renews 2022
    preview = contract_rows(rows, dry_run=True)
    assert preview.ok and Contract.objects.count() == 0
    result = contract_rows(rows, user=user, reason="台账导入")
    assert result.ok, result.errors
    old, middle, new = Contract.objects.order_by("starts_on")
    assert (middle.predecessor, middle.relation) == (old, "renewal")
    assert (new.predecessor, new.relation) == (middle, "renewal")
    assert "台账导入" in new.history.first().history_change_reason
    buffer = io.BytesIO()
    ledger_export(kind="contracts", target=buffer)
    again = ledger_import(kind="contracts", source=buffer)
    assert again.ok and again.unchanged == 3


def test_a_renewal_of_another_enterprises_contract_is_refused_and_nothing_is_written():
    f.enterprise(credit_code=code(1))
    other = f.enterprise(credit_code=code(3))
    Contract.objects.create(
        enterprise=other,
        title="他企业合同",
        starts_on=dt.date(2021, 1, 1),
        ends_on=dt.date(2023, 12, 31),
        status="expired",
        filing_number="甲工集备〔2021〕9号",
    )
    result = contract_rows([_contract_row(1, renews_filing_number="甲工集备〔2021〕9号")])
    assert "another enterprise" in result.errors[0].message
    assert Contract.objects.count() == 1


# --- Exports ---------------------------------------------------------------------------------


def test_export_of_n_rows_opens_in_openpyxl_with_the_same_values():
    made = [f.enterprise(employees=10 + n, union_members=n, industry="F") for n in range(7)]
    buffer = io.BytesIO()
    assert ledger_export(kind="enterprises", target=buffer, language="zh-hans") == 7
    buffer.seek(0)
    rows = list(load_workbook(buffer, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("统一社会信用代码", "企业名称", "行业")
    by_code = {row[0]: row for row in rows[1:]}
    assert len(by_code) == 7
    for enterprise in made:
        row = by_code[enterprise.credit_code]
        assert row[1] == enterprise.name and row[2] == "批发和零售业"
        assert (row[3], row[4]) == ("230803", "私营")
        assert (row[5], row[6], row[7]) == (enterprise.employees, "是", enterprise.union_members)


def test_an_export_imports_back_unchanged():
    for _n in range(3):
        f.enterprise()
    buffer = io.BytesIO()
    ledger_export(kind="enterprises", target=buffer, language="en")
    result = _import(buffer)
    assert result.ok and result.unchanged == 3 and Enterprise.history.count() == 3


def test_contract_export_imports_back_unchanged():
    f.enterprise(credit_code=code(1))
    contract_rows([_contract_row(1)])
    buffer = io.BytesIO()
    ledger_export(kind="contracts", target=buffer)
    result = ledger_import(kind="contracts", source=buffer)
    assert result.ok and result.unchanged == 1


def test_templates_are_written_for_both_kinds(tmp_path):
    for kind in imports.KINDS:
        imports.ledger_template(kind=kind, target=tmp_path / f"{kind}.xlsx")
        assert load_workbook(tmp_path / f"{kind}.xlsx").worksheets[0].freeze_panes == "A2"


# --- Jobs --------------------------------------------------------------------------------------


def _job(source: io.BytesIO, user, kind="enterprises") -> ImportJob:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("台账.xlsx", source.getvalue())
    return imports.import_job_create(kind=kind, upload=upload, user=user)


def test_a_job_runs_once(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = _job(xlsx(_rows(1, 2)), user)
    job.refresh_from_db()
    assert job.status == "done" and job.created == 2 and job.processed == job.total == 2
    assert job.file.path.endswith(".xlsx") and "-private" in job.file.path
    assert imports.import_job_run(job_id=job.pk) == "done"  # a redelivered message
    assert Enterprise.history.count() == 2


def test_a_job_with_invalid_rows_fails_with_an_error_workbook(user):
    job = _job(xlsx([*_rows(1), enterprise_row(2, employees="x")]), user)
    assert imports.import_job_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert job.invalid == 1 and "nothing was imported" in job.message and job.error_file
    with job.error_file.open("rb") as handle:
        rows = list(load_workbook(handle).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:3] == (3, "F", "职工人数")


def test_a_refused_file_fails_the_job_with_its_message(user):
    job = _job(io.BytesIO(b"not a workbook"), user)
    imports.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "not an Excel workbook" in job.message
    assert not job.error_file


def test_an_unexpected_error_fails_the_job_without_raising(user, monkeypatch):
    job = _job(xlsx(_rows(1)), user)

    def boom(**kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(jobs, "ledger_import", boom)
    assert imports.import_job_run(job_id=job.pk) == "failed"
    job.refresh_from_db()
    assert "unexpected error" in job.message


def test_a_worker_dying_between_the_rows_and_the_outcome_leaves_neither(user, monkeypatch):
    """Regression: the job's outcome was saved after the rows had committed, so a worker killed
    in between left the rows imported and the job running; the redelivered run then found every
    row unchanged and reported 0 created."""
    job = _job(xlsx(_rows(1, 2)), user)

    def killed(job, result):
        raise SystemExit("worker killed")

    monkeypatch.setattr(jobs, "_job_finish", killed)
    with pytest.raises(SystemExit):
        imports.import_job_run(job_id=job.pk)
    monkeypatch.undo()
    assert not Enterprise.objects.exists()
    assert imports.import_job_run(job_id=job.pk) == "done"
    job.refresh_from_db()
    assert (job.created, job.unchanged) == (2, 0)
    assert Enterprise.history.count() == 2


def test_a_lost_database_leaves_the_job_running_and_the_task_runs_it_again(user, monkeypatch):
    """The import meets a dropped connection: the job is not marked failed (the database is not
    there to record it) and the task, retried by portal.celery.DATABASE_RETRY, imports it."""
    from django.db.utils import OperationalError

    from compliance.tasks import import_run

    job = _job(xlsx(_rows(1, 2)), user)
    real, calls = imports.ledger_import, []

    def lost_once(**kwargs):
        calls.append(kwargs["source"])
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    monkeypatch.setattr(jobs, "ledger_import", lost_once)
    with pytest.raises(OperationalError):
        imports.import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "running" and not job.message
    calls.clear()
    # Run as a worker would: the retry is not raised to the caller but run (eagerly, at once).
    result = import_run.apply(args=[job.pk], throw=False)
    assert result.get() == "done" and len(calls) == 2
    job.refresh_from_db()
    assert (job.status, job.created) == ("done", 2)
    assert Enterprise.history.count() == 2


def test_a_job_whose_retries_are_spent_is_marked_failed_not_left_running(user, monkeypatch):
    from django.db.utils import OperationalError

    from compliance.tasks import import_run
    from portal.celery import DATABASE_RETRY, app

    job = _job(xlsx(_rows(1)), user)
    calls = []

    def always_lost(**kwargs):
        calls.append(1)
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(jobs, "ledger_import", always_lost)
    # As a worker runs it: every retry is run (eagerly, at once), none raised to the caller.
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    result = import_run.apply(args=[job.pk])
    assert result.failed()
    assert len(calls) == 1 + DATABASE_RETRY["retry_kwargs"]["max_retries"]
    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at
    assert "could not reach the database" in job.message
    assert not Enterprise.objects.exists()
    # A job that finished meanwhile is left as it is.
    assert not imports.jobs.import_job_abandon(job_id=job.pk)


def test_a_database_error_is_retried_by_every_task():
    from portal.celery import app
    from portal.database import UNAVAILABLE_ERRORS

    app.loader.import_default_modules()
    ours = [task for name, task in app.tasks.items() if not name.startswith("celery.")]
    assert len(ours) >= 8
    for task in ours:
        assert task.autoretry_for == UNAVAILABLE_ERRORS, task.name
        assert task.retry_backoff and task.retry_kwargs["max_retries"] > 0, task.name


def test_a_job_left_running_by_a_dead_worker_runs_again(user):
    job = _job(xlsx(_rows(1)), user)
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    assert imports.import_job_run(job_id=job.pk) == "done"


def test_uploads_other_than_xlsx_or_too_large_are_refused(user):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError, match=r"\.xlsx"):
        imports.import_job_create(
            kind="enterprises", upload=SimpleUploadedFile("a.csv", b"x"), user=user
        )
    with pytest.raises(ValidationError, match="Unknown"):
        imports.import_job_create(
            kind="users", upload=SimpleUploadedFile("a.xlsx", b"x"), user=user
        )


# --- Commands ---------------------------------------------------------------------------------


def _file(tmp_path, source: io.BytesIO, name="in.xlsx"):
    path = tmp_path / name
    path.write_bytes(source.getvalue())
    return path


def test_import_command_prints_counts(tmp_path, fed_a, capsys):
    path = _file(tmp_path, xlsx(_rows(1, 2)))
    call_command("import_enterprises", "--schema", fed_a.schema_name, str(path))
    assert "2 created, 0 updated, 0 unchanged" in capsys.readouterr().out
    call_command("import_enterprises", "--schema", fed_a.schema_name, str(path))
    assert "0 created, 0 updated, 2 unchanged" in capsys.readouterr().out
    assert Enterprise.history.get(credit_code=code(1)).history_change_reason.startswith(
        "manage.py import_enterprises"
    )


def test_import_command_dry_run(tmp_path, fed_a, capsys):
    path = _file(tmp_path, xlsx(_rows(1)))
    call_command("import_enterprises", "--schema", fed_a.schema_name, str(path), "--dry-run")
    assert "1 would be created" in capsys.readouterr().out
    assert Enterprise.objects.count() == 0


def test_import_command_with_invalid_rows_exits_non_zero_and_writes_the_errors(tmp_path, fed_a):
    path = _file(tmp_path, xlsx([*_rows(1), enterprise_row(2, employees=-1)]))
    out = tmp_path / "errors.xlsx"
    with pytest.raises(CommandError, match="1 of 2 rows have problems"):
        call_command(
            "import_enterprises", "--schema", fed_a.schema_name, str(path), "--errors", str(out)
        )
    assert list(load_workbook(out).worksheets[0].iter_rows(values_only=True))[1][0] == 3
    assert Enterprise.objects.count() == 0


def test_import_command_exit_code(tmp_path, fed_a):
    from compliance.management.commands.import_enterprises import Command

    path = _file(tmp_path, io.BytesIO(b"junk"), "junk.xlsx")
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(
            ["manage.py", "import_enterprises", "--schema", fed_a.schema_name, str(path)]
        )
    assert exited.value.code == 1


def test_import_command_refuses_an_unknown_schema_or_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_contracts", "--schema", "fed_a", str(tmp_path / "none.xlsx"))
    path = _file(tmp_path, xlsx(_rows(1)))
    with pytest.raises(CommandError, match="No federation"):
        call_command("import_enterprises", "--schema", "nowhere", str(path))


def test_export_commands_write_the_export_and_the_template(tmp_path, fed_a, capsys):
    f.enterprise(credit_code=code(1))
    out, template = tmp_path / "out.xlsx", tmp_path / "template.xlsx"
    call_command(
        "export_enterprises", "--schema", fed_a.schema_name, str(out), "--template", str(template)
    )
    assert "1 rows written" in capsys.readouterr().out
    assert load_workbook(out).worksheets[0]["A2"].value == code(1)
    assert load_workbook(template)["lists"].sheet_state == "hidden"
    contracts_template = tmp_path / "contracts.xlsx"
    call_command(
        "export_contracts", "--schema", fed_a.schema_name, "--template", str(contracts_template)
    )
    assert load_workbook(contracts_template).worksheets[0]["A1"].value == "企业统一社会信用代码"
    with pytest.raises(CommandError, match=r"Give OUT\.xlsx"):
        call_command("export_contracts", "--schema", fed_a.schema_name)


def test_the_workers_congress_imports_as_yes_no_or_not_known():
    rows = [
        enterprise_row(1, workers_congress="是", workers_congress_last_held="2026-03-15"),
        enterprise_row(2, workers_congress="否"),
        enterprise_row(3, workers_congress=""),
    ]
    result = _import(xlsx(rows))
    assert result.ok and result.created == 3
    congress = {
        e.credit_code: (e.workers_congress, e.workers_congress_last_held)
        for e in Enterprise.objects.all()
    }
    assert congress == {
        code(1): (True, dt.date(2026, 3, 15)),
        code(2): (False, None),
        code(3): (None, None),
    }
    # Exported and imported again: the three states survive, nothing changes.
    buffer = io.BytesIO()
    ledger_export(kind="enterprises", target=buffer, language="zh")
    buffer.seek(0)
    again = _import(buffer)
    assert again.unchanged == 3 and again.updated == 0


def test_a_last_congress_date_needs_a_congress_recorded_as_yes():
    rows = [
        enterprise_row(1, workers_congress="否", workers_congress_last_held="2026-03-15"),
        enterprise_row(2, workers_congress="", workers_congress_last_held="2026-03-15"),
        enterprise_row(3, workers_congress="是", workers_congress_last_held="2026-03-15"),
    ]
    result = _import(xlsx(rows))
    found = {(e.row, e.column): e.message for e in result.errors}
    assert set(found) == {(2, "J"), (3, "J")}
    assert "needs the workers' congress recorded as existing" in found[(2, "J")]
    assert Enterprise.objects.count() == 0


def test_a_file_without_the_congress_flag_is_checked_against_the_ledgers():
    f.enterprise(credit_code=code(1), workers_congress=None)
    f.enterprise(credit_code=code(2), workers_congress=True)
    keep = [c for c in imports.sheet_spec("enterprises").columns if c.required]
    headers = [*(c.zh for c in keep), "职代会最近召开日期"]
    rows = [[*enterprise_row(n)[: len(keep)], "2026-03-15"] for n in (1, 2)]
    result = _import(xlsx(rows, headers=headers))
    assert result.invalid == 1 and result.errors[0].row == 2
    assert "needs the workers' congress recorded as existing" in result.errors[0].message
    assert Enterprise.objects.get(credit_code=code(1)).workers_congress_last_held is None
    # Without the congress columns at all, the ledger's flag is left alone.
    f.enterprise(credit_code=code(3), workers_congress=False)
    plain = _import(xlsx([enterprise_row(3)[: len(keep)]], headers=[c.zh for c in keep]))
    assert plain.ok
    assert Enterprise.objects.get(credit_code=code(3)).workers_congress is False
