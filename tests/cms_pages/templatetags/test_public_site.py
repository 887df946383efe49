"""The public site's chrome (public_site tag): the menu ends with the award notices, a Django view
of compliance, marked current on its pages, where the contract notices' entry is not."""

from django.test import RequestFactory
from django.utils import translation

from cms_pages.templatetags.public_site import public_site
from tests.cms_pages import pages

AWARDS = '<a href="/notices/awards/">评选公示</a>'
AWARDS_CURRENT = '<a href="/notices/awards/" aria-current="page">评选公示</a>'


def test_the_menu_links_the_award_notices_after_the_pages(client_a, fed_a):
    html = pages.html(client_a.get("/notices/"))
    menu = html[html.index('<nav class="menu"') : html.index("</nav>", html.index('class="menu"'))]
    assert menu.index('href="/downloads/"') < menu.index(AWARDS)
    assert '<a href="/notices/" aria-current="page">' in menu
    assert AWARDS_CURRENT not in html
    client_a.get("/language/en/", {"next": "/"})
    assert '<a href="/notices/awards/">Award notices</a>' in pages.html(client_a.get("/notices/"))


def test_the_award_notices_entry_is_current_on_their_pages(in_a):
    for path in ("/notices/awards/", "/notices/awards/7/"):
        request = RequestFactory(HTTP_HOST="a.test").get(path)
        with translation.override("zh-hans"):
            menu = public_site({"request": request})["menu"]
        assert menu[-1] == ("评选公示", "/notices/awards/", True)
        # /notices/ is a prefix of the path, but the visitor is not among the contract notices.
        assert [url for _title, url, current in menu if current] == ["/notices/awards/"]
