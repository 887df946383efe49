"""Open data of a federation's contract notices as JSON, on Django REST framework.

Both views filter through `query.filtered` (the list page's filters over `notices_public()`), so
a withdrawn notice leaves the list at once; bad parameters get a 400 naming each parameter and
what to fix. What they share (read-only, JSON only, errors, rate limit, caching) is api.py; the
description is generated from them (schema.py).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.response import Response

from cms_pages.opendata import schema
from cms_pages.opendata.api import OpenDataMixin
from cms_pages.opendata.errors import InvalidParameters, NoticeNotFound, NoticeWithdrawn
from cms_pages.opendata.pagination import KeysetPagination
from cms_pages.opendata.query import API_PARAMS, NOTICE_LIST_DEFER, Links, filtered
from cms_pages.opendata.serializers import NoticeDetailSerializer, NoticeSummarySerializer
from cms_pages.selectors import notice_by_public_id, notice_successors

__all__ = ["API_PARAMS", "NoticeDetail", "NoticeList"]


@extend_schema_view(
    get=extend_schema(
        operation_id="listNotices",
        summary="Listed notices, filtered, by cursor",
        description=(
            "The federation's listed notices, newest first unless sort says otherwise; with "
            "updated_since, a change feed ordered by the time of the change. Pages follow "
            "next_cursor: they never skip or repeat a notice."
        ),
        tags=[schema.TAG],
        parameters=[
            *schema.filter_parameters(),
            schema.UPDATED_SINCE,
            *schema.rate_headers([200, 400]),
        ],
        responses={
            200: OpenApiResponse(
                NoticeSummarySerializer(many=True), description="A page of notices."
            ),
            400: schema.INVALID,
            429: schema.LIMITED,
        },
    )
)
class NoticeList(OpenDataMixin, ListAPIView):
    """GET /api/v1/notices/: listed notices, filtered, by cursor."""

    serializer_class = NoticeSummarySerializer
    pagination_class = KeysetPagination
    order = "newest"
    limit = 0

    def get_queryset(self):
        queryset, self.order, extra = filtered(self.request.query_params, allowed=API_PARAMS)
        self.limit = extra["limit"]
        return queryset.select_related("predecessor").defer(*NOTICE_LIST_DEFER)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "links": Links(self.request)}


@extend_schema_view(
    get=extend_schema(
        operation_id="getNotice",
        summary="One notice with its clauses",
        description=(
            "Clauses are redacted when the notice is published; clauses kept as business secrets "
            "are withheld and counted. Another federation's notice is unknown here."
        ),
        tags=[schema.TAG],
        parameters=[
            OpenApiParameter(
                "public_id",
                type={"type": "string", "format": "uuid"},
                location=OpenApiParameter.PATH,
                description="The notice's id (its id field).",
            ),
            *schema.rate_headers([200, 400, 404, 410]),
        ],
        responses={
            200: OpenApiResponse(NoticeDetailSerializer, description="The notice."),
            400: schema.error("This address takes no parameters."),
            404: schema.error("No notice has this id."),
            410: schema.error("The notice has been withdrawn."),
            429: schema.LIMITED,
        },
    )
)
class NoticeDetail(OpenDataMixin, RetrieveAPIView):
    """GET /api/v1/notices/<id>/: one notice; 410 once withdrawn, 404 if unknown or malformed."""

    serializer_class = NoticeDetailSerializer

    def get_object(self):
        if self.request.query_params:
            raise InvalidParameters(
                {
                    name: [_("This address takes no parameters.")]
                    for name in self.request.query_params
                }
            )
        notice = notice_by_public_id(self.kwargs["public_id"])
        if notice is None:
            raise NoticeNotFound(_("No notice has this id."))
        if not notice.is_listed:
            raise NoticeWithdrawn(_("This notice has been withdrawn."))
        return notice

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "links": Links(self.request)}

    def retrieve(self, request, *args, **kwargs):
        notice = self.get_object()
        context = self.get_serializer_context()
        context["successors"] = [str(s.public_id) for s in notice_successors(notice)]
        return Response(self.get_serializer_class()(notice, context=context).data)
