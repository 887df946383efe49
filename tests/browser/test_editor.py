"""The editor's main job in Chromium: change a published case study and send it with the footer's
submit action (an editor is offered no "publish"). Chinese at 1280 px, English at 390 px; the
change is kept as a draft, the live page stays as it was, and the submission starts the
federation's review workflow (its state is in progress, on the administrators' approval task)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.models import Page, WorkflowState
from wagtail.users.models import UserProfile

from portal.demo.builders import case_study
from tenants import context
from tenants.roles import ROLE_BY_KEY
from tests.browser.conftest import BROWSER, sign_in
from tests.conftest import PASSWORD

pytestmark = [*BROWSER, pytest.mark.usefixtures("editors")]  # made before Chromium starts

VIEWS = {"zh-hans": 1280, "en": 390}


@pytest.fixture(scope="module")
def editors(browser_sites, django_db_blocker):
    """Per language: an editor with an authenticator and a published case study to change."""
    made = {}
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        for language in VIEWS:
            email = f"editor-{language}@pa.test"
            user = get_user_model().objects.create_user(
                username=email, email=email, password=PASSWORD, last_name="郑", first_name="编辑"
            )
            user.groups.add(Group.objects.get(name=ROLE_BY_KEY["editor"].name))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
            page = case_study(
                title=f"松江编辑待改案例{language}",
                slug=f"editor-{language}",
                date=dt.date(2026, 3, 1),
                summary="一家企业通过协商确定了夜班津贴标准。",
                industry="C",
                paragraphs=["协商经过。"],
            )
            made[language] = {
                "device": TOTPDevice.objects.create(
                    user=user, name="authenticator", confirmed=True
                ),
                "page": page.pk,
                "url": page.url,
            }
    return made


@pytest.mark.parametrize("language", list(VIEWS))
def test_the_editor_changes_a_case_study_and_sends_it_for_review(
    language, editors, live_tenant_server, browser_sites, chromium, shot, django_db_blocker
):
    mine = editors[language]
    browser_context = chromium.new_context(viewport={"width": VIEWS[language], "height": 900})
    tab = browser_context.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    try:
        sign_in(
            tab, username=f"editor-{language}@pa.test", password=PASSWORD, device=mine["device"]
        )
        tab.goto(tab.base + f"/admin/pages/{mine['page']}/edit/")
        new_title = f"松江夜班津贴协商案例（修订）{language}"
        tab.locator("#id_title").fill(new_title)
        shot(tab, f"editor-edit-{language}")
        # The footer's menu holds "submit for review"; an editor has no "publish".
        tab.locator("footer [data-w-dropdown-target='toggle']").first.click()
        assert tab.locator("button[name='action-publish']").count() == 0
        tab.locator("button[name='action-submit']").click()
        tab.wait_for_load_state()
        # Wagtail's own message; before issue 14's fix the workflow had no task and the
        # submission was refused ("你没有权限访问").
        submitted = "已经提交进行审核" if language == "zh-hans" else "submitted for moderation"
        expect(tab.locator(".messages")).to_contain_text(submitted)
        shot(tab, f"editor-submitted-{language}")
        # The live page still shows the published title until an administrator approves.
        tab.goto(tab.base + mine["url"])
        expect(tab.locator("h1")).to_contain_text(f"松江编辑待改案例{language}")
        tab.goto(tab.base + f"/admin/pages/{mine['page']}/edit/")
        expect(tab.locator("#id_title")).to_have_value(new_title)
    finally:
        browser_context.close()
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        page = Page.objects.get(pk=mine["page"])
        state = page.current_workflow_state
        assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == "发布前审核"
        assert state.current_task_state.task.name == "总工会管理员审核"
        assert page.get_latest_revision().user.username == f"editor-{language}@pa.test"
