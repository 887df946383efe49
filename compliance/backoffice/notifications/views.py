"""A staff member's notifications (issue 17 item 10): what the enterprises, the instructors and
the labour administration did that concerns them, on the admin home (the unread ones) and in
one list (all of them, newest first, paginated). Each person sees only their own."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.viewsets.base import ViewSet

from compliance.services.notifications import notifications_mark_read

PER_PAGE = 30


def notifications_index(request):
    notifications = Paginator(
        request.user.notifications.order_by("-created_at", "-pk"), PER_PAGE
    ).get_page(request.GET.get("page"))
    title = _("Notifications")
    return TemplateResponse(
        request,
        "compliance/notifications.html",
        {"page": notifications, "page_title": title, "header_title": title},
    )


@require_POST
def notifications_read(request):
    """Mark the ticked notifications (or, with `all`, every unread one) as read."""
    unread = request.user.notifications.filter(read_at__isnull=True)
    if request.POST.get("all"):
        ids = list(unread.values_list("pk", flat=True))
    else:
        ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()]
    notifications_mark_read(user=request.user, ids=ids)
    next_url = request.POST.get("next", "")
    if next_url == "home":
        return redirect("wagtailadmin_home")
    return redirect("notifications:index")


class NotificationsViewSet(ViewSet):
    name = "notifications"
    url_prefix = "notifications"
    icon = "mail"
    menu_label = gettext_lazy("Notifications")

    def get_urlpatterns(self):
        return [
            path("", notifications_index, name="index"),
            path("read/", notifications_read, name="read"),
        ]
