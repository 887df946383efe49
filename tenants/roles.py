"""The default groups every federation starts with, and their permissions.

`roles_sync()` is idempotent: provisioning calls it for a new federation, and
`migrate_platform` calls it in every federation after migrations, so groups pick up the
permissions of models added later. Permissions a federation administrator added by hand to a
default group are kept; only missing ones are added, except what a role withholds (the award
records), which is taken away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

ALL = ("add", "change", "delete", "view")


@dataclass(frozen=True)
class Role:
    key: str
    name: str  # stored as the group's name: Chinese, the portal's default language
    label: str
    # app_label -> actions granted on every model of that app
    app_actions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # extra permissions as "app_label.codename"
    extra: tuple[str, ...] = ()
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()
    # "app_label.model" the role may not even read, whatever app_actions grant; removed from the
    # group on every sync, so a federation that granted them earlier loses them too.
    withheld: tuple[str, ...] = ()


_ADMIN_ACCESS = ("wagtailadmin.access_admin",)
# The statistics pages: the federation's own figures and the roll-up of those beneath it.
_STATISTICS = "compliance.read_statistics"
# Violation records and eligibility results are personal to an enterprise's award case: the
# award committee and administrators read them, nobody else (issue 15).
_AWARD_RECORDS = (
    "compliance.violationrecord",
    "compliance.eligibilityrun",
    "compliance.eligibilityresult",
)

ROLES: tuple[Role, ...] = (
    Role(
        key="federation_admin",
        name="总工会管理员",
        label=_("Federation administrator"),
        app_actions={
            "compliance": (*ALL, "review"),
            "cms_pages": ALL,
            "auth": ALL,
            "wagtailcore": ALL,
        },
        extra=(*_ADMIN_ACCESS, _STATISTICS),
        page_permissions=(
            "add_page",
            "change_page",
            "publish_page",
            "bulk_delete_page",
            "lock_page",
            "unlock_page",
        ),
        collection_permissions=(
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ),
    ),
    Role(
        key="editor",
        name="编辑",
        label=_("Editor"),
        extra=_ADMIN_ACCESS,
        # No publish_page: editors submit to the review workflow (cms_pages.services.site).
        page_permissions=("add_page", "change_page"),
        collection_permissions=(
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        ),
    ),
    Role(
        key="instructor",
        name="集体协商指导员",
        label=_("Bargaining instructor"),
        app_actions={"compliance": ("view", "review")},
        withheld=_AWARD_RECORDS,
        # Instructors log their own visits from the phone page (issue 18 item 6), and enter the
        # baseline survey and the intents of the enterprises they visit.
        extra=(
            *_ADMIN_ACCESS,
            "compliance.add_instructorvisit",
            *(
                f"compliance.{action}_{model}"
                for model in ("baselinesurvey", "bargainingintent")
                for action in ("add", "change")
            ),
        ),
    ),
    Role(
        key="supervisor",
        name="劳动法律监督员",
        label=_("Supervisor"),
        app_actions={"compliance": ("view",)},
        # Supervisors run cases and letters; the rest of the back office they read.
        withheld=_AWARD_RECORDS,
        extra=(
            *_ADMIN_ACCESS,
            "compliance.add_supervisioncase",
            "compliance.change_supervisioncase",
            "compliance.add_letter",
            "compliance.change_letter",
            "compliance.change_rectificationitem",
            "compliance.change_auditcheck",
            "compliance.add_qualityevaluation",
            "compliance.change_qualityevaluation",
        ),
    ),
    Role(
        key="award_committee",
        name="评审委员会",
        label=_("Award committee"),
        app_actions={"compliance": ("view",)},
        # The committee keeps the awards, their criteria and the violation records, checks
        # nominees and publishes shortlists; the rest of the back office it reads.
        extra=(
            *_ADMIN_ACCESS,
            *(
                f"compliance.{action}_{model}"
                for model in ("award", "awardcriterion", "violationrecord")
                for action in ("add", "change", "delete")
            ),
            "compliance.add_eligibilityrun",
            "compliance.add_awardnotice",
            "compliance.change_awardnotice",
        ),
    ),
    Role(
        key="statistics",
        name="统计人员",
        label=_("Statistics staff"),
        app_actions={"compliance": ("view",)},
        # Reads the statistics, the roll-up of the federations beneath and, like the other
        # read-only roles, the back office without the award records.
        withheld=_AWARD_RECORDS,
        extra=(*_ADMIN_ACCESS, _STATISTICS),
    ),
)

ROLE_BY_KEY = {role.key: role for role in ROLES}
# Wagtail's migrations create these two; our roles replace them.
_WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def _permissions_for(role: Role) -> list[Permission]:
    query = Q(pk__in=[])
    for app_label, actions in role.app_actions.items():
        for action in actions:
            query |= Q(content_type__app_label=app_label, codename__startswith=f"{action}_")
    for dotted in role.extra:
        app_label, codename = dotted.split(".", 1)
        query |= Q(content_type__app_label=app_label, codename=codename)
    return list(Permission.objects.filter(query).exclude(_withheld(role)))


def _withheld(role: Role) -> Q:
    query = Q(pk__in=[])
    for dotted in role.withheld:
        app_label, model = dotted.split(".", 1)
        query |= Q(content_type__app_label=app_label, content_type__model=model)
    return query


@transaction.atomic
def roles_sync() -> dict[str, Group]:
    """Create or complete the default groups in the current federation's schema."""
    Group.objects.filter(name__in=_WAGTAIL_DEFAULT_GROUPS).delete()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups: dict[str, Group] = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.name)
        group.permissions.add(*_permissions_for(role))
        if role.withheld:
            group.permissions.remove(*Permission.objects.filter(_withheld(role)))
        for codename in role.page_permissions:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for codename in role.collection_permissions:
            app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
        groups[role.key] = group
    return groups
