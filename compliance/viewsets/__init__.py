"""The back office inside each federation's Wagtail admin: one viewset per record, grouped
under one menu."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSetGroup

from compliance.viewsets.audits import AuditCheckViewSet
from compliance.viewsets.awards import (
    AwardNoticeViewSet,
    AwardViewSet,
    EligibilityRunViewSet,
    ViolationRecordViewSet,
)
from compliance.viewsets.bargaining import (
    BargainingRoundViewSet,
    CampaignViewSet,
    ClauseViewSet,
    ContractViewSet,
)
from compliance.viewsets.ledger import (
    CalendarDayViewSet,
    EnterpriseViewSet,
    InstructorViewSet,
    RuleParameterViewSet,
)
from compliance.viewsets.supervision import (
    LetterTemplateViewSet,
    LetterViewSet,
    SupervisionCaseViewSet,
)


class ComplianceGroup(ModelViewSetGroup):
    menu_label = _("Collective bargaining")
    menu_icon = "clipboard-list"
    menu_order = 150
    items = (
        EnterpriseViewSet("enterprises"),
        BargainingRoundViewSet("bargaining_rounds"),
        CampaignViewSet("campaigns"),
        AuditCheckViewSet("audit_checks"),
        AwardViewSet("awards"),
        EligibilityRunViewSet("eligibility_checks"),
        ViolationRecordViewSet("violation_records"),
        AwardNoticeViewSet("award_notices"),
        SupervisionCaseViewSet("supervision_cases"),
        LetterViewSet("letters"),
        LetterTemplateViewSet("letter_templates"),
        ContractViewSet("contracts"),
        ClauseViewSet("clauses"),
        InstructorViewSet("instructors"),
        RuleParameterViewSet("rule_profile"),
        CalendarDayViewSet("holiday_calendar"),
    )

    def __init__(self):
        super().__init__()
        # Back-office records are not Wagtail content. Wagtail's reference index ("usage") for
        # them cost three queries on every save (campaign launches, sweeps); nothing reads it.
        for viewset in self.registerables:
            viewset.add_to_reference_index = False
