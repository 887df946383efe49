"""Writes to a federation's Wagtail site: its page tree, footer contacts and publishing workflow."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import GroupApprovalTask, Page, Site, Workflow, WorkflowPage, WorkflowTask

from cms_pages.models import (
    CaseStudyIndexPage,
    DownloadsPage,
    FederationContact,
    HomePage,
    LegalIndexPage,
    NoticeIndexPage,
)
from tenants.roles import ROLE_BY_KEY


def _sections() -> list[tuple[type[Page], str, str, str]]:
    """(page type, slug, title, introduction) of the sections every federation starts with."""
    return [
        (
            NoticeIndexPage,
            "notices",
            _("Contract notices"),
            _(
                "Collective contracts in force or past, published with the parties' consent once"
                " effective. Search them or narrow the list by industry, region or date."
            ),
        ),
        (
            CaseStudyIndexPage,
            "cases",
            _("Case studies"),
            _("How enterprises and unions in our region bargained, and what it changed."),
        ),
        (
            LegalIndexPage,
            "legal",
            _("Legal knowledge"),
            _("The rules of collective bargaining explained in plain words, with their sources."),
        ),
        (
            DownloadsPage,
            "downloads",
            _("Contract templates"),
            _("Model contracts and forms to download and adapt."),
        ),
    ]


def site_sections_ensure(*, home: HomePage) -> list[Page]:
    """Add the sections the home page lacks (idempotent: existing pages are left as edited)."""
    existing = {type(page) for page in home.get_children().specific()}
    created = []
    with translation.override("en"):
        english = {model: (title, intro) for model, _slug, title, intro in _sections()}
    with translation.override(settings.LANGUAGE_CODE):
        for model, slug, title, intro in _sections():
            if model in existing:
                continue
            title_en, intro_en = english[model]
            page = model(
                title=title,
                slug=slug,
                intro=f"<p>{intro}</p>",
                title_en=title_en,
                intro_en=f"<p>{intro_en}</p>",
                show_in_menus=True,
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            created.append(page)
    return created


def publishing_workflow_ensure(*, home: HomePage) -> Workflow:
    """Editors submit pages for review; the federation's administrators approve and publish."""
    with translation.override(settings.LANGUAGE_CODE):
        workflow_name = _("Review before publishing")
        task_name = _("Approval by a federation administrator")
    group, _created = Group.objects.get_or_create(name=ROLE_BY_KEY["federation_admin"].name)
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=workflow_name)
    # Workflow is a ClusterableModel: `workflow.workflow_tasks.create()` only adds the task to
    # the unsaved cluster, which left every federation's workflow without a task (a submission
    # then tried to publish as the editor and was refused). Write the row itself.
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def site_setup(*, federation, hostname: str) -> HomePage:
    """Give a freshly cloned federation schema its home page, sections and one Wagtail Site.

    The template schema holds Wagtail's default welcome page and site; both are replaced.
    """
    root = Page.get_first_root_node()
    # Content, unlike the interface, does not follow the language of the operator who
    # provisions: Chinese, and English where the federation has an English name.
    intros = {}
    for language, name in ((settings.LANGUAGE_CODE, federation.name), ("en", federation.name_en)):
        with translation.override(language):
            intros[language] = _(
                "%(name)s supervises collective bargaining and collective contracts in its region."
            ) % {"name": name or federation.name}
    home = HomePage(
        title=federation.name,
        slug="home",
        intro=intros[settings.LANGUAGE_CODE],
        title_en=federation.name_en,
        intro_en=intros["en"] if federation.name_en else "",
    )
    # Wagtail's welcome page occupies the slug "home" under the root; drop it first.
    for page in root.get_children().exclude(content_type__model="homepage"):
        page.delete()
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    site = Site.objects.create(
        hostname=hostname,
        port=80,
        root_page=home,
        is_default_site=True,
        site_name=federation.name,
    )
    FederationContact.objects.get_or_create(site=site)
    site_sections_ensure(home=home)
    publishing_workflow_ensure(home=home)
    return home
