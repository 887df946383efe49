"""How the network's figures are named and written on a page or in a spreadsheet: the label of a
segment of any dimension (a region's name, an industry section, an ownership, the fixed ones of
compliance.rules.figures), a rate with the counts it is made of, and the columns of the
statistics tables. In the language of the request; for the statistics pages, the roll-up, the
targets and the upward reports alike."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.models import Industry, Ownership
from compliance.rules.figures import INDICATOR_BY_KEY, SEGMENT_LABELS, Figures, Ratio
from tenants.regions import region_label


def segment_label(dimension: str, segment: str) -> str:
    """The name of `segment` of `dimension` in the active language; the code itself where the
    portal knows no name for it (a region outside the portal's list, an unrecorded value)."""
    if dimension == "all":
        return _("Whole federation")
    if not segment:
        return _("Not recorded")
    if dimension == "region":
        english = not (translation.get_language() or "").startswith("zh")
        return region_label(segment, english=english)
    if dimension == "industry":
        return _label(Industry, segment)
    if dimension == "ownership":
        return _label(Ownership, segment)
    label = SEGMENT_LABELS.get((dimension, segment))
    return str(label) if label is not None else segment


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def ratio_text(ratio: Ratio) -> str:
    """ "57.0% (69/121)"; "— (0/0)" where there is nothing to divide by."""
    percent = ratio.percent
    shown = "—" if percent is None else f"{percent}%"
    return f"{shown} ({ratio.numerator}/{ratio.denominator})"


@dataclass(frozen=True)
class RateColumn:
    """A rate the statistics tables show for every row: read with `rate` from a row's figures
    (the flows over the chosen period)."""

    key: str
    label: object
    rate: str

    def ratio(self, figures: Figures, period: str) -> Ratio:
        method = getattr(figures, self.rate)
        if self.rate in ("renewal_rate", "submission_rate"):
            return method(period)
        return method()


# The indicators that can be read from any one segment's figures. Those tied to a segment of
# their own (coverage of 100+ or state-owned enterprises) are the rows of the size and ownership
# breakdowns; instructors are the federation's, not a segment's: both are in the headline.
RATE_COLUMNS: tuple[RateColumn, ...] = tuple(
    RateColumn(key, INDICATOR_BY_KEY[key].label, INDICATOR_BY_KEY[key].rate)
    for key in ("coverage", "key_coverage", "renewal", "submission", "report")
)
COUNT_COLUMNS: tuple[tuple[str, object], ...] = (
    ("employees_covered", gettext_lazy("Employees covered")),
    ("enterprises", gettext_lazy("Enterprises")),
    ("unionised", gettext_lazy("Unionised enterprises")),
)
