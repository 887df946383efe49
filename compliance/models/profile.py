from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compliance.rules.presets import PRESETS, Key, Unit

PRESET_CHOICES = [
    ("national", _("National (《集体合同规定》)")),
    ("beijing", _("Beijing")),
    ("shanghai", _("Shanghai")),
    ("zhejiang", _("Zhejiang")),
    ("chongqing", _("Chongqing")),
    ("shandong_wage", _("Shandong (wage bargaining)")),
    ("henan_wage", _("Henan (wage bargaining)")),
]
assert {code for code, _label in PRESET_CHOICES} == set(PRESETS)

KEY_LABELS = {
    Key.OFFER_REPLY: _("Reply to a written bargaining offer"),
    Key.SIDE_MINIMUM: _("Minimum representatives per side"),
    Key.SIDE_MAXIMUM: _("Maximum representatives per side (0 = none)"),
    Key.EMPLOYER_NOT_MORE: _("Employer side may not outnumber the employee side"),
    Key.OUTSIDER_MAX: _("Largest share of outside experts on a side"),
    Key.CONGRESS_QUORUM: _("Workers' congress quorum (share of all representatives)"),
    Key.CONGRESS_APPROVAL: _("Workers' congress approval (share of all representatives)"),
    Key.APPROVAL_STRICT: _("Approval must be strictly more than the share (过半数)"),
    Key.SUBMIT_SIGNED: _("Submit the signed contract to the labour administration"),
    Key.REVIEW_PERIOD: _("Review period of the labour administration"),
    Key.PUBLISH_EFFECTIVE: _("Publish the contract to employees once effective"),
    Key.NOTICE_POSTING: _("Minimum notice-board posting"),
    Key.REPRESENTATIVES_PUBLISH: _(
        "Publish the representatives after they are chosen (0 = before the first meeting)"
    ),
    Key.VACANCY_FILL: _("Fill a vacant representative's seat"),
    Key.BARGAINING_PERIOD: _("Bargaining to be completed within (0 = no limit)"),
    Key.SUSPENSION_MAX: _("Longest suspension of bargaining (0 = as agreed)"),
    Key.DISPUTE_COORDINATION: _("Coordination of a bargaining dispute"),
    Key.DISPUTE_EXTENSION: _("Longest extension of a dispute coordination"),
    Key.TERM_MIN: _("Shortest contract term"),
    Key.TERM_MAX: _("Longest contract term"),
    Key.RENEWAL_WINDOW: _("Renewal window opens before expiry"),
    Key.PERFORMANCE_REPORT: _("Performance report to the workers' congress, every"),
    Key.OPINION_REPLY: _("Reply to an opinion letter (意见书)"),
    Key.REMINDER_SELF_CHECK: _("Self-check after a reminder letter (提示函)"),
    Key.AWARD_NOTICE: _("Award nominee public notice"),
    Key.RECOMMENDATION_CASE: _("Department decides on a recommendation letter (立案)"),
    Key.RECTIFICATION_NOTICE: _("Rectification period of a rectification notice"),
    Key.DEADLINE_REMINDER_LEAD: _("Remind the supervisor this long before a deadline"),
    Key.AUDIT_ENTERPRISE: _("Enterprise supervision group checks, every"),
    Key.AUDIT_INDUSTRY: _("Industry or system checks, every"),
    Key.AUDIT_FEDERATION: _("Federation checks, every"),
    Key.AUDIT_PASS_LINE: _("Pass line of a performance check (points)"),
    Key.AUDIT_WEIGHTS: _("Weights of parties/procedure/content/performance/effect"),
    Key.ENTERPRISE_INVITATION: _("An invitation to an enterprise account is valid for"),
    Key.ENTERPRISE_EMAIL_CODE: _("Enterprise users may receive sign-in codes by e-mail"),
    Key.MATERIALS_REQUEST: _("The department may ask for missing materials within"),
    Key.REVIEWER_INVITATION: _("An invitation to a reviewer account is valid for"),
    Key.QUALITY_PASS_LINE: _("Pass line of a quality evaluation (points)"),
    Key.QUALITY_WEIGHTS: _("Quality evaluation: weights of the five dimensions"),
    Key.INSTRUCTOR_TARGET: _("Whole bargaining rounds an instructor takes part in each year"),
}
UNIT_LABELS = {
    Unit.CALENDAR_DAYS: _("calendar days"),
    Unit.WORKING_DAYS: _("working days"),
    Unit.MONTHS: _("months"),
    Unit.FRACTION: _("fraction"),
    Unit.COUNT: _("count"),
    Unit.POINTS: _("points"),
    Unit.YEARS: _("years"),
    Unit.FLAG: _("yes (1) / no (0)"),
}


class RuleParameter(models.Model):
    """One statutory number of this federation's rule profile, with its unit, the research note
    it comes from (internal) and the legal basis a letter may print (rules/presets.py)."""

    key = models.CharField(
        _("parameter"),
        max_length=40,
        unique=True,
        choices=[(k.value, v) for k, v in KEY_LABELS.items()],
    )
    value = models.CharField(_("value"), max_length=20)
    unit = models.CharField(
        _("unit"), max_length=20, choices=[(u.value, v) for u, v in UNIT_LABELS.items()]
    )
    rule = models.CharField(_("rule"), max_length=20)
    source = models.CharField(
        _("source note"),
        max_length=300,
        help_text=_("Where the number comes from; for the federation's staff, never printed."),
    )
    basis = models.CharField(
        _("legal basis printed on letters"),
        max_length=200,
        blank=True,
        help_text=_(
            "The law and article a letter cites for this period, e.g. 《集体合同规定》第三十二条. "
            "Only a law that binds this federation; leave empty and a letter states the period "
            "alone."
        ),
    )
    preset = models.CharField(_("preset"), max_length=20, choices=PRESET_CHOICES)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rule parameter")
        verbose_name_plural = _("rule profile")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.value} {self.get_unit_display()}"


class CalendarDay(models.Model):
    """An official holiday or make-up working day added without a code change (e.g. next year's)."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Statutory holiday")
        WORKDAY = "workday", _("Make-up working day (调休)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=50, help_text=_("e.g. 春节 or 春节调休"))
    covers_year = models.BooleanField(
        _("year fully loaded"),
        default=True,
        help_text=_("Tick when this year's whole official calendar has been entered."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("holiday calendar")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
