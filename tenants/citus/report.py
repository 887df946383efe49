"""Findings, their grouping across schemas, and the report as a table or JSON."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.db import connection

BLOCKER = "blocker"
WARNING = "warning"
OK = "ok"
SEVERITIES = (BLOCKER, WARNING, OK)


@dataclass(frozen=True)
class Finding:
    """One kind of object, grouped across the schemas it occurs in."""

    kind: str
    object: str
    severity: str
    why: str
    doc: str
    federation_schemas: int = 0
    in_template: bool = False
    scope: str = "federation schemas"


@dataclass
class Report:
    federations: int
    template: str | None
    checked_at: datetime
    findings: list[Finding] = field(default_factory=list)

    @property
    def blockers(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == BLOCKER]

    def as_dict(self) -> dict:
        return {
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
            "database": connection.settings_dict["NAME"],
            "federations": self.federations,
            "template": self.template,
            "counts": {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES},
            "findings": [asdict(f) for f in self.findings],
        }


@dataclass(frozen=True)
class Hit:
    """What one check found in one or more schemas, before grouping."""

    kind: str
    object: str
    severity: str
    why: str
    doc: str
    schemas: tuple[str, ...] = ()
    scope: str = "federation schemas"


def group_hits(
    hits: Iterable[Hit], *, federations: set[str], template: str | None
) -> list[Finding]:
    merged: dict[tuple, set[str]] = {}
    for hit in hits:
        key = (hit.kind, hit.object, hit.severity, hit.why, hit.doc, hit.scope)
        merged.setdefault(key, set()).update(hit.schemas)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings = [
        Finding(
            kind=kind,
            object=obj,
            severity=severity,
            why=why,
            doc=doc,
            federation_schemas=len(schemas & federations),
            in_template=template in schemas,
            scope=scope,
        )
        for (kind, obj, severity, why, doc, scope), schemas in merged.items()
    ]
    findings.sort(key=lambda f: (order[f.severity], f.kind, f.object))
    return findings


def render_table(report: Report) -> str:
    """The report as a plain-text table: one line a finding, then why and where it is written."""
    header = (
        f"Citus schema-based sharding: what today's catalogue would block "
        f"({report.checked_at:%Y-%m-%d %H:%M} UTC, database {connection.settings_dict['NAME']}, "
        f"{report.federations} federation schemas"
        + (f" + template {report.template}" if report.template else "")
        + ")"
    )
    rows = [("severity", "kind", "schemas", "object")]
    for f in report.findings:
        if f.scope == "federation schemas":
            where = f"{f.federation_schemas}" + (" + template" if f.in_template else "")
        else:
            where = f.scope
        rows.append((f.severity, f.kind, where, f.object))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [header, ""]
    for index, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:3])] + [row[3]]
        lines.append("  ".join(cells))
        if index == 0:
            lines.append("-" * 100)
            continue
        finding = report.findings[index - 1]
        lines.append(f"    why: {finding.why}")
        lines.append(f"    doc: {finding.doc}")
    counts = {s: sum(f.severity == s for f in report.findings) for s in SEVERITIES}
    lines += ["", ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)]
    return "\n".join(lines)
