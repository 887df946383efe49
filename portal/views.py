import mimetypes
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.http import FileResponse, Http404

# Served as downloads, never rendered: they could carry script (shared/PITFALLS.md).
_ACTIVE_TYPES = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml"}


def serve_media(request, schema: str, path: str):
    """Serve an upload of the federation this host belongs to, and no other federation's."""
    if schema != connection.schema_name:
        raise Http404
    root = (Path(settings.MEDIA_ROOT) / schema).resolve()
    target = (root / path).resolve()
    if root not in target.parents or not target.is_file():
        raise Http404
    content_type, _encoding = mimetypes.guess_type(target.name)
    as_attachment = content_type in _ACTIVE_TYPES or content_type is None
    response = FileResponse(target.open("rb"), as_attachment=as_attachment)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
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
