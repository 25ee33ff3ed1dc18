"""Roles are Django groups; this module says which permissions each role holds.

The groups are created by a data migration (``0002_roles``) and their permissions are brought in
line with :data:`ROLE_PERMISSIONS` after every ``migrate`` (later apps add their permissions in
their own migrations, so the map names them as ``"app_label.codename"`` strings and never imports
those apps). Roles are defined in code, reviewed like code: a change made to a group in the admin
is undone by the next migrate.
"""

from __future__ import annotations

import logging
from typing import Any

from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

OFFICER = "officer"
INVESTIGATOR = "investigator"
JUDGE = "judge"
SUPERVISOR = "supervisor"
AMNESTY_COMMITTEE = "amnesty_committee"
PRISON = "prison_administration"
AUDITOR = "auditor"
ADMINISTRATOR = "administrator"

ROLE_LABELS = {
    OFFICER: _("Officer"),
    INVESTIGATOR: _("Investigator"),
    JUDGE: _("Judge"),
    SUPERVISOR: _("Supervisor"),
    AMNESTY_COMMITTEE: _("Amnesty committee"),
    PRISON: _("Prison administration"),
    AUDITOR: _("Auditor"),
    ADMINISTRATOR: _("Administrator"),
}

#: Roles whose members work in the Django admin (``is_staff``).
STAFF_ROLES = frozenset({ADMINISTRATOR})

#: Those who open follow-ups by hand and record deadlines met, moved or cancelled.
DEADLINE_WORK = (
    "deadlines.view_deadline",
    "deadlines.add_deadline",
    "deadlines.change_deadline",
)

#: Officers and investigators record intakes and keep the case file.
CASE_WORK = (
    "casefiles.view_case",
    "casefiles.add_case",
    "casefiles.change_case",
    "casefiles.change_case_status",
    "people.view_person",
    "people.add_person",
    "people.change_person",
)
CASE_READ = ("casefiles.view_case", "people.view_person")

#: Judges, supervisors, auditors and administrators hold ``accounts.two_factor_required``: they
#: must sign in with a second factor (TOTP). Officers may choose to.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    OFFICER: ("accounts.officer_desk", "accounts.view_unit", *DEADLINE_WORK, *CASE_WORK),
    INVESTIGATOR: (
        "accounts.investigator_desk",
        "accounts.view_unit",
        *DEADLINE_WORK,
        *CASE_WORK,
    ),
    JUDGE: (
        "accounts.judge_desk",
        "accounts.view_unit",
        "accounts.two_factor_required",
        "deadlines.view_deadline",
        "deadlines.change_deadline",
        *CASE_READ,
        "casefiles.change_case",
        "casefiles.change_case_status",
    ),
    SUPERVISOR: (
        "accounts.supervisor_desk",
        "accounts.view_unit",
        "accounts.view_user",
        "accounts.two_factor_required",
        *DEADLINE_WORK,
        *CASE_WORK,
        "people.merge_person",
    ),
    AMNESTY_COMMITTEE: (
        "accounts.committee_desk",
        "accounts.view_unit",
        *DEADLINE_WORK,
        *CASE_READ,
    ),
    PRISON: ("accounts.prison_desk", "accounts.view_unit", "deadlines.view_deadline", *CASE_READ),
    AUDITOR: (
        "accounts.auditor_desk",
        "accounts.view_unit",
        "accounts.view_user",
        "accounts.two_factor_required",
        "audit.view_accesslogentry",
        "audit.export_accesslogentry",
    ),
    ADMINISTRATOR: (
        "accounts.two_factor_required",
        "audit.view_accesslogentry",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "accounts.add_unit",
        "accounts.change_unit",
        "accounts.view_unit",
        "accounts.change_governorate",
        "accounts.view_governorate",
        "accounts.add_district",
        "accounts.change_district",
        "accounts.view_district",
        "auth.view_group",
        # Second factors: an administrator removes a lost phone's device so its owner can
        # enrol a new one; he never sees the secret (django-otp's admin hides it).
        "otp_totp.view_totpdevice",
        "otp_totp.delete_totpdevice",
        "otp_static.view_staticdevice",
        "otp_static.delete_staticdevice",
        # Lockouts: seen, and lifted by deleting the attempts.
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
        "health.view_heartbeat",
        "pghistory.view_events",
        "deadlines.view_deadlinekind",
        "deadlines.change_deadlinekind",
        "deadlines.view_deadlinerule",
        "deadlines.add_deadlinerule",
        "deadlines.change_deadlinerule",
        "deadlines.view_deadline",
        "deadlines.view_reminder",
        "deadlines.view_delivery",
        "deadlines.view_notification",
        "casefiles.view_case",
        "casefiles.view_casestatuschange",
        "casefiles.view_screening",
        "casefiles.view_weaponitem",
        "casefiles.view_detentionorder",
        "casefiles.view_custodyrule",
        "casefiles.add_custodyrule",
        "casefiles.change_custodyrule",
        "people.view_person",
        "people.view_duplicatecandidate",
        "people.view_personmerge",
    ),
}


#: Permissions that domain apps grant to roles from their ``AppConfig.ready()`` with
#: :func:`grant` (an app declares what its own pages need; this module never imports it).
_GRANTED: dict[str, set[str]] = {role: set() for role in ROLE_LABELS}


def grant(role: str, *permissions: str) -> None:
    """Give ``role`` the ``permissions`` (``"app_label.codename"``) of the calling app."""
    if role not in ROLE_LABELS:
        raise ValueError(f"Unknown role: {role}")
    _GRANTED[role].update(permissions)


def role_permissions(role: str) -> frozenset[str]:
    """Every permission of ``role``: this module's map and what the apps granted."""
    return frozenset(ROLE_PERMISSIONS[role]) | frozenset(_GRANTED[role])


def sync_role_permissions(sender: Any = None, **kwargs: Any) -> None:
    """Give every role group exactly the permissions of :func:`role_permissions` that exist.

    Runs on ``post_migrate``; a permission named in the map but not (yet) in the database is
    skipped, so a partial migrate does not fail; it is logged at debug level.
    """
    from django.contrib.auth.models import Group, Permission

    using = kwargs.get("using", "default")
    wanted = {p for role in ROLE_PERMISSIONS for p in role_permissions(role)}
    by_name = {
        f"{app}.{codename}": pk
        for pk, app, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
        if f"{app}.{codename}" in wanted
    }
    for role in ROLE_PERMISSIONS:
        perms = sorted(role_permissions(role))
        group, _created = Group.objects.using(using).get_or_create(name=role)
        missing = [p for p in perms if p not in by_name]
        if missing:
            logger.debug("role %s: permissions not yet created: %s", role, missing)
        group.permissions.set([by_name[p] for p in perms if p in by_name])
