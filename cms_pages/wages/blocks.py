"""The live wage figure an editor inserts in a wage-guideline analysis report (issue 19 item 4):
a figure, a segment and a quarter, chosen in the editor and read from the stored wage
highlights each time the page is shown (compliance.selectors.wages), with the date the figures
were generated. Nothing is copied into the page: a regenerated quarter shows at once."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from compliance.models import Industry, Ownership
from compliance.rules.figures import DIMENSION_LABELS
from compliance.selectors.presentation import segment_label
from compliance.selectors.wages import wage_highlights
from tenants.models import validate_region_code

FIGURE_CHOICES = [
    ("contracts", gettext_lazy("Wage contracts signed")),
    ("employees_covered", gettext_lazy("Employees covered")),
    ("median", gettext_lazy("Median increase")),
    ("lower_quartile", gettext_lazy("Lower quartile of the increases")),
    ("upper_quartile", gettext_lazy("Upper quartile of the increases")),
    ("minimum", gettext_lazy("Lowest increase")),
    ("maximum", gettext_lazy("Highest increase")),
]
PERIOD_CHOICES = [
    ("quarter", gettext_lazy("In the quarter")),
    ("year", gettext_lazy("Year to the quarter's end")),
]
QUARTER_CHOICES = [
    ("1", pgettext_lazy("quarter", "Q1")),
    ("2", pgettext_lazy("quarter", "Q2")),
    ("3", pgettext_lazy("quarter", "Q3")),
    ("4", pgettext_lazy("quarter", "Q4")),
]


def segment_choices():
    return [
        ("all", gettext_lazy("Whole federation")),
        *((f"industry:{value}", label) for value, label in Industry.choices),
        *((f"ownership:{value}", label) for value, label in Ownership.choices),
    ]


class LiveFigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        label=pgettext_lazy("block", "label"),
        max_length=100,
        help_text=gettext_lazy("Shown before the figure, e.g. “Median agreed increase”."),
    )
    label_en = blocks.CharBlock(
        label=gettext_lazy("label (English)"), max_length=100, required=False
    )
    figure = blocks.ChoiceBlock(choices=FIGURE_CHOICES, label=gettext_lazy("figure"))
    segment = blocks.ChoiceBlock(
        choices=segment_choices, default="all", label=gettext_lazy("segment")
    )
    region = blocks.CharBlock(
        label=gettext_lazy("or a region code (GB/T 2260)"),
        max_length=6,
        required=False,
        help_text=gettext_lazy("Six digits; when given, the figure is the region's."),
    )
    year = blocks.IntegerBlock(label=gettext_lazy("year"), min_value=2000, max_value=2100)
    quarter = blocks.ChoiceBlock(choices=QUARTER_CHOICES, label=gettext_lazy("quarter"))
    period = blocks.ChoiceBlock(
        choices=PERIOD_CHOICES, default="year", label=pgettext_lazy("wage figure", "period")
    )

    class Meta:
        icon = "table"
        label = gettext_lazy("Live wage figure")
        template = "cms_pages/blocks/live_figure.html"

    def clean(self, value):
        value = super().clean(value)
        region = (value.get("region") or "").strip()
        if region:
            try:
                validate_region_code(region)
            except ValidationError as error:
                raise StructBlockValidationError(block_errors={"region": error}) from error
        return value

    def where(self, value) -> tuple[str, str]:
        region = (value.get("region") or "").strip()
        if region:
            return "region", region
        if value["segment"] == "all":
            return "all", ""
        dimension, _sep, segment = value["segment"].partition(":")
        return dimension, segment

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        federation = getattr(request, "tenant", None) or connection.tenant
        year, quarter = value["year"], int(value["quarter"])
        dimension, segment = self.where(value)
        found = wage_highlights(federation=federation, year=year, quarter=quarter)
        row = found.row(period=value["period"], dimension=dimension, segment=segment)
        figure = value["figure"]
        shown = None
        if found.generated and row is not None:
            raw = row.value(figure)
            if isinstance(raw, Decimal):
                shown = f"{raw}%"
            elif raw is not None:
                shown = str(raw)
        elif found.generated and figure in ("contracts", "employees_covered"):
            shown = "0"  # the quarter is generated and the segment had no wage contract
        where = row.label if row is not None else segment_label(dimension, segment)
        context.update(
            {
                "generated": found.generated,
                "generated_at": found.generated_at,
                "shown": shown,
                "quarter_text": _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year},
                "period_text": dict(PERIOD_CHOICES)[value["period"]],
                "dimension_text": DIMENSION_LABELS[dimension],
                "where": where,
                "year": year,
                "quarter": quarter,
            }
        )
        return context
