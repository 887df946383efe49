"""Headless Chromium submits the back office's step forms as a clerk does: each form opens with
its dates filled in (ISO values the browser keeps), is sent by its own button, and the record's
page then shows what changed. Django's test client neither renders nor posts a real form."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tenants import context
from tests.browser.conftest import BROWSER, administrator, sign_in
from tests.conftest import PASSWORD
from tests.factories import compliance as f
from tests.factories.supervision import issued_letter

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("records"),  # made before Chromium starts (tests/browser/conftest.py)
]

CLERK = "steps@pa.test"


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """A clerk with an authenticator, an offered round, an effective contract, an open case."""
    with django_db_blocker.unblock():
        letter, _token = issued_letter("fed_pa")
        with context.federation_context("fed_pa"):
            return {
                "device": administrator(CLERK),
                "round": f.offered_round().pk,
                "contract": f.round_at("effective").contract.pk,
                "case": letter.case_id,
            }


@pytest.fixture
def clerk(records, live_tenant_server, browser_sites, chromium):
    context_ = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    sign_in(tab, username=CLERK, password=PASSWORD, device=records["device"])
    yield tab
    context_.close()


def _open(tab, path: str, date_field: str) -> None:
    """Open a step form and check that its date shows today's value (a Chinese "2026/12/05"
    was discarded by the browser, leaving the field empty)."""
    tab.goto(tab.base + path)
    expect(tab.locator(f"#id_{date_field}")).to_have_value(timezone.localdate().isoformat())


def _send(tab) -> None:
    tab.locator("main form[method=post] button[type=submit]").click()
    tab.wait_for_load_state()


def test_a_clerk_sends_the_step_forms_of_each_procedure(clerk, records, shot):
    # Bargaining: the employer's reply to the offer.
    _open(clerk, f"/admin/bargaining_rounds/step/{records['round']}/reply/", "reply_date")
    clerk.locator("#id_accepted").select_option("1")
    _send(clerk)
    expect(clerk.locator("main")).to_contain_text("协商中")

    # Contracts: filing, which gives the contract its filing number.
    _open(clerk, f"/admin/contracts/step/{records['contract']}/file/", "filed_on")
    _send(clerk)
    expect(clerk.locator("main")).to_contain_text("工集备")

    # Supervision: a second reminder letter in the open case.
    _open(clerk, f"/admin/supervision_cases/issue/{records['case']}/reminder/", "issued_on")
    clerk.locator("#id_facts").fill("经复查，企业仍未开展集体协商。")
    clerk.locator("#id_legal_basis").fill("《集体合同规定》第三十二条")
    _send(clerk)
    clerk.wait_for_url("**/admin/letters/inspect/**")
    expect(clerk.locator("main")).to_contain_text("经复查，企业仍未开展集体协商。")
    shot(clerk, "step-forms-letter")
