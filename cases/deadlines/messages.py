"""The words of a reminder, in the recipient's language. Never personal data: the record is
named by its label (a case number), and the link is to the record's page."""

from __future__ import annotations

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .channels import Message
from .models import Reminder
from .wording import time_left


def compose(reminder: Reminder, user) -> Message:
    """The reminder as ``user`` reads it, in his language and time zone."""
    deadline = reminder.deadline
    with translation.override(user.language or "en"):
        due = formats.date_format(timezone.localtime(deadline.due_at), "DATETIME_FORMAT")
        kind = deadline.kind.label
        values = {"kind": kind, "record": deadline.object_label, "due": due}
        if reminder.is_escalation:
            title = _("Missed deadline to act on: %(kind)s, %(record)s") % values
            body = (
                _(
                    "The deadline %(kind)s for %(record)s passed at %(due)s without being met. "
                    "As supervisor, see that it is dealt with."
                )
                % values
            )
        elif reminder.stage.endswith(":missed"):
            title = _("Deadline missed: %(kind)s, %(record)s") % values
            body = _("The deadline %(kind)s for %(record)s passed at %(due)s.") % values
        else:
            values["left"] = time_left((deadline.due_at - timezone.now()).total_seconds())
            title = _("Due in %(left)s: %(kind)s, %(record)s") % values
            body = _("The deadline %(kind)s for %(record)s falls due at %(due)s.") % values
    from django.urls import reverse

    return Message(
        user=user,
        reminder=reminder,
        title=title[:200],
        body=body,
        url=reverse("deadlines:detail", args=[deadline.pk]),
        is_escalation=reminder.is_escalation,
    )
