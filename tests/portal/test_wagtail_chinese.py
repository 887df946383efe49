"""Wagtail's admin in Chinese: portal/wagtail_locale supplies the strings Wagtail's own zh_Hans
catalogue lacks. Each of its msgids must still be one of Wagtail's (an upgrade that rewords one
fails here), and the pages a clerk opens first show them in Chinese."""

from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings

from tests.conftest import SPEC_A
from tests.signin import sign_in

SUPPLEMENT = Path(settings.BASE_DIR) / "portal/wagtail_locale/zh_Hans/LC_MESSAGES/django.po"


def _wagtail_msgids() -> set[tuple[str, str]]:
    found = set()
    for path in Path(wagtail.__file__).parent.rglob("locale/en/LC_MESSAGES/django.po"):
        found.update((entry.msgid, entry.msgid_plural) for entry in polib.pofile(str(path)))
    return found


def test_every_supplied_string_is_still_one_of_wagtails():
    supplied = [e for e in polib.pofile(str(SUPPLEMENT)) if not e.obsolete]
    assert supplied and all(e.translated() for e in supplied)
    stale = [e.msgid for e in supplied if (e.msgid, e.msgid_plural) not in _wagtail_msgids()]
    assert not stale, f"no longer in Wagtail; remove or update them: {stale}"


@pytest.mark.parametrize(
    "url, chinese, english",
    [
        ("/admin/", ["个页面", "搜索全部页面…"], ["Pages <span", "Search all pages", "Documents"]),
        (
            "/admin/pages/",
            ["页面类型", "更新日期", "根级用于添加新站点"],
            ["Date updated", "Edited by", "The root level"],
        ),
        ("/admin/images/", ["网格布局", "列表布局"], ["Grid layout", "Oldest"]),
    ],
)
def test_first_pages_of_the_admin_are_chinese(client_a, fed_a, url, chinese, english):
    sign_in(client_a, SPEC_A.admin_email)
    page = client_a.get(url).content.decode()  # the admin defaults to Chinese
    missing = [text for text in chinese if text not in page]
    left = [text for text in english if text in page]
    assert not missing and not left, (missing, left)


def test_no_upgrade_banner_for_clerks(client_a, fed_a):
    sign_in(client_a, SPEC_A.admin_email)
    assert "Wagtail upgrade available" not in client_a.get("/admin/").content.decode()
