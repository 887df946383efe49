import mimetypes
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.views import defaults

from portal.database import database_unavailable

# Served as downloads, never rendered: they could carry script (shared/PITFALLS.md).
_ACTIVE_TYPES = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml"}


# Wagtail's image renditions are the public site's pictures; every other upload (ledger
# documents, contract attachments, evidence) is back-office material.
PUBLIC_MEDIA_PREFIXES = ("original_images/", "images/")


def serve_media(request, schema: str, path: str):
    """Serve an upload of the federation this host belongs to, and no other federation's.

    Public images to anyone; anything else only to this federation's signed-in staff. Refusals
    are 404s, so the existence of a private file is not revealed.
    """
    if schema != connection.schema_name:
        raise Http404
    if not path.startswith(PUBLIC_MEDIA_PREFIXES) and not (
        request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin")
    ):
        raise Http404
    root = (Path(settings.MEDIA_ROOT) / schema).resolve()
    target = (root / path).resolve()
    if root not in target.parents or not target.is_file():
        raise Http404
    content_type, _encoding = mimetypes.guess_type(target.name)
    as_attachment = content_type in _ACTIVE_TYPES or content_type is None
    response = FileResponse(target.open("rb"), as_attachment=as_attachment)
    response["X-Content-Type-Options"] = "nosniff"
    public = path.startswith(PUBLIC_MEDIA_PREFIXES)
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response


def healthz(request):
    """Liveness and database reachability, for container health checks and load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return _unavailable("database unavailable")
    return HttpResponse("ok", content_type="text/plain")


# Shown while the database is unreachable. Both languages: the visitor's choice is not known yet
# (the federation and the language cookie are resolved after the database answers).
DATABASE_UNAVAILABLE = (
    "服务暂时不可用：数据库正在恢复，请稍后刷新页面。\n"
    "The service is temporarily unavailable while its database recovers. "
    "Please reload the page in a moment.\n"
)
RETRY_AFTER_SECONDS = 5


def server_error(request):
    """handler500: a 503 with Retry-After when the database is unreachable, else Django's 500.

    Django turns an exception raised anywhere in the middleware or the view into a response
    through this handler, FederationMiddleware's domain lookup included, so one place covers
    every request. Nothing here touches the database or renders a template that might."""
    if database_unavailable(sys.exc_info()[1]):
        return _unavailable(DATABASE_UNAVAILABLE)
    return defaults.server_error(request)


def _unavailable(text: str) -> HttpResponse:
    """503 with Retry-After, never stored by a cache."""
    response = HttpResponse(text, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
