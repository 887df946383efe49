"""Term of a collective contract and the window for renewing it.

- R28 (《集体合同规定》 Art. 38; 北京 Art. 36; 上海 Art. 25; 山东 wage Art. 17): the term is
  generally 1 to 3 years (wage contracts generally 1). A term runs from its first day to its last
  day inclusive: 2026-01-01 to 2026-12-31 is exactly one year, 2026-01-01 to 2028-12-31 exactly
  three. A term starting on 29 February ends on 28 February when the final year has no
  29 February.
- R29 (规定 Art. 38 para 2; 北京 Art. 43; 重庆 Art. 33; 浙江 Art. 30): either side may ask to
  renew within 3 months before expiry (Zhejiang and Fujian: 90 days). The window opens on the
  corresponding day that period before the last day of the term (民法典 Art. 202 for months).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext, ngettext

from compliance.rules.deadlines import Period, Unit, add_months


def _last_day_of_term(start: date, years: int) -> date:
    """The last day of a term of `years` years beginning on `start` (both days included)."""
    anniversary = add_months(start, 12 * years)
    if anniversary.day != start.day:  # 29 February into a common year: 28 February ends it
        return anniversary
    return anniversary - timedelta(days=1)


def term_problem(*, start: date, end: date, min_years: int = 1, max_years: int = 3) -> str | None:
    """What is wrong with a term from `start` to `end` inclusive (translated), or None."""
    if not 0 <= min_years <= max_years:
        raise ValueError(
            gettext("The term limits are inconsistent (%(min)s to %(max)s years).")
            % {"min": min_years, "max": max_years}
        )
    if end < start:
        return gettext("The term ends on %(end)s, before it starts on %(start)s.") % {
            "end": end.isoformat(),
            "start": start.isoformat(),
        }
    values = {"start": start.isoformat(), "end": end.isoformat()}
    earliest = _last_day_of_term(start, min_years)
    if min_years and end < earliest:
        return ngettext(
            "The term from %(start)s to %(end)s is shorter than %(years)d year; it must end on "
            "%(limit)s or later.",
            "The term from %(start)s to %(end)s is shorter than %(years)d years; it must end on "
            "%(limit)s or later.",
            min_years,
        ) % {**values, "years": min_years, "limit": earliest.isoformat()}
    latest = _last_day_of_term(start, max_years)
    if end > latest:
        return ngettext(
            "The term from %(start)s to %(end)s is longer than %(years)d year; it must end on "
            "%(limit)s or earlier.",
            "The term from %(start)s to %(end)s is longer than %(years)d years; it must end on "
            "%(limit)s or earlier.",
            max_years,
        ) % {**values, "years": max_years, "limit": latest.isoformat()}
    return None


def renewal_due(*, status: str, window_opens: date | None, today: date) -> bool:
    """Whether a contract in `status` calls for its renewal round now (R29): once its window is
    open while it is in force, and after it expired. Terminated or superseded contracts do not
    (a terminated contract ended on purpose; an amendment carries the term on)."""
    if status == "expired":
        return True
    return status == "effective" and window_opens is not None and window_opens <= today


def renewal_window_opens(*, end: date, period: Period) -> date:
    """The first day on which renewal may be requested: `period` before the term's last day."""
    if period.unit is Unit.MONTHS:
        return add_months(end, -period.amount)
    if period.unit is Unit.CALENDAR_DAYS:
        return end - timedelta(days=period.amount)
    raise ValueError(
        gettext("A renewal window is set in months or calendar days, not in working days.")
    )
