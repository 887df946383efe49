"""A live server that knows tenants, two committed federations, and headless Chromium.

pytest-django's live_server needs transactional tests, whose flush would empty the session's
federations; instead this module provisions two federations of its own (committed, dropped at the
end) and serves the real WSGI application on a free port. Chromium maps every *.test host to that
server, so the host picks the federation exactly as in production.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
SCHEMAS = ("fed_pa", "fed_pb")
# The form modules' two views: Chinese on a desktop, English on a phone (widths in px).
VIEWS = {"zh-hans": 1280, "en": 390}
# Every browser module's marks: `pytestmark = [*BROWSER, ...]`. Skipped without Debian's chromium,
# unless REQUIRE_BROWSER (CI) makes the `chromium` fixture fail instead.
BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("REQUIRE_BROWSER"),
        reason="Debian's chromium is not installed (apt-get install -y chromium fonts-noto-cjk)",
    ),
]


@pytest.fixture(scope="module")
def live_tenant_server(django_db_setup, django_db_blocker):
    from django.core.servers.basehttp import (
        ThreadedWSGIServer,
        WSGIRequestHandler,
        get_internal_wsgi_application,
    )

    class QuietHandler(WSGIRequestHandler):
        # One request per connection: the thread ends, and closes its database connection, as
        # soon as the answer is sent (a kept-alive browser socket would hold it open).
        protocol_version = "HTTP/1.0"

        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(get_internal_wsgi_application())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    # The server's threads read the committed federations; pytest-django's guard is global.
    with django_db_blocker.unblock():
        thread.start()
        yield server.server_address[1]
        server.shutdown()
        server.server_close()
        # A request thread still finishing when the server stopped may hold a connection, which
        # would keep pytest-django from dropping the test database.
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="module")
def browser_sites(django_db_setup, django_db_blocker):
    """Two federations with committed public content; removed (schemas dropped) afterwards."""
    from tenants import context
    from tenants.services import FederationSpec, federation_create
    from tests.browser.content import seed
    from tests.committed import federations_drop, fresh_connection

    specs = (
        FederationSpec(
            schema_name="fed_pa",
            name="浏览器甲市总工会",
            name_en="Browser City Federation of Trade Unions",
            short_name="浏",
            level="city",
            region_code="230800",
            domain="pa.test",
        ),
        FederationSpec(
            schema_name="fed_pb",
            name="浏览器乙区总工会",
            name_en="Browser District Federation of Trade Unions",
            short_name="览",
            level="county",
            region_code="230803",
            domain="pb.test",
            parent_schema="fed_pa",
        ),
    )
    with django_db_blocker.unblock():
        fresh_connection()
        with context.public():
            for spec in specs:
                federation_create(spec=spec)
        content = {spec.schema_name: seed(spec.schema_name) for spec in specs}
    yield content
    with django_db_blocker.unblock():
        federations_drop(SCHEMAS)


@pytest.fixture(scope="module")
def chromium():
    import os

    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install -y chromium fonts-noto-cjk)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{message}; REQUIRE_BROWSER is set (as in .ci/run)")
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django refuses database calls
    # there unless told the loop never runs them (it does not: the server has its own threads).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--host-resolver-rules=MAP *.test 127.0.0.1"],
        )
        yield browser
        # While Playwright's loop runs in this thread, asgiref keeps Django's connections in a
        # context variable, not in the thread's storage: a test body's query opens a second
        # connection that outlives the module. The next server teardown terminates it (other
        # backends), and the next module's test body would find it dead ("the connection is
        # lost", seen when test_editor ran before test_targets). Close it with the loop.
        from django.db import connections

        connections.close_all()
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def shot():
    """Save a full-page screenshot under test-artifacts/ (gitignored) and return its path, after
    the page passes its audit (tests/browser/audit.py: axe-core, no English left in Chinese)."""
    from tests.browser.audit import page_audit

    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name: str, *, audit: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if audit:
            page_audit(page, name, ARTIFACTS / "axe-report.jsonl")
        return path

    return save


def administrator(email: str, **names):
    """A federation administrator (superuser) with a confirmed authenticator, in the current
    schema; returns the device `sign_in` computes codes from. Call before Chromium starts."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import PASSWORD

    user = get_user_model().objects.create_superuser(
        username=email, email=email, password=PASSWORD, **names
    )
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def sign_in(tab, *, username: str, password: str, device) -> None:
    """Sign in to the admin through its real forms: the password, then the six-digit code,
    computed from the device's key in hand (no database call while Playwright's loop runs)."""
    from django_otp.oath import totp

    tab.goto(tab.base + "/admin/login/")
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(password)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url("**/admin/second-factor/verify/**")
    tab.locator("#id_code").fill(f"{totp(device.bin_key, step=device.step):06d}")
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(lambda url: "/second-factor/" not in url)


def whole_page(shot, tab, name: str) -> None:
    """Shoot an admin page whole: the admin scrolls inside its main area, which a full-page
    screenshot does not follow, so the window is made as tall as the page for the picture."""
    width = tab.viewport_size["width"]
    height = tab.evaluate("document.querySelector('main').scrollHeight")
    tab.set_viewport_size({"width": width, "height": min(max(height + 100, 900), 6000)})
    shot(tab, name)
    tab.set_viewport_size({"width": width, "height": 900})


def send(tab) -> None:
    """Press the page's form's submit button and wait for the answer."""
    tab.locator("main form[method=post] button[type=submit]").first.click()
    tab.wait_for_load_state()


@pytest.fixture(scope="module")
def sessions(accounts, live_tenant_server, chromium):
    """One sign-in per language for the module (a six-digit code is accepted once per 30-second
    step). `accounts`, the module's own fixture, maps each language to (e-mail, authenticator)."""
    from tests.conftest import PASSWORD

    states = {}
    for language, (email, device) in accounts.items():
        context_ = chromium.new_context()
        tab = context_.new_page()
        tab.base = f"http://pa.test:{live_tenant_server}"
        sign_in(tab, username=email, password=PASSWORD, device=device)
        states[language] = context_.storage_state()
        context_.close()
    return states


def signed_in_tab(chromium, live_tenant_server, sessions, language: str):
    """A new tab of the module's person, signed in (`sessions`), speaking `language` at its width
    in VIEWS; `tab.context.close()` when done."""
    context_ = chromium.new_context(
        viewport={"width": VIEWS[language], "height": 900},
        storage_state=sessions[language],
        locale="zh-CN" if language == "zh-hans" else "en-GB",  # the browser's own words
    )
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    tab.language = language
    return tab


@pytest.fixture
def staff(request, live_tenant_server, chromium, sessions):
    """The module's signed-in person in a new tab: Chinese at 1280 px, or another language of
    VIEWS as an indirect parameter (`@pytest.mark.parametrize("staff", ["en"], indirect=True)`)."""
    tab = signed_in_tab(
        chromium, live_tenant_server, sessions, getattr(request, "param", "zh-hans")
    )
    yield tab
    tab.context.close()
