"""The public notices of award shortlists (R40) on the federation's own site.

Only published notices whose period has begun are shown (during the period, and after it as
a record that it ran); a notice not yet begun, withdrawn, or belonging to another federation
(whose tables this schema does not hold) is a 404. The page shows each eligible nominee's
enterprise name and credit code, never anything about people. The pages wear the public site's
chrome (its menu links here, and sitemap.xml lists the notices).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from compliance.selectors.awards import notice_shortlist, notices_visible

NOTICES_PER_PAGE = 20


def notice_list(request):
    today = timezone.localdate()
    page = Paginator(notices_visible(today=today), NOTICES_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "compliance/public/award_notices/list.html",
        {
            "page": page,
            "today": today,
            "canonical_url": request.build_absolute_uri(reverse("award_notices")),
        },
    )


def notice_detail(request, pk: int):
    today = timezone.localdate()
    notice = notices_visible(today=today).filter(pk=pk).first()
    if notice is None:
        raise Http404
    return TemplateResponse(
        request,
        "compliance/public/award_notices/detail.html",
        {
            "canonical_url": request.build_absolute_uri(reverse("award_notice", args=[pk])),
            "notice": notice,
            "shortlist": notice_shortlist(notice=notice),
            "running": notice.ends_on >= today,
            "today": today,
        },
    )
