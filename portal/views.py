import mimetypes
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import FileResponse, Http404

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
    from django.http import HttpResponse

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
