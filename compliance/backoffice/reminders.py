"""The deadline reminders of a round or contract, as its page lists them: which deadline, which
moment, when recorded, and to whom the e-mail went (a name, never an address)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.names import person_name


def reminder_rows(reminders) -> list[dict[str, str]]:
    rows = []
    for reminder in reminders.select_related("recipient").order_by("created_at", "pk"):
        recipient = reminder.recipient
        if reminder.sent_at is None:
            mail = _("Waiting to be sent")
        elif not reminder.sent_to:
            mail = _("No e-mail: the deadline was met before it went out, or nobody had an address")
        else:
            if recipient is not None and recipient.email in reminder.sent_to.splitlines():
                whom = person_name(recipient)
            else:
                whom = _("the federation's administrators")
            mail = _("Sent on %(time)s to %(whom)s") % {
                "time": date_format(timezone.localtime(reminder.sent_at), "Y-m-d H:i"),
                "whom": whom,
            }
        rows.append(
            {
                "kind": reminder.get_kind_display(),
                "due": reminder.due_on.isoformat(),
                "moment": reminder.get_moment_display(),
                "recorded": date_format(timezone.localtime(reminder.created_at), "Y-m-d H:i"),
                "mail": mail,
            }
        )
    return rows
