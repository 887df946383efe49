"""The public site's panel on the federation's admin home: notice alerts, as counts only."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from wagtail.admin.ui.components import Component

from cms_pages.selectors.alerts import alert_counts


class NoticeAlertsPanel(Component):
    """How many alerts readers hold, how many are confirmed, how many notices went out this
    week. Never an address: the back office has no list of them (personal data)."""

    name = "cms_pages_notice_alerts"
    order = 200
    template_name = "cms_pages/panels/notice_alerts.html"

    def get_context_data(self, parent_context):
        since = timezone.now() - dt.timedelta(days=7)
        return {"counts": alert_counts(since=since)}
