from compliance.models.audits import AuditCheck
from compliance.models.awards import (
    Award,
    AwardCriterion,
    AwardNotice,
    EligibilityResult,
    EligibilityRun,
    ViolationRecord,
)
from compliance.models.bargaining import (
    BargainingRound,
    Campaign,
    CongressVote,
    Dispute,
    Instructor,
    Kind,
    LeftReason,
    Meeting,
    Representative,
    Review,
    RoundDocument,
    Scope,
)
from compliance.models.contracts import Clause, Contract, ContractAttachment, PerformanceReport
from compliance.models.department_review import (
    Department,
    DepartmentSubmission,
    MaterialsRequest,
    ReviewerAccount,
    ReviewerInvitation,
)
from compliance.models.enterprise_accounts import (
    EnterpriseAccount,
    EnterpriseInvitation,
    LedgerCorrection,
    Notification,
    Side,
)
from compliance.models.enterprises import Enterprise, Industry, Ownership
from compliance.models.imports import ImportJob
from compliance.models.model_texts import ModelClause
from compliance.models.numbering import Sequence
from compliance.models.online_offers import OnlineOffer
from compliance.models.pipeline import (
    BargainingIntent,
    BaselineSurvey,
    SurveyCategory,
    SurveyReason,
)
from compliance.models.prereview import FilingSubmission, PackageItem, SubmissionClause
from compliance.models.profile import CalendarDay, RuleParameter
from compliance.models.reminders import DeadlineReminder
from compliance.models.supervision import (
    ItemEvidence,
    Letter,
    LetterKind,
    LetterTemplate,
    RectificationItem,
    ReminderNotice,
    SupervisionCase,
)

__all__ = [
    "AuditCheck",
    "Award",
    "AwardCriterion",
    "AwardNotice",
    "BargainingIntent",
    "BargainingRound",
    "BaselineSurvey",
    "CalendarDay",
    "Campaign",
    "Clause",
    "CongressVote",
    "Contract",
    "ContractAttachment",
    "DeadlineReminder",
    "Department",
    "DepartmentSubmission",
    "Dispute",
    "EligibilityResult",
    "EligibilityRun",
    "Enterprise",
    "EnterpriseAccount",
    "EnterpriseInvitation",
    "FilingSubmission",
    "ImportJob",
    "Industry",
    "Instructor",
    "ItemEvidence",
    "Kind",
    "LedgerCorrection",
    "LeftReason",
    "Letter",
    "LetterKind",
    "LetterTemplate",
    "MaterialsRequest",
    "Meeting",
    "ModelClause",
    "Notification",
    "OnlineOffer",
    "Ownership",
    "PackageItem",
    "PerformanceReport",
    "RectificationItem",
    "ReminderNotice",
    "Representative",
    "Review",
    "ReviewerAccount",
    "ReviewerInvitation",
    "RoundDocument",
    "RuleParameter",
    "Scope",
    "Sequence",
    "Side",
    "SubmissionClause",
    "SupervisionCase",
    "SurveyCategory",
    "SurveyReason",
    "ViolationRecord",
]
