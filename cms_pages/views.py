from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme

from cms_pages import accessibility


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


def accessibility_statement(request):
    """The accessibility statement (GB/T 37668-2019, requirement by requirement, and the
    large-text display for older readers): fixed text, the same on every federation's site."""
    requirements = accessibility.requirements()
    return TemplateResponse(
        request,
        "cms_pages/accessibility_statement.html",
        {
            "principles": accessibility.PRINCIPLES,
            "total": len(requirements),
            "automated": sum(1 for req in requirements if req.automated),
            "manual": sum(1 for req in requirements if req.manual),
            "last_manual_check": accessibility.LAST_MANUAL_CHECK,
            "canonical_url": request.build_absolute_uri(request.path),
        },
    )
