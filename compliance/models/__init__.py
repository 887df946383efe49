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
from compliance.models.instructors import (
    EnterpriseAssignment,
    InstructorAssessment,
    InstructorTraining,
    InstructorVisit,
)
from compliance.models.model_texts import ModelClause
from compliance.models.monthly_meetings import (
    Attendance,
    Invitation,
    MonthlyMeeting,
)
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
from compliance.models.quality import QualityEvaluation, QualityItemScore
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
from compliance.models.training import (
    Certificate,
    Consultation,
    Expert,
    NegotiatorTraining,
    TrainingAttendee,
)
from compliance.models.worker_surveys import (
    RepresentativeInspection,
    Satisfaction,
    SurveyAnswer,
    SurveyCode,
    WorkerSurvey,
)

__all__ = [
    "Attendance",
    "AuditCheck",
    "Award",
    "AwardCriterion",
    "AwardNotice",
    "BargainingIntent",
    "BargainingRound",
    "BaselineSurvey",
    "CalendarDay",
    "Campaign",
    "Certificate",
    "Clause",
    "CongressVote",
    "Consultation",
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
    "EnterpriseAssignment",
    "EnterpriseInvitation",
    "Expert",
    "FilingSubmission",
    "ImportJob",
    "Industry",
    "Instructor",
    "InstructorAssessment",
    "InstructorTraining",
    "InstructorVisit",
    "Invitation",
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
    "MonthlyMeeting",
    "NegotiatorTraining",
    "Notification",
    "OnlineOffer",
    "Ownership",
    "PackageItem",
    "PerformanceReport",
    "QualityEvaluation",
    "QualityItemScore",
    "RectificationItem",
    "ReminderNotice",
    "Representative",
    "RepresentativeInspection",
    "Review",
    "ReviewerAccount",
    "ReviewerInvitation",
    "RoundDocument",
    "RuleParameter",
    "Satisfaction",
    "Scope",
    "Sequence",
    "Side",
    "SubmissionClause",
    "SupervisionCase",
    "SurveyAnswer",
    "SurveyCategory",
    "SurveyCode",
    "SurveyReason",
    "TrainingAttendee",
    "ViolationRecord",
    "WorkerSurvey",
]
