"""Pages of the deadlines app: my deadlines, the supervisor's view, a deadline's page and its
actions, adding a follow-up to a record, and the notifications behind the bell."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.audit.models import AccessLogEntry
from cases.audit.services import access_log_record
from cases.security.access import login_only, require_perms
from cases.security.listing import paginate

from .forms import FollowUpForm, MeetForm, MoveForm, ReasonForm, SupervisionFilterForm
from .models import Notification
from .records import record_type_for, record_url
from .selectors import (
    deadline_get_for_change,
    deadline_get_for_user,
    deadlines_of_user,
    deadlines_to_supervise,
)
from .services import (
    DeadlineError,
    deadline_cancel,
    deadline_meet,
    deadline_move,
    deadline_open,
)

PAGE_SIZE = 50
FOLLOW_UP = "deadlines.follow_up"


@require_perms("deadlines.view_deadline")
def mine(request: HttpRequest) -> HttpResponse:
    """My deadlines: overdue first, due today, this week, later."""
    return render(request, "deadlines/mine.html", {"groups": deadlines_of_user(request.user)})


@require_perms("deadlines.view_deadline", "accounts.supervisor_desk")
def supervision(request: HttpRequest) -> HttpResponse:
    """The jurisdiction's overdue and upcoming deadlines."""
    form = SupervisionFilterForm(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = deadlines_to_supervise(
        request.user,
        which=filters.get("which") or "overdue",
        governorate=filters.get("governorate"),
        unit=filters.get("unit"),
        kind=filters.get("kind"),
    )
    page, query = paginate(request, qs, PAGE_SIZE)
    return render(
        request,
        "deadlines/supervision.html",
        {"form": form, "page": page, "query": query, "now": timezone.now()},
    )


@require_perms("deadlines.view_deadline")
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A deadline, its reminders (with failures), and the actions on it."""
    deadline = deadline_get_for_user(request.user, pk)
    access_log_record(
        action=AccessLogEntry.Action.VIEW,
        request=request,
        obj=deadline,
        object_label=deadline.object_label,
    )
    reminders = deadline.reminders.prefetch_related("deliveries").order_by("created_at")
    return render(
        request,
        "deadlines/detail.html",
        {
            "deadline": deadline,
            "reminders": reminders,
            "record_url": record_url(deadline.content_type_id, deadline.record),
            "can_change": request.user.has_perm("deadlines.change_deadline"),
            "move_form": MoveForm(),
            "meet_form": MeetForm(),
            "cancel_form": ReasonForm(),
        },
    )


def _act(request: HttpRequest, pk: int, form_class, action) -> HttpResponse:
    deadline = deadline_get_for_change(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("deadlines:detail", pk=deadline.pk)
    try:
        action(deadline, form.cleaned_data)
    except DeadlineError as exc:
        messages.error(request, str(exc))
    return redirect("deadlines:detail", pk=deadline.pk)


@require_POST
@require_perms("deadlines.change_deadline")
def meet(request: HttpRequest, pk: int) -> HttpResponse:
    def action(deadline, data):
        deadline_meet(deadline=deadline, by=request.user, reason=data["reason"])
        messages.success(request, _("The deadline is recorded as met."))

    return _act(request, pk, MeetForm, action)


@require_POST
@require_perms("deadlines.change_deadline")
def move(request: HttpRequest, pk: int) -> HttpResponse:
    def action(deadline, data):
        deadline_move(
            deadline=deadline, due_at=data["due_at"], by=request.user, reason=data["reason"]
        )
        messages.success(request, _("The deadline was moved; its reminders start again."))

    return _act(request, pk, MoveForm, action)


@require_POST
@require_perms("deadlines.change_deadline")
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    def action(deadline, data):
        deadline_cancel(deadline=deadline, by=request.user, reason=data["reason"])
        messages.success(request, _("The deadline was cancelled."))

    return _act(request, pk, ReasonForm, action)


@require_perms("deadlines.add_deadline")
def add_follow_up(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    """Add a follow-up deadline by hand to a record the user can change."""
    content_type = get_object_or_404(ContentType, pk=content_type_id)
    record_type = record_type_for(content_type)
    record = record_type.get_for_change(request.user, object_id)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deadline_open(
            kind=FOLLOW_UP,
            record=record,
            governorate=record_type.governorate(record),
            due_at=form.cleaned_data["due_at"],
            responsible_user=request.user,
            event_key=f"manual-{timezone.now().timestamp()}",
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("The follow-up deadline was added."))
        return redirect(record_url(content_type.pk, record) or "deadlines:mine")
    return render(request, "deadlines/add.html", {"form": form, "record": record})


@login_only
def notifications(request: HttpRequest) -> HttpResponse:
    """The bell's list: newest first, unread marked."""
    qs = Notification.objects.filter(user=request.user).order_by("-created_at")
    page, query = paginate(request, qs, PAGE_SIZE)
    return render(request, "deadlines/notifications.html", {"page": page, "query": query})


@require_POST
@login_only
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and follow its link."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(notification.url or "deadlines:notifications")


@require_POST
@login_only
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user).unread().update(read_at=timezone.now())
    messages.success(request, _("All notifications are marked as read."))
    return redirect("deadlines:notifications")
