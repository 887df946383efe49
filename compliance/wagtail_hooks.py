"""Registers the back office with each federation's Wagtail admin: one submenu per procedure (each
procedure's viewsets bring their own URLs) and the panels of the admin home. Nothing else."""

from wagtail import hooks

from compliance.backoffice.common import may
from compliance.backoffice.instructors.viewsets import MyWorkViewSet
from compliance.backoffice.menu import PROCEDURES
from compliance.backoffice.notifications.views import NotificationsViewSet
from compliance.backoffice.panels import (
    DeadlinesPanel,
    FunnelPanel,
    InstructorTargetsPanel,
    NotificationsPanel,
    PipelinePanel,
    QualityPanel,
    StatisticsPanel,
    SupervisionPanel,
)
from compliance.backoffice.targets.viewsets import TargetsViewSet
from compliance.backoffice.worker_voice.viewsets import WorkerVoiceViewSet
from compliance.models import (
    BargainingRound,
    BaselineSurvey,
    Contract,
    Instructor,
    MonthlyMeeting,
    QualityEvaluation,
    SupervisionCase,
)


@hooks.register("register_admin_viewset")
def register_procedures():
    return [group() for group in PROCEDURES]


@hooks.register("register_admin_viewset")
def register_targets():
    return TargetsViewSet()


@hooks.register("register_admin_viewset")
def register_my_work():
    return MyWorkViewSet()


@hooks.register("register_admin_viewset")
def register_worker_voice():
    return WorkerVoiceViewSet()


@hooks.register("register_admin_viewset")
def register_notifications():
    return NotificationsViewSet()


@hooks.register("construct_homepage_panels")
def add_compliance_panels(request, panels):
    panels.append(NotificationsPanel())
    if may(request.user, "view", BargainingRound):
        panels.append(DeadlinesPanel())
    if may(request.user, "view", MonthlyMeeting):
        panels.append(PipelinePanel())
    if may(request.user, "view", BaselineSurvey):
        panels.append(FunnelPanel())
    if may(request.user, "view", SupervisionCase):
        panels.append(SupervisionPanel())
    if may(request.user, "view", Contract):
        panels.append(StatisticsPanel())
    if may(request.user, "view", QualityEvaluation):
        panels.append(QualityPanel())
    if may(request.user, "view", Instructor):
        panels.append(InstructorTargetsPanel())
