"""The wage highlights' chart, drawn on the server as inline SVG (no script, no other host): per
segment a box from the lower to the upper quartile, a bar at the median and whiskers to the
minimum and maximum, over the seed 004 guideline band (8–12 %). It has a <title> and a <desc>
naming every figure, role="img", and the page's table holds the same numbers."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from compliance.rules.wages import GUIDELINE_BAND

_BOX = "#2e6c9e"
_BAND = "#e3f0e6"
_GRID = "#6b7580"
_TEXT = "#1f2328"


def _x(value: Decimal, *, left: int, width: int, top: Decimal) -> float:
    return left + width * float(value) / float(top)


def spread_chart(*, chart_id: str, title: str, rows) -> SafeString:
    """`rows`: objects with `label` and `spread` (compliance.rules.wages.Spread)."""
    rows = [row for row in rows if not row.spread.empty]
    label_w, plot_w, row_h = 200, 440, 28
    width, height = label_w + plot_w + 30, 40 + row_h * max(len(rows), 1)
    highest = max([row.spread.maximum for row in rows] + [GUIDELINE_BAND[1]])
    top = Decimal((int(highest) // 5 + 1) * 5)
    lowest = min([row.spread.minimum for row in rows] + [Decimal(0)])
    if lowest < 0:
        # Increases below zero are drawn at zero and said in the description.
        lowest = Decimal(0)
    desc = "; ".join(
        _(
            "%(label)s: %(n)s contracts, median %(median)s%%, quartiles %(q1)s%%–%(q3)s%%,"
            " range %(min)s%%–%(max)s%%"
        )
        % {
            "label": row.label,
            "n": row.spread.count,
            "median": row.spread.median,
            "q1": row.spread.lower_quartile,
            "q3": row.spread.upper_quartile,
            "min": row.spread.minimum,
            "max": row.spread.maximum,
        }
        for row in rows
    )
    desc += " " + _("The shaded band is the guideline of %(low)s–%(high)s%%.") % {
        "low": GUIDELINE_BAND[0],
        "high": GUIDELINE_BAND[1],
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="wage-chart"'
        f' viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]

    def x(value: Decimal) -> float:
        return _x(max(value, Decimal(0)), left=label_w, width=plot_w, top=top)

    band_x, band_end = x(GUIDELINE_BAND[0]), x(GUIDELINE_BAND[1])
    parts.append(
        f'<rect x="{band_x:.1f}" y="18" width="{band_end - band_x:.1f}" height="{height - 18}"'
        f' fill="{_BAND}"/>'
    )
    tick = 0
    while tick <= top:
        tx = x(Decimal(tick))
        parts.append(
            f'<line x1="{tx:.1f}" y1="18" x2="{tx:.1f}" y2="{height}" stroke="{_GRID}"'
            f' stroke-width="0.5"/><text x="{tx:.1f}" y="12" font-size="11"'
            f' text-anchor="middle" fill="{_TEXT}">{tick}%</text>'
        )
        tick += 5
    for index, row in enumerate(rows):
        s = row.spread
        y = 22 + index * row_h
        mid = y + row_h / 2 - 2
        parts.append(
            f'<text x="{label_w - 8}" y="{mid + 4:.1f}" font-size="12" text-anchor="end"'
            f' fill="{_TEXT}">{escape(row.label[:16])}</text>'
            f'<line x1="{x(s.minimum):.1f}" y1="{mid:.1f}" x2="{x(s.maximum):.1f}" y2="{mid:.1f}"'
            f' stroke="{_TEXT}" stroke-width="1.5"/>'
            f'<rect x="{x(s.lower_quartile):.1f}" y="{y + 4}"'
            f' width="{max(x(s.upper_quartile) - x(s.lower_quartile), 1.5):.1f}"'
            f' height="{row_h - 12}" fill="{_BOX}" fill-opacity="0.35" stroke="{_BOX}"/>'
            f'<line x1="{x(s.median):.1f}" y1="{y + 2}" x2="{x(s.median):.1f}" y2="{y + row_h - 6}"'
            f' stroke="{_BOX}" stroke-width="3"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (labels escaped, numbers formatted here)
