"""Tenant isolation, each test with two federations (A and B)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from wagtail.models import Page

from cms_pages.models import HomePage
from tenants import context
from tests.conftest import PASSWORD, SPEC_A, SPEC_B
from tests.signin import force_sign_in, pass_second_factor, sign_in

pytestmark = pytest.mark.integration


def _login(client, username):
    return client.post("/admin/login/", {"username": username, "password": PASSWORD}, follow=False)


def test_user_of_a_signs_in_to_a(client_a):
    response = _login(client_a, SPEC_A.admin_email)
    assert response.status_code == 302
    # The password alone leads to the second factor, which then opens the admin.
    assert client_a.get("/admin/")["Location"].startswith("/admin/second-factor/enrol/")
    pass_second_factor(client_a)
    assert client_a.get("/admin/").status_code == 200


def test_user_of_a_cannot_sign_in_to_b(client_b):
    response = _login(client_b, SPEC_A.admin_email)
    assert response.status_code == 200  # the form again, with an error
    assert client_b.get("/admin/").status_code == 302  # still sent to the login page


def test_session_of_a_is_worthless_on_b(client_a, client_b):
    _login(client_a, SPEC_A.admin_email)
    session_id = client_a.cookies[settings.SESSION_COOKIE_NAME].value
    client_b.cookies[settings.SESSION_COOKIE_NAME] = session_id
    response = client_b.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_session_cookie_is_host_only(client_a):
    _login(client_a, SPEC_A.admin_email)
    assert not client_a.cookies[settings.SESSION_COOKIE_NAME]["domain"]


def test_users_live_in_their_own_schema(fed_a, fed_b):
    with context.federation_context(fed_a):
        users_a = set(get_user_model().objects.values_list("username", flat=True))
    with context.federation_context(fed_b):
        users_b = set(get_user_model().objects.values_list("username", flat=True))
    assert users_a == {SPEC_A.admin_email}
    assert users_b == {SPEC_B.admin_email}


def test_pages_of_a_are_not_served_on_b(fed_a, client_a, client_b):
    with context.federation_context(fed_a):
        home = HomePage.objects.get()
        home.add_child(instance=Page(title="甲市专属页面", slug="only-in-a"))
    assert client_a.get("/only-in-a/").status_code == 200
    assert client_b.get("/only-in-a/").status_code == 404
    assert "甲市专属页面" not in client_b.get("/").content.decode()


def test_each_host_serves_its_own_home_page(client_a, client_b):
    assert SPEC_A.name in client_a.get("/").content.decode()
    body_b = client_b.get("/").content.decode()
    assert SPEC_B.name in body_b
    assert SPEC_A.name not in body_b


def test_unknown_host_is_not_found(db):
    from django.test import Client

    assert Client(HTTP_HOST="nobody.test").get("/").status_code == 404


def test_cache_keys_carry_the_schema(fed_a, fed_b):
    """Regression: with Redis as the cache the store outlives a test run, so the key is unique
    to this run (a fixed key found the previous run's value)."""
    import uuid

    key = f"site-root-paths-{uuid.uuid4().hex}"
    try:
        with context.federation_context(fed_a):
            cache.set(key, "A")
        with context.federation_context(fed_b):
            assert cache.get(key) is None
            cache.set(key, "B")
        with context.federation_context(fed_a):
            assert cache.get(key) == "A"
            assert cache.make_key("x").startswith(f"{fed_a.schema_name}:")
    finally:
        for federation in (fed_a, fed_b):
            with context.federation_context(federation):
                cache.delete(key)


def test_uploads_land_in_the_federations_own_media_folder(fed_a, fed_b, client_a, client_b):
    with context.federation_context(fed_a):
        name = default_storage.save("evidence/letter.txt", ContentFile(b"A's evidence"))
        path = Path(default_storage.path(name))
        url = default_storage.url(name)
    try:
        assert path.is_relative_to(Path(settings.MEDIA_ROOT) / fed_a.schema_name)
        assert url.startswith(f"/media/{fed_a.schema_name}/")
        assert client_a.get(url).status_code == 404  # private: not for anonymous visitors
        _login(client_a, SPEC_A.admin_email)
        assert client_a.get(url).status_code == 404  # the password alone is not signed in
        pass_second_factor(client_a)
        response = client_a.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        sign_in(client_b, SPEC_B.admin_email)
        assert client_b.get(url).status_code == 404  # A's file, asked for on B's host
        with context.federation_context(fed_b):
            assert not default_storage.exists(name)
    finally:
        path.unlink(missing_ok=True)


def test_media_view_refuses_path_traversal(fed_a, client_a):
    url = f"/media/{fed_a.schema_name}/../{SPEC_B.schema_name}/x.txt"
    assert client_a.get(url).status_code == 404


def test_public_images_need_no_sign_in(fed_a, client_a):
    with context.federation_context(fed_a):
        name = default_storage.save("original_images/photo.png", ContentFile(b"\x89PNG\r\n"))
        url = default_storage.url(name)
        path = Path(default_storage.path(name))
    try:
        response = client_a.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public")
    finally:
        path.unlink(missing_ok=True)


def test_uploaded_html_is_downloaded_not_rendered(fed_a, client_a):
    sign_in(client_a, SPEC_A.admin_email)
    with context.federation_context(fed_a):
        name = default_storage.save("evil.html", ContentFile(b"<script>alert(1)</script>"))
        url = default_storage.url(name)
        path = Path(default_storage.path(name))
    try:
        response = client_a.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
    finally:
        path.unlink(missing_ok=True)


def test_template_schema_holds_no_users(db):
    with context.schema(settings.TENANT_BASE_SCHEMA):
        assert connection.schema_name == settings.TENANT_BASE_SCHEMA
        assert get_user_model().objects.count() == 0


def test_platform_host_serves_the_public_schema(platform_client):
    response = platform_client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert SPEC_A.name in body and SPEC_B.name in body
    assert "http://a.test/admin/" in body


def test_the_operator_admin_offers_only_platform_models(platform_client):
    """Regression: Wagtail's documents and images and taggit's tags registered themselves with
    the platform's Django admin, where their tables do not exist: each of their pages was a 500
    (found by tests/security/test_isolation_routes.py)."""
    with context.public():
        operator = get_user_model().objects.create_superuser(
            username="operator@platform.test", email="operator@platform.test", password=PASSWORD
        )
        force_sign_in(platform_client, operator)
    home = platform_client.get("/admin/")
    assert home.status_code == 200
    body = home.content.decode()
    assert "/admin/tenants/federation/" in body
    for app in ("wagtaildocs", "wagtailimages", "taggit"):
        assert f"/admin/{app}/" not in body
    assert platform_client.get("/admin/wagtaildocs/document/").status_code == 404
