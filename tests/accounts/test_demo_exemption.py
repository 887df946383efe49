"""The demo accounts' exemption from the second factor exists only under the demo settings."""

import os
import re
import subprocess
import sys

from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings

from accounts.checks import second_factor_exemption_check
from portal.demo.enterprise_side import EMPLOYER_CONTACT, INSTRUCTOR, REVIEWER, UNION_OFFICER
from portal.demo.federations import COMMITTEE, FEDERATIONS, OPERATOR, SUPERVISORS
from tests.accounts.conftest import login
from tests.conftest import SPEC_A

ENTERPRISE_SIDE = (UNION_OFFICER, EMPLOYER_CONTACT, INSTRUCTOR, REVIEWER)

DEMO = "portal.settings.demo"


def test_exempt_account_skips_the_second_factor_only_under_the_demo_settings(client_a):
    with override_settings(SECOND_FACTOR_EXEMPT=[SPEC_A.admin_email.upper()], SETTINGS_MODULE=DEMO):
        login(client_a, SPEC_A.admin_email)
        assert client_a.get("/admin/").status_code == 200
    # The same names under any other settings (DEBUG on or off) count for nothing.
    for debug in (True, False):
        with override_settings(SECOND_FACTOR_EXEMPT=[SPEC_A.admin_email], DEBUG=debug):
            assert client_a.get("/admin/")["Location"].startswith("/admin/second-factor/enrol/")


def test_the_check_refuses_the_exemption_outside_the_demo_settings():
    with override_settings(SECOND_FACTOR_EXEMPT=["x@y.test"], DEBUG=True):
        errors = second_factor_exemption_check(None)
        assert [e.id for e in errors] == ["accounts.E001"]
        assert "accounts.E001" in [e.id for e in run_checks()]
    local = ["localhost", ".localhost", "127.0.0.1"]
    with override_settings(
        SECOND_FACTOR_EXEMPT=["x@y.test"], SETTINGS_MODULE=DEMO, ALLOWED_HOSTS=local
    ):
        assert second_factor_exemption_check(None) == []
        # A demo reachable under a real host name is refused too.
        with override_settings(ALLOWED_HOSTS=["localhost", "portal.example.cn"]):
            assert [e.id for e in second_factor_exemption_check(None)] == ["accounts.E001"]
    assert second_factor_exemption_check(None) == []


def test_only_the_demo_settings_set_an_exemption():
    folder = settings.BASE_DIR / "portal" / "settings"
    setting = re.compile(r"^SECOND_FACTOR_EXEMPT\b[^=]*=\s*(.*)$", re.MULTILINE)
    assigned = {
        path.name: setting.findall(path.read_text()) for path in sorted(folder.glob("*.py"))
    }
    assert assigned.pop("demo.py") == ["["]
    assert assigned.pop("base.py") == ["[]"]
    assert not any(assigned.values()), assigned
    assert settings.SECOND_FACTOR_EXEMPT == []


def _run(module: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": module, "PYTHONPATH": str(settings.BASE_DIR)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_demo_settings_exempt_exactly_the_demo_sign_ins_and_pass_the_checks(tmp_path):
    printed = {
        OPERATOR[0],
        *(e for e, _ in SUPERVISORS.values()),
        *(e for e, _ in COMMITTEE.values()),
        *(e for e, _ in ENTERPRISE_SIDE),
    }
    printed |= {spec.admin_email for spec in FEDERATIONS}
    demo = _run(
        "portal.settings.demo",
        "-c",
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.management import call_command; call_command('check'); "
        "print(sorted(settings.SECOND_FACTOR_EXEMPT), settings.DEBUG)",
    )
    assert demo.returncode == 0, demo.stderr
    # The demo runs with DEBUG off, as production does: no URL list on a 404, no tracebacks.
    assert demo.stdout.strip().endswith(f"{sorted(printed)} False")
    # The same exemption copied into another settings module does not start.
    (tmp_path / "demo_copy.py").write_text("from portal.settings.demo import *\n")
    off = _run(
        "demo_copy",
        "-c",
        f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import django; django.setup(); "
        "from django.core.management import call_command; call_command('check')",
    )
    assert off.returncode != 0
    assert "accounts.E001" in off.stderr


def test_manage_py_demo_uses_the_demo_settings():
    probe = (
        "import os, sys; sys.argv = ['manage.py', 'demo']; "
        "import django.core.management as management; "
        "management.execute_from_command_line = "
        "lambda argv: print(os.environ['DJANGO_SETTINGS_MODULE']); "
        "import manage; manage.main()"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "portal.settings.demo", result.stderr
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "DJANGO_SETTINGS_MODULE=portal.settings.demo $(BIN)/python manage.py demo" in makefile
