"""The back office needs both factors (issue 7 item 1).

After the password a session is signed in but not verified. Such a session:
- on any back-office URL (everything under /admin/: Wagtail's admin, its API, its password
  pages, the platform console) is redirected to the second-factor step: enrolment when the user
  has no authenticator yet, otherwise the code;
- everywhere else counts as signed out (`request.user` is anonymous), so no page outside the
  admin that trusts a signed-in user (private media, documents, the preview of a page) can be
  reached with the password alone.
Only the two steps themselves, sign-out and the icons and scripts of their pages are open to it.

Installed after django_otp's OTPMiddleware, which says whether the session's device is still the
user's and still confirmed (a reset second factor unverifies every session at once).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.urls import reverse

from accounts import second_factor

BACK_OFFICE_PREFIX = "/admin/"


def _open_paths() -> frozenset[str]:
    return frozenset(
        {
            reverse("accounts_verify"),
            reverse("accounts_enrol"),
            "/admin/logout/",
            # Wagtail's icons and translated scripts, which the two steps' pages load.
            "/admin/sprite/",
            "/admin/jsi18n/",
        }
    )


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in: do not touch the session (public pages
        # stay cacheable and send no Vary for it).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated or second_factor.is_verified(user):
            return self.get_response(request)
        path = request.path
        if path.startswith(BACK_OFFICE_PREFIX):
            if path in _open_paths():
                return self.get_response(request)
            step = "accounts_verify" if second_factor.confirmed_device(user) else "accounts_enrol"
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(step)}?{query}")
        anonymous = AnonymousUser()
        request.user = anonymous

        async def auser():
            return anonymous

        request.auser = auser
        return self.get_response(request)
