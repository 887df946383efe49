"""The back office carries the federation's name and mark, not Wagtail's: no bird in the sidebar,
no link to Wagtail's release notes or English editor guide, the federation's name as the welcome
and in the window title (its English name in English)."""

from __future__ import annotations

import re

from tests.conftest import SPEC_A
from tests.signin import sign_in


def test_the_dashboard_speaks_for_the_federation(client_a, fed_a):
    sign_in(client_a, SPEC_A.admin_email)
    html = client_a.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'class="portal-mark"' in html
    assert f">{SPEC_A.short_name[:1]}</text>" in html
    assert re.search(rf'<h1 class="w-h1 w-mt-0">\s*{SPEC_A.name}\s*</h1>', html)
    assert f"- {SPEC_A.name}</title>" in html
    assert "editor-guide" not in html and "whats-new-in-wagtail" not in html
    assert "Editor Guide" not in html and "编辑指南" not in html
