"""Imports of the lists units send: absence lists (members absent without leave) and wanted lists
(persons sought by a warrant), from CSV or Excel files.

An **import job** holds one uploaded file, read and checked row by row: the rows as read (JSON),
each row's errors (as codes, so that every reader sees them in his own language), the persons the
matcher proposes for it, and, after the user's confirmation, the person he chose. Nothing of the
domain is written until the user confirms; then a Celery task writes every row in one transaction
(see :func:`cases.imports.services.import_job_run`): all rows, or none.

A **wanted list** is a list received from a court or a security authority of the persons sought
by a warrant; each **wanted entry** is one row of it, with the person it was matched to (if any),
the matcher's score and who confirmed the match.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.accounts.models import Governorate, Unit
from cases.people.models import Person


class ImportJobQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        ABSENCES = "absences", _("Absence list")
        WANTED = "wanted", _("Wanted list")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Checked, awaiting confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed: nothing was saved")
        CANCELLED = "cancelled", _("Discarded")

    #: Statuses in which the import task still has work to do.
    PENDING = (Status.QUEUED, Status.RUNNING)
    FINISHED = (Status.DONE, Status.FAILED, Status.CANCELLED)

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    #: The list's jurisdiction: the sending unit's governorate (absences), the list's (wanted).
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    #: Absence lists: the unit that sent the list (rows without a unit are its members).
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sending unit"),
    )
    #: Wanted lists: who issued or sent the list, and when it was received.
    source = models.CharField(_("source"), max_length=200, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    file_name = models.CharField(_("file"), max_length=200)
    file_size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    #: The columns found in the file: [{"header": ..., "key": ... or ""}] (unknown ones ignored).
    columns = models.JSONField(default=list, blank=True)
    #: The rows as read and checked; see :mod:`cases.imports.rows` for their shape.
    rows = models.JSONField(default=list, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    error_row_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    #: Progress of the import, written outside its transaction so that it can be watched.
    rows_done = models.PositiveIntegerField(_("rows imported"), default=0)
    #: The errors found when the rows were written (nothing was saved): like a row's errors,
    #: with the row's line number.
    run_errors = models.JSONField(default=list, blank=True)
    #: What was written: {"created": n, "linked": n, "records": [[line, pk], ...]}.
    result = models.JSONField(default=dict, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("runs"), default=0)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        permissions = [
            ("import_absences", _("Can import absence lists")),
            ("import_wanted", _("Can import wanted lists")),
        ]
        indexes = [models.Index(fields=["governorate", "-uploaded_at"], name="importjob_gov")]

    def __str__(self) -> str:
        return self.audit_label

    def get_absolute_url(self) -> str:
        return reverse("imports:job", args=[self.pk])

    @property
    def audit_label(self) -> str:
        """How logs name an import: by its number, never by a name in it."""
        return f"IMP-{self.pk}"

    @property
    def permission(self) -> str:
        return (
            "imports.import_absences"
            if self.kind == self.Kind.ABSENCES
            else "imports.import_wanted"
        )

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.row_count:
            return 0
        return min(100, int(self.rows_done * 100 / self.row_count))

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


class WantedListQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"


@pghistory.track()
class WantedList(models.Model):
    """A list of persons sought by warrants, as received from a court or an authority."""

    source = models.CharField(_("source"), max_length=200)
    received_on = models.DateField(_("received on"))
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    job = models.OneToOneField(
        ImportJob,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wanted_list",
        verbose_name=_("import"),
    )

    objects = WantedListQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("wanted list")
        verbose_name_plural = _("wanted lists")

    def __str__(self) -> str:
        return f"{self.audit_label} · {self.source}"

    def get_absolute_url(self) -> str:
        return reverse("imports:wanted_list", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"WL-{self.pk}"


class WantedEntryQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"


@pghistory.track()
class WantedEntry(models.Model):
    """One person sought by one warrant, as the list gives him, and the known person he is (when
    a user confirmed the matcher's proposal)."""

    wanted_list = models.ForeignKey(
        WantedList, on_delete=models.PROTECT, related_name="entries", verbose_name=_("wanted list")
    )
    line = models.PositiveIntegerField(_("row in the file"))
    issuing_authority = models.CharField(_("issuing court or authority"), max_length=200)
    warrant_number = models.CharField(_("warrant number"), max_length=50)
    warrant_date = models.DateField(_("warrant date"))
    article = models.CharField(_("article"), max_length=100, blank=True)
    given_name_ar = models.CharField(_("given name"), max_length=60)
    father_name_ar = models.CharField(_("father's name"), max_length=60)
    grandfather_name_ar = models.CharField(_("grandfather's name"), max_length=60, blank=True)
    family_name_ar = models.CharField(_("family or tribe"), max_length=80, blank=True)
    mother_name_ar = models.CharField(_("mother's name"), max_length=80, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    #: The governorate the row names (the list's when it names none): the entry's jurisdiction.
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    notes = models.TextField(_("notes"), blank=True)
    matched_person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="wanted_entries",
        verbose_name=_("matched person"),
    )
    match_score = models.FloatField(_("match score"), null=True, blank=True)
    match_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    match_confirmed_at = models.DateTimeField(_("match confirmed"), null=True, blank=True)

    objects = WantedEntryQuerySet.as_manager()

    class Meta:
        ordering = ["wanted_list", "line"]
        verbose_name = _("wanted entry")
        verbose_name_plural = _("wanted entries")
        indexes = [
            models.Index(fields=["warrant_number"], name="wanted_warrant"),
            models.Index(fields=["governorate", "family_name_ar"], name="wanted_family"),
        ]

    def __str__(self) -> str:
        return self.audit_label

    @property
    def audit_label(self) -> str:
        return f"WL-{self.wanted_list_id}/{self.line}"

    @property
    def name_ar(self) -> str:
        parts = (
            self.given_name_ar,
            self.father_name_ar,
            self.grandfather_name_ar,
            self.family_name_ar,
        )
        return " ".join(p for p in parts if p)
