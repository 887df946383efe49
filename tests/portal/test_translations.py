"""Regression: the project's catalogue takes precedence over every installed app's, so a msgid it
shares with Wagtail or Django must keep their translation (our "Private" for ownership, 私营, once
renamed Wagtail's page-privacy "Private"). Domain words that mean something else use a context."""

from pathlib import Path

import django
import polib
import wagtail
from django.conf import settings


def _catalogues(root: Path) -> list[Path]:
    return sorted(root.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))


def test_our_catalogue_never_changes_a_library_translation():
    theirs: dict[str, set[str]] = {}
    for root in (Path(django.__file__).parent, Path(wagtail.__file__).parent):
        for path in _catalogues(root):
            for entry in polib.pofile(str(path)):
                if entry.msgstr and not entry.msgctxt and not entry.msgid_plural:
                    theirs.setdefault(entry.msgid, set()).add(entry.msgstr)
    assert theirs, "no library catalogue found to compare with"
    ours = polib.pofile(str(settings.BASE_DIR / "locale/zh_Hans/LC_MESSAGES/django.po"))
    clashes = [
        f"{e.msgid!r}: ours {e.msgstr!r}, theirs {sorted(theirs[e.msgid])}"
        for e in ours
        if not e.msgctxt
        and not e.msgid_plural
        and e.msgid in theirs
        and e.msgstr not in theirs[e.msgid]
    ]
    assert clashes == []


def test_wagtail_page_privacy_still_reads_private_in_chinese(db):
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("zh-hans"):
        assert gettext("Private") != "私营"
        assert gettext("Draft") != "草案"
