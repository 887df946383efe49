"""A missing address answers with the portal's own page, in the reader's language, naming the
federation: never Django's debug page listing every URL pattern (the demo runs with DEBUG off)."""

from __future__ import annotations


def test_a_missing_page_is_the_portals_own(client_a, fed_a):
    answer = client_a.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = answer.content.decode()
    assert answer.status_code == 404
    assert "页面不存在" in html and "甲市总工会" in html and 'href="/"' in html
    assert "URLconf" not in html and "urlpatterns" not in html


def test_a_missing_page_never_repeats_the_address_asked_for(client_a):
    """Regression: the large-text switch (issue 19) carried the asked address in its return link,
    so a 404 for another federation's document repeated that document's name (the isolation
    suite found it). Both switches on a 404 return home."""
    answer = client_a.get("/documents/424242/Secret-Name.txt", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = answer.content.decode()
    assert answer.status_code == 404
    assert "secret-name" not in html.lower()
    assert "/display/large/?next=/" in html
