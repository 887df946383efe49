"""The large-type, high-contrast display for older readers (适老化, 长辈模式), chosen like the
language: a plain link sets a cookie, every public page reads it and adds a class to <body>.

No JavaScript and no form: the switch is a GET link to `display_switch`, which sets the cookie
and returns to the page the visitor came from. The page cache keeps each display apart
(cms_pages.middleware), and `Vary: Cookie` keeps shared proxies from mixing them.
"""

from __future__ import annotations

from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

COOKIE = "portal_display"
STANDARD = "standard"
LARGE = "large"
MODES = (STANDARD, LARGE)
BODY_CLASS = "large-type"


def display_mode(request) -> str:
    """The visitor's display: `large` when the cookie says so, else `standard`."""
    return LARGE if request.COOKIES.get(COOKIE) == LARGE else STANDARD


def display(request) -> dict:
    """Context processor: whether the large display is on, and the class the <body> takes."""
    large = display_mode(request) == LARGE
    return {"large_type": large, "display_body_class": BODY_CLASS if large else ""}


def display_switch(request, mode: str):
    """Turn the large display on or off with a plain link, then return to the page."""
    if mode not in MODES:
        raise Http404
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if mode == LARGE:
        response.set_cookie(
            COOKIE,
            LARGE,
            max_age=365 * 24 * 60 * 60,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    response["Cache-Control"] = "no-store"
    return response
