"""Charts drawn on the server as inline SVG: no script, no request to another host. Each has a
<title> and a <desc> (and role="img" with aria-labelledby), and the numbers are in the page's
table as well."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BAR = "#2e6c9e"
_GRID = "#b0b7bf"
_TEXT = "#1f2328"


def _head(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="stats-chart"'
        f' viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def _percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


def bar_chart(*, chart_id: str, title: str, items: list[tuple[str, Decimal | None]]) -> SafeString:
    """Horizontal bars, one per (label, percent) on a 0–100 % scale; a dash where no rate."""
    label_width, bar_width, row = 220, 420, 26
    width, height = label_width + bar_width + 70, 30 + row * max(len(items), 1)
    desc = "; ".join(f"{label}: {_percent(value)}" for label, value in items)
    parts = _head(chart_id, width, height, title, desc)
    for tick in (0, 50, 100):
        x = label_width + bar_width * tick / 100
        parts.append(
            f'<line x1="{x}" y1="18" x2="{x}" y2="{height}" stroke="{_GRID}" stroke-width="1"/>'
            f'<text x="{x}" y="12" font-size="11" text-anchor="middle" fill="{_TEXT}">'
            f"{tick}%</text>"
        )
    for index, (label, value) in enumerate(items):
        y = 22 + index * row
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" font-size="12" text-anchor="end"'
            f' fill="{_TEXT}">{escape(label[:18])}</text>'
        )
        if value is not None:
            length = bar_width * float(value) / 100
            parts.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}"'
                f' fill="{_BAR}"/>'
            )
            end = label_width + length + 6
        else:
            end = label_width + 6
        parts.append(
            f'<text x="{end:.1f}" y="{y + 15}" font-size="12" fill="{_TEXT}">'
            f"{_percent(value)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (labels escaped, numbers formatted here)


def line_chart(
    *, chart_id: str, title: str, points: list[tuple[str, Decimal | None]], missing: str
) -> SafeString:
    """A line over (label, percent) points on a 0–100 % scale, broken where a point is None
    (marked `missing` in the description)."""
    left, top, plot_w, plot_h = 40, 14, 600, 180
    width, height = left + plot_w + 20, top + plot_h + 30
    step = plot_w / max(len(points) - 1, 1)
    desc = "; ".join(
        f"{label}: {_percent(value) if value is not None else missing}" for label, value in points
    )
    parts = _head(chart_id, width, height, title, desc)
    for tick in (0, 50, 100):
        y = top + plot_h * (1 - tick / 100)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{left + plot_w}" y2="{y}" stroke="{_GRID}"'
            f' stroke-width="1"/><text x="{left - 6}" y="{y + 4}" font-size="11"'
            f' text-anchor="end" fill="{_TEXT}">{tick}%</text>'
        )
    runs: list[list[tuple[float, float]]] = [[]]
    for index, (label, value) in enumerate(points):
        x = left + step * index
        parts.append(
            f'<text x="{x:.1f}" y="{height - 8}" font-size="11" text-anchor="middle"'
            f' fill="{_TEXT}">{escape(label)}</text>'
        )
        if value is None:
            runs.append([])
            continue
        y = top + plot_h * (1 - float(value) / 100)
        runs[-1].append((x, y))
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{_BAR}"/>'
            f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="10" text-anchor="middle"'
            f' fill="{_TEXT}">{_percent(value)}</text>'
        )
    for run in runs:
        if len(run) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="{_BAR}" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (labels escaped, numbers formatted here)
