"""The back office's menu: one submenu per procedure, in the order a federation works."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from compliance.backoffice.audits.viewsets import AuditCheckViewSet
from compliance.backoffice.awards.awards import AwardViewSet
from compliance.backoffice.awards.eligibility_checks import EligibilityRunViewSet
from compliance.backoffice.awards.notices import AwardNoticeViewSet
from compliance.backoffice.awards.violations import ViolationRecordViewSet
from compliance.backoffice.bargaining.departments import DepartmentViewSet
from compliance.backoffice.bargaining.viewsets import (
    BargainingRoundViewSet,
    CampaignViewSet,
    InstructorViewSet,
)
from compliance.backoffice.common import formfield_with_dates, land_on_created
from compliance.backoffice.contracts.viewsets import (
    ClauseViewSet,
    ContractViewSet,
    ModelClauseViewSet,
)
from compliance.backoffice.imports.viewsets import ImportViewSet
from compliance.backoffice.instructors.viewsets import (
    AssessmentViewSet,
    CertificateViewSet,
    ConsultationViewSet,
    ExpertViewSet,
    NegotiatorTrainingViewSet,
    TrainingGivenViewSet,
    VisitViewSet,
)
from compliance.backoffice.ledger.viewsets import EnterpriseViewSet
from compliance.backoffice.meetings.viewsets import MonthlyMeetingViewSet
from compliance.backoffice.pipeline.viewsets import (
    BargainingIntentViewSet,
    BaselineSurveyViewSet,
    PipelineViewSet,
)
from compliance.backoffice.profile.viewsets import CalendarDayViewSet, RuleParameterViewSet
from compliance.backoffice.quality.viewsets import QualityEvaluationViewSet
from compliance.backoffice.reports.viewsets import ReportsViewSet
from compliance.backoffice.statistics.viewsets import StatisticsGroup
from compliance.backoffice.supervision.viewsets import (
    LetterTemplateViewSet,
    LetterViewSet,
    SupervisionCaseViewSet,
)


class ProcedureGroup(ViewSetGroup):
    """A procedure's records under one submenu of the admin's sidebar."""

    def __init__(self):
        super().__init__()
        # Back-office records are not Wagtail content. Wagtail's reference index ("usage") for
        # them cost three queries on every save (campaign launches, sweeps); nothing reads it.
        for viewset in self.registerables:
            viewset.add_to_reference_index = False
            land_on_created(viewset)
            # Forms built from `form_fields` date with the browser's picker, as the rest do.
            viewset.formfield_for_dbfield = formfield_with_dates


class LedgerGroup(ProcedureGroup):
    menu_label = _("Enterprises")
    menu_icon = "site"
    menu_order = 150
    items = (EnterpriseViewSet("enterprises"), ImportViewSet())


class BargainingGroup(ProcedureGroup):
    menu_label = _("Collective bargaining")
    menu_icon = "group"
    menu_order = 151
    items = (
        BargainingRoundViewSet("bargaining_rounds"),
        CampaignViewSet("campaigns"),
        InstructorViewSet("instructors"),
        DepartmentViewSet("departments"),
    )


class InstructorsGroup(ProcedureGroup):
    """Instructors' work (issue 18 item 6); the instructor registry itself, with each
    instructor's appointment, enterprises and sheet, stays under collective bargaining."""

    menu_label = _("Instructors' work")
    menu_icon = "user"
    menu_order = 151
    items = (
        VisitViewSet("instructor_visits"),
        TrainingGivenViewSet("instructor_trainings"),
        AssessmentViewSet("instructor_assessments"),
    )


class TrainingGroup(ProcedureGroup):
    """Negotiators' training and the expert pool (issue 18 item 7)."""

    menu_label = _("Training and experts")
    menu_icon = "group"
    menu_order = 151
    items = (
        NegotiatorTrainingViewSet("negotiator_trainings"),
        CertificateViewSet("certificates"),
        ExpertViewSet("experts"),
        ConsultationViewSet("consultations"),
    )


class PipelineGroup(ProcedureGroup):
    """Before the offer (issue 18): the baseline survey, the intents and the funnel."""

    menu_label = _("Bargaining pipeline")
    menu_icon = "order-down"
    menu_order = 151
    items = (
        PipelineViewSet(),
        BaselineSurveyViewSet("baseline_survey"),
        BargainingIntentViewSet("bargaining_intents"),
    )


class ContractsGroup(ProcedureGroup):
    menu_label = _("Collective contracts")
    menu_icon = "doc-full"
    menu_order = 152
    items = (
        ContractViewSet("contracts"),
        ClauseViewSet("clauses"),
        ModelClauseViewSet("model_texts"),
    )


class SupervisionGroup(ProcedureGroup):
    # Short labels: the sidebar is 200 px wide and cuts longer ones.
    menu_label = _("Labour-law supervision")
    menu_icon = "warning"
    menu_order = 153
    items = (
        SupervisionCaseViewSet("supervision_cases"),
        LetterViewSet("letters"),
        LetterTemplateViewSet("letter_templates"),
    )


class PerformanceGroup(ProcedureGroup):
    """After the contract takes effect: the scheduled performance checks and the quality
    evaluations (质效评估)."""

    menu_label = _("Performance and quality")
    menu_icon = "tasks"
    menu_order = 154
    items = (
        AuditCheckViewSet("audit_checks"),
        QualityEvaluationViewSet("quality_evaluations"),
    )


class MonthlyMeetingsMenuItem(MonthlyMeetingViewSet):
    """The monthly meetings (月例会) beside the bargaining submenu, which is full (four items)."""

    add_to_admin_menu = True
    menu_order = 151
    add_to_reference_index = False


class AwardsGroup(ProcedureGroup):
    menu_label = _("Award eligibility")
    menu_icon = "success"
    menu_order = 155
    items = (
        AwardViewSet("awards"),
        EligibilityRunViewSet("eligibility_checks"),
        ViolationRecordViewSet("violation_records"),
        AwardNoticeViewSet("award_notices"),
    )


class ProfileGroup(ProcedureGroup):
    menu_label = _("Rules and calendar")
    menu_icon = "cogs"
    menu_order = 156
    items = (RuleParameterViewSet("rule_profile"), CalendarDayViewSet("holiday_calendar"))


PROCEDURES = (
    LedgerGroup,
    PipelineGroup,
    BargainingGroup,
    lambda: MonthlyMeetingsMenuItem("monthly_meetings"),
    InstructorsGroup,
    TrainingGroup,
    ContractsGroup,
    SupervisionGroup,
    PerformanceGroup,
    AwardsGroup,
    ProfileGroup,
    ReportsViewSet,
    StatisticsGroup,
)
