from django.conf import settings


def test_chinese_is_the_default_whatever_the_browser_asks(platform_client):
    body = platform_client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "入驻平台的总工会" in body
    assert 'lang="zh-Hans"' in body


def test_english_after_switching(platform_client):
    response = platform_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    body = platform_client.get("/").content.decode()
    assert "Federations on this platform" in body
    assert 'lang="en"' in body


def test_federation_site_switches_too(client_a):
    """The interface switches; page content stays as the editors wrote it."""
    client_a.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client_a.get("/").content.decode()
    assert "Skip to content" in body and 'lang="en"' in body
    client_a.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    body = client_a.get("/").content.decode()
    assert "跳到正文" in body and 'lang="zh-Hans"' in body


def test_admin_login_page_is_chinese_by_default(client_a):
    body = client_a.get("/admin/login/").content.decode()
    assert "登录甲市总工会" in body  # branded with the federation, not "Sign in to Wagtail"
    assert "<title>" in body and "甲市总工会</title>" in body
