"""The open data's JSON error body, the same for every answer that is not a 200:

    {"error": "<code>", "message": "<what to fix, in the reader's language>", "errors": {…}}

`errors` (parameter name -> messages) only for invalid parameters. DRF's own exceptions (method
not allowed, throttled, unsupported media …) are answered in the same shape by
`exception_handler`, which every open-data view uses instead of DRF's default.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

NO_STORE = "no-store"


class OpenDataError(exceptions.APIException):
    """An answer in the error shape; `cache_control` is what the answer may be cached as."""

    error = "error"
    cache_control = NO_STORE

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None):
        super().__init__(detail=message, code=self.error)
        self.message = message
        self.errors = errors


class InvalidParameters(OpenDataError):
    status_code = status.HTTP_400_BAD_REQUEST
    error = "invalid_parameters"

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(_("Some parameters are not valid; see errors."), errors=errors)


class NoticeNotFound(OpenDataError):
    status_code = status.HTTP_404_NOT_FOUND
    error = "not_found"


class NoticeWithdrawn(OpenDataError):
    """A withdrawn notice stays withdrawn: its 410 may be cached like a 200."""

    status_code = status.HTTP_410_GONE
    error = "withdrawn"
    cache_control = "public, max-age=60"


class RateLimited(OpenDataError):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    error = "rate_limited"

    def __init__(self, message: str, *, wait: int):
        super().__init__(message)
        self.wait = wait


# DRF's exceptions, by class, as (error code, message) in the open data's words.
def _drf_error(exc: exceptions.APIException) -> tuple[str, str]:
    if isinstance(exc, exceptions.MethodNotAllowed):
        return "method_not_allowed", _("The open data is read-only: use GET or HEAD.")
    if isinstance(exc, exceptions.NotFound):
        return "not_found", _("Nothing is published at this address.")
    return str(exc.default_code), str(exc.detail)


def exception_handler(exc, context) -> Response | None:
    """DRF's exception handler for the open data: every error in the one JSON shape; anything
    else (a bug) is left to Django, which logs it and answers 500."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if not isinstance(exc, exceptions.APIException):
        return None
    headers: dict[str, str] = {}
    if isinstance(exc, OpenDataError):
        body = {"error": exc.error, "message": exc.message}
        if exc.errors is not None:
            body["errors"] = exc.errors
        headers["Cache-Control"] = exc.cache_control
        if isinstance(exc, RateLimited):
            headers["Retry-After"] = str(exc.wait)
    else:
        code, message = _drf_error(exc)
        body = {"error": code, "message": message}
        headers["Cache-Control"] = NO_STORE
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
    return Response(body, status=exc.status_code, headers=headers)
