"""Spreadsheet import and export of the enterprise ledger: 100,000 rows, side by side.

Import (end to end: check the file, parse, validate, write with history rows) is compared with
openpyxl's read_only mode merely iterating the same file, and with django-import-export
importing the same file into the same model (a ModelResource with widgets for the Chinese
headers, labels and 是/否, the way a project would configure it). Each import starts from an
empty ledger. Export is compared with a bare openpyxl write_only loop writing the same rows.

Targets (issue item 7): import ≤ 0.5× openpyxl read_only and ≥ 5× faster than
django-import-export; export ≤ 1.3× the bare write_only loop.
"""

from __future__ import annotations

import itertools
import os
import random
import tempfile
import time
from pathlib import Path

from bench.harness import Row, timed

ROWS = int(os.environ.get("BENCH_EXCEL_ROWS", "100000"))  # smaller for a quick try
IMPORT_EXPORT_SAMPLE = min(10_000, ROWS)
IMPORT_EXPORT_BUDGET_S = 300.0
IMPORT_RUNS = 2
EXPORT_RUNS = 2  # beyond this on the full file, measure a sample and scale
HEADERS = [
    "统一社会信用代码",
    "企业名称",
    "行业",
    "行政区划代码",
    "登记注册类型",
    "职工人数",
    "是否建会",
    "会员人数",
    "世界500强投资",
    "负责人为人大代表",
    "负责人为政协委员",
    "负责人为劳动模范",
]


def _platform_ready() -> None:
    from django.core.management import call_command
    from django.db import connection

    from tenants import context

    with context.public():
        if "tenants_federation" not in connection.introspection.table_names():
            call_command("migrate_platform", verbosity=0)


def _federation():
    from tenants import context
    from tenants.models import Federation
    from tenants.services import FederationSpec, federation_create

    with context.public():
        taken = set(Federation.objects.values_list("schema_name", flat=True))
        n = next(i for i in itertools.count(1) if f"bench_excel_{i}" not in taken)
        return federation_create(
            spec=FederationSpec(
                schema_name=f"bench_excel_{n}",
                name=f"表格基准测试总工会{n}",
                short_name="表",
                level="county",
                region_code="230803",
                domain=f"bench-excel-{n}.localhost",
            )
        )


def _rows(count: int) -> list[list]:
    from compliance.models import Industry, Ownership
    from compliance.rules.uscc import check_character
    from compliance.services.imports import sheet_spec

    spec = sheet_spec("enterprises", "zh")
    industries = [spec.column("industry").choices.labels[c] for c in Industry.values]
    ownerships = [spec.column("ownership").choices.labels[c] for c in Ownership.values]
    rnd = random.Random(2026)
    rows = []
    for i in range(count):
        first17 = f"91230803MA{i:07d}"
        employees = rnd.randint(1, 3000)
        unionised = rnd.random() < 0.8
        rows.append(
            [
                first17 + check_character(first17),
                f"基准测试企业{i}有限公司",
                rnd.choice(industries),
                "230803",
                rnd.choice(ownerships),
                employees,
                "是" if unionised else "否",
                rnd.randint(0, employees) if unionised else 0,
                "是" if i % 97 == 0 else "否",
                "是" if i % 89 == 0 else "否",
                "是" if i % 83 == 0 else "否",
                "是" if i % 79 == 0 else "否",
            ]
        )
    return rows


def _write_bare(path: Path, rows: list[list]) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("企业台账")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def _openpyxl_iterate(path: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


def _empty_ledger(schema: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f'TRUNCATE "{schema}".compliance_enterprise, '
            f'"{schema}".compliance_historicalenterprise, '
            # History ids restart, so the audit trail's links to them go too (a bench reset,
            # never something the portal does).
            f'"{schema}".compliance_auditlink RESTART IDENTITY CASCADE'
        )


def _import_export_resource():
    """django-import-export as a project would set it up for this file (not in INSTALLED_APPS:
    resources, widgets and tablib need no app registry entry)."""
    from import_export import fields, resources, widgets

    from compliance.models import Enterprise
    from compliance.services.imports import sheet_spec

    spec = sheet_spec("enterprises", "zh")

    class LabelWidget(widgets.Widget):
        def __init__(self, accepted):
            super().__init__()
            self.accepted = accepted

        def clean(self, value, row=None, **kwargs):
            return self.accepted[" ".join(str(value).split()).casefold()]

    class YesNoWidget(widgets.Widget):
        def clean(self, value, row=None, **kwargs):
            return str(value).strip() in ("是", "yes", "1", "True")

    def field(key):
        column = spec.column(key)
        if column.choices is not None:
            widget = LabelWidget(column.choices.accepted)
        elif column.boolean:
            widget = YesNoWidget()
        elif key in ("employees", "union_members"):
            widget = widgets.IntegerWidget()
        else:
            widget = widgets.CharWidget()
        return fields.Field(attribute=key, column_name=column.zh, widget=widget)

    attrs = {column.key: field(column.key) for column in spec.columns}
    attrs["Meta"] = type(
        "Meta",
        (),
        {
            "model": Enterprise,
            "import_id_fields": ("credit_code",),
            "fields": tuple(attrs),
            "skip_unchanged": True,
        },
    )
    return type("EnterpriseResource", (resources.ModelResource,), attrs)()


def _import_export_run(path: Path) -> None:
    """What import-export's admin does with an uploaded .xlsx: tablib (openpyxl read_only), then
    the resource's import in a transaction, one save() (and history row) per row."""
    import tablib

    with open(path, "rb") as handle:
        dataset = tablib.Dataset().load(handle, format="xlsx")
    result = _import_export_resource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()


def _seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _mean(samples: list[float]) -> tuple[float, float]:
    return sum(samples) / len(samples), min(samples)


def run() -> list[Row]:
    from compliance.models import Enterprise
    from compliance.services.imports import ledger_export, ledger_import
    from tenants import context

    _platform_ready()
    federation = _federation()
    schema = federation.schema_name
    rows = _rows(ROWS)
    with tempfile.TemporaryDirectory() as folder, context.federation_context(federation):
        full, sample = Path(folder) / "enterprises.xlsx", Path(folder) / "sample.xlsx"
        _write_bare(full, rows)
        _write_bare(sample, rows[:IMPORT_EXPORT_SAMPLE])

        read_mean, read_min = timed(lambda: _openpyxl_iterate(full), 1)

        def ours() -> None:
            result = ledger_import(kind="enterprises", source=full, reason="bench")
            assert result.ok and result.created == ROWS, result.summary()

        samples = []
        for _run in range(IMPORT_RUNS):
            _empty_ledger(schema)
            samples.append(_seconds(ours))
        ours_mean, ours_min = _mean(samples)
        assert Enterprise.history.count() == ROWS

        _empty_ledger(schema)
        sample_s = _seconds(lambda: _import_export_run(sample))
        assert Enterprise.objects.count() == IMPORT_EXPORT_SAMPLE
        scale = ROWS / IMPORT_EXPORT_SAMPLE
        if sample_s * scale <= IMPORT_EXPORT_BUDGET_S:
            _empty_ledger(schema)
            ie_s, ie_note = _seconds(lambda: _import_export_run(full)), "full file"
        else:
            ie_s = sample_s * scale
            ie_note = f"measured on {IMPORT_EXPORT_SAMPLE:,} rows ({sample_s:.1f} s), ×{scale:g}"

        # Export: the ledger as our import left it; the baseline writes the same rows.
        _empty_ledger(schema)
        ours()
        exported = sorted(rows, key=lambda r: r[1])
        bare_samples, export_samples = [], []
        for _run in range(EXPORT_RUNS):  # alternated, so neither gets the warmer process
            bare_samples.append(_seconds(lambda: _write_bare(Path(folder) / "bare.xlsx", exported)))
            export_samples.append(
                _seconds(
                    lambda: ledger_export(
                        kind="enterprises", target=Path(folder) / "export.xlsx", language="zh-hans"
                    )
                )
            )
        (write_mean, write_min), (export_mean, export_min) = (
            _mean(bare_samples),
            _mean(export_samples),
        )
        _empty_ledger(schema)

    label = f"{ROWS:,} enterprises"
    return [
        Row("excel import", f"{label}: openpyxl read_only iterate (baseline)", 1, read_mean,
            read_min, "1.0×"),
        Row("excel import", f"{label}: django-import-export (baseline)", 1, ie_s, ie_s,
            ie_note),
        Row("excel import", f"{label}: ours (check, parse, validate, write + history)",
            IMPORT_RUNS, ours_mean, ours_min,
            f"{ours_mean / read_mean:.2f}× of openpyxl read_only (target ≤ 0.5×); "
            f"{ie_s / ours_mean:.1f}× faster than import-export (target ≥ 5×)"),
        Row("excel export", f"{label}: bare openpyxl write_only loop (baseline)", EXPORT_RUNS,
            write_mean, write_min, "1.0×"),
        Row("excel export", f"{label}: ours (query, labels, write_only)", EXPORT_RUNS,
            export_mean, export_min,
            f"{export_mean / write_mean:.2f}× of the bare loop (target ≤ 1.3×)"),
    ]  # fmt: skip
