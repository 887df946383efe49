from django.urls import path
from wagtail import hooks

from compliance import views
from compliance.viewsets import ComplianceGroup


@hooks.register("register_admin_viewset")
def register_compliance():
    return ComplianceGroup()


@hooks.register("register_admin_urls")
def compliance_urls():
    return [
        path(
            "compliance/rounds/<int:pk>/step/<slug:action>/",
            views.round_action,
            name="compliance_round_action",
        ),
        path(
            "compliance/rounds/<int:pk>/documents/",
            views.round_document,
            name="compliance_round_document",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_compliance_panels(request, panels):
    from compliance.panels import DeadlinesPanel, StatisticsPanel

    if request.user.has_perm("compliance.view_bargaininground"):
        panels.append(DeadlinesPanel())
    if request.user.has_perm("compliance.view_contract"):
        panels.append(StatisticsPanel())
