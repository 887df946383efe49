from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def language_switch(request, code: str):
    """Switch the interface language with a plain link (no form, so public pages hold no CSRF
    token and can be cached), then return to the page the visitor came from."""
    if code not in {language for language, _name in settings.LANGUAGES}:
        raise Http404
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 60 * 60,
        samesite="Lax",
        secure=request.is_secure(),
    )
    response["Cache-Control"] = "no-store"
    return response
