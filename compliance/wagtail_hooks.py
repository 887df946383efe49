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
    from compliance.panels import DeadlinesPanel, StatisticsPanel, SupervisionPanel

    if request.user.has_perm("compliance.view_bargaininground"):
        panels.append(DeadlinesPanel())
    if request.user.has_perm("compliance.view_supervisioncase"):
        panels.append(SupervisionPanel())
    if request.user.has_perm("compliance.view_contract"):
        panels.append(StatisticsPanel())


@hooks.register("register_admin_urls")
def import_urls():
    from compliance import import_views

    return import_views.admin_urls()


@hooks.register("register_admin_menu_item")
def import_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy
    from wagtail.admin.menu import MenuItem

    from compliance import import_views

    class ImportMenuItem(MenuItem):
        def is_shown(self, request):
            return import_views.menu_shown(request)

    return ImportMenuItem(
        gettext_lazy("Import and export"),
        reverse("compliance_imports"),
        name="ledger-import",
        icon_name="upload",
        order=160,
    )
