"""The tribal track and reintegration: how a man who left the group goes home.

Return to a community runs through its tribe. A family files a *bara'a* (disavowal: a public,
registered declaration that it disowns a member who joined the group, so that the family is not
held to answer for him); a sheikh or the family gives a *kafala* (guarantee: they answer for the
returnee, who must report and live where the terms say); a *sulh* (reconciliation settlement)
with the victims' family may be needed, and since the 2017 amendment of the General Amnesty Law
27/2016 the victim's waiver can be a condition of amnesty. Panels of military officers and tribal
leaders hear petitions for forgiveness (more than 2,000 of them in 2016) and recommend. Security
clearance decides who may go home; a case worker follows the returnee up until his reintegration
is complete, and only then is the case closed.

Tribes and clans are reference data (edited in the admin); sheikhs, families and panels are
recorded, never users. Every record below belongs to a case's (or a panel's, or a sheikh's)
governorate: that is its jurisdiction. Every state change goes through ``services.py``, which
records who, when and why.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.accounts.jurisdiction import JurisdictionQuerySet
from cases.accounts.models import BilingualName, District, Governorate, Unit
from cases.casefiles.models import Case
from cases.people.models import Person

USER = settings.AUTH_USER_MODEL


# --- Reference: tribes and clans ----------------------------------------------------------------


class TribeQuerySet(models.QuerySet):
    def active(self) -> TribeQuerySet:
        return self.filter(is_active=True)


@pghistory.track()
class Tribe(BilingualName):
    """A tribal confederation, a tribe or a clan (reference data, edited in the admin)."""

    class Kind(models.TextChoices):
        CONFEDERATION = "confederation", _("Tribal confederation")
        TRIBE = "tribe", _("Tribe")
        CLAN = "clan", _("Clan")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name=_("part of"),
        help_text=_("The confederation of a tribe, the tribe of a clan."),
    )
    governorates = models.ManyToManyField(
        Governorate, blank=True, related_name="+", verbose_name=_("present in")
    )
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = TribeQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("tribe or clan")
        verbose_name_plural = _("tribes and clans")


class SheikhQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"

    def active(self) -> SheikhQuerySet:
        return self.filter(is_active=True)


@pghistory.track()
class Sheikh(models.Model):
    """A sheikh or notable of a tribe or clan: recorded, never a user."""

    class Title(models.TextChoices):
        TRIBE_HEAD = "tribe_head", _("Sheikh of the tribe")
        CLAN_HEAD = "clan_head", _("Sheikh of the clan")
        NOTABLE = "notable", _("Notable (wajih)")
        MUKHTAR = "mukhtar", _("Mukhtar")

    name_ar = models.CharField(_("name (Arabic)"), max_length=160)
    name_lat = models.CharField(_("name (Latin)"), max_length=160, blank=True)
    title = models.CharField(_("title"), max_length=20, choices=Title.choices)
    tribe = models.ForeignKey(
        Tribe, on_delete=models.PROTECT, related_name="sheikhs", verbose_name=_("tribe or clan")
    )
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)
    created_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = SheikhQuerySet.as_manager()

    class Meta:
        ordering = ["name_ar", "pk"]
        verbose_name = _("sheikh")
        verbose_name_plural = _("sheikhs")
        indexes = [models.Index(fields=["governorate", "name_ar"], name="sheikh_gov_name")]

    def __str__(self) -> str:
        return f"{self.name_ar} ({self.name_lat})" if self.name_lat else self.name_ar

    def get_absolute_url(self) -> str:
        return reverse("tribal:sheikh", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"SH-{self.pk}"


# --- Family ---------------------------------------------------------------------------------------


class Relation(models.TextChoices):
    """What a relative is to a person (``inverse`` gives what the person is to him)."""

    PARENT = "parent", _("Father or mother")
    CHILD = "child", _("Son or daughter")
    SIBLING = "sibling", _("Brother or sister")
    SPOUSE = "spouse", _("Husband or wife")
    UNCLE = "uncle", _("Uncle or aunt")
    NEPHEW = "nephew", _("Nephew or niece")
    COUSIN = "cousin", _("Cousin")
    GRANDPARENT = "grandparent", _("Grandfather or grandmother")
    GRANDCHILD = "grandchild", _("Grandson or granddaughter")
    OTHER = "other", _("Other relative")


INVERSE_RELATION = {
    Relation.PARENT: Relation.CHILD,
    Relation.CHILD: Relation.PARENT,
    Relation.UNCLE: Relation.NEPHEW,
    Relation.NEPHEW: Relation.UNCLE,
    Relation.GRANDPARENT: Relation.GRANDCHILD,
    Relation.GRANDCHILD: Relation.GRANDPARENT,
}


class FamilyLinkQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "person__governorate"

    def current(self) -> FamilyLinkQuerySet:
        return self.filter(removed_at__isnull=True)

    def of_person(self, person_id: int) -> FamilyLinkQuerySet:
        return self.filter(models.Q(person_id=person_id) | models.Q(relative_id=person_id))


@pghistory.track()
class FamilyLink(models.Model):
    """Two persons in the programme who are family: how a disavowal or a case of one is shown
    on the other's. Recorded by an officer; a wrong link is removed with a reason, not deleted.
    No database constraint on the pair: a merge of person records moves links as they are."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="family_links", verbose_name=_("person")
    )
    #: A related name (not "+"): merging person records moves the links of both sides.
    relative = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="relative_links", verbose_name=_("relative")
    )
    relation = models.CharField(_("the relative is his"), max_length=20, choices=Relation.choices)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_reason = models.TextField(_("why removed"), blank=True)

    objects = FamilyLinkQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("family link")
        verbose_name_plural = _("family links")

    def __str__(self) -> str:
        return f"{self.person_id} ~ {self.relative_id} ({self.relation})"

    def relation_seen_from(self, person_id: int) -> str:
        """The label of what the other person of the link is to ``person_id``."""
        if person_id == self.person_id:
            return Relation(self.relation).label
        return Relation(INVERSE_RELATION.get(self.relation, self.relation)).label

    def other(self, person_id: int) -> Person:
        return self.relative if person_id == self.person_id else self.person


# --- Disavowal (bara'a) --------------------------------------------------------------------------


class GovernorateQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "governorate"


@pghistory.track()
class Disavowal(models.Model):
    """A *bara'a*: a family member or the tribe publicly disowns a man who joined the group,
    registered (usually with a court or a police station) under a document reference. Filed,
    then upheld (it stands) or withdrawn (the family takes him back: part of his return)."""

    class FiledBy(models.TextChoices):
        FAMILY = "family", _("A family member")
        TRIBE = "tribe", _("The tribe or clan")

    class Status(models.TextChoices):
        FILED = "filed", _("Filed")
        UPHELD = "upheld", _("Upheld")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="disavowals",
        verbose_name=_("disavowed person"),
    )
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    filed_by = models.CharField(_("filed by"), max_length=10, choices=FiledBy.choices)
    filer_name = models.CharField(
        _("name of the family member or representative"), max_length=160, blank=True
    )
    filer_relation = models.CharField(
        _("the filer is his"), max_length=20, choices=Relation.choices, blank=True
    )
    tribe = models.ForeignKey(
        Tribe,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tribe or clan"),
    )
    sheikh = models.ForeignKey(
        Sheikh,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disavowals",
        verbose_name=_("endorsed by the sheikh"),
    )
    filed_on = models.DateField(_("filed on"))
    document_reference = models.CharField(_("document reference"), max_length=100)
    registered_with = models.CharField(
        _("registered with"),
        max_length=200,
        blank=True,
        help_text=_("The court, police station or notary where it was registered."),
    )
    statement = models.TextField(_("what it says"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FILED
    )
    decided_on = models.DateField(_("upheld or withdrawn on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("why"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = GovernorateQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("disavowal (bara'a)")
        verbose_name_plural = _("disavowals (bara'a)")
        indexes = [models.Index(fields=["governorate", "status", "-filed_on"], name="bara_gov")]

    def __str__(self) -> str:
        return f"{self.audit_label} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("tribal:disavowal", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"BR-{self.pk}"


# --- Guarantee (kafala) --------------------------------------------------------------------------


class CaseRecordQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "case__governorate"


@pghistory.track()
class Guarantee(models.Model):
    """A *kafala*: a sheikh or the family answers for a returnee, on terms (where he lives, how
    often he reports) for a period. Breaches are recorded; the guarantee ends completed,
    revoked (after a breach) or withdrawn (by the guarantor)."""

    class GuarantorKind(models.TextChoices):
        SHEIKH = "sheikh", _("A sheikh")
        FAMILY = "family", _("The family")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In force")
        COMPLETED = "completed", _("Completed")
        REVOKED = "revoked", _("Revoked")
        WITHDRAWN = "withdrawn", _("Withdrawn by the guarantor")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="guarantees", verbose_name=_("case")
    )
    guarantor_kind = models.CharField(_("guarantor"), max_length=10, choices=GuarantorKind.choices)
    sheikh = models.ForeignKey(
        Sheikh,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guarantees",
        verbose_name=_("sheikh"),
    )
    guarantor_name = models.CharField(_("family guarantor's name"), max_length=160, blank=True)
    guarantor_relation = models.CharField(
        _("the guarantor is his"), max_length=20, choices=Relation.choices, blank=True
    )
    tribe = models.ForeignKey(
        Tribe,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tribe or clan"),
    )
    residence = models.CharField(
        _("must live at"), max_length=200, help_text=_("Village, neighbourhood or address.")
    )
    residence_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district of residence"),
    )
    reporting_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reports to"),
    )
    reporting_every_days = models.PositiveSmallIntegerField(
        _("reports every (days)"),
        null=True,
        blank=True,
        help_text=_("Empty when the terms require no reporting."),
    )
    other_terms = models.TextField(_("other terms"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    document_reference = models.CharField(_("document reference"), max_length=100, blank=True)
    #: The reporting date now due (its deadline is open); none when no more reporting is due.
    next_report_due = models.DateField(_("next report due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    ended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    end_reason = models.TextField(_("why it ended"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("guarantee (kafala)")
        verbose_name_plural = _("guarantees (kafala)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="guarantee_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"KF-{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("tribal:guarantee", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} · KF-{self.pk}"

    @property
    def guarantor(self) -> str:
        if self.guarantor_kind == self.GuarantorKind.SHEIKH and self.sheikh_id:
            return str(self.sheikh)
        return self.guarantor_name


@pghistory.track()
class GuaranteeReport(models.Model):
    """He reported as the guarantee's terms require. Append-only."""

    guarantee = models.ForeignKey(Guarantee, on_delete=models.PROTECT, related_name="reports")
    due_on = models.DateField(_("was due"), null=True, blank=True)
    reported_on = models.DateField(_("reported on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["reported_on", "pk"]
        verbose_name = _("report under a guarantee")
        verbose_name_plural = _("reports under guarantees")

    def __str__(self) -> str:
        return f"KF-{self.guarantee_id} {self.reported_on}"


@pghistory.track()
class GuaranteeBreach(models.Model):
    """A breach of a guarantee's terms. Append-only: what happened stays on record."""

    class Kind(models.TextChoices):
        MISSED_REPORT = "missed_report", _("Did not report")
        LEFT_RESIDENCE = "left_residence", _("Left the place of residence")
        CONTACT = "contact", _("Contact with the group")
        OFFENCE = "offence", _("New offence")
        OTHER = "other", _("Other")

    guarantee = models.ForeignKey(Guarantee, on_delete=models.PROTECT, related_name="breaches")
    kind = models.CharField(_("breach"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("on"))
    description = models.TextField(_("what happened"))
    action_taken = models.TextField(_("action taken"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["occurred_on", "pk"]
        verbose_name = _("breach of a guarantee")
        verbose_name_plural = _("breaches of guarantees")

    def __str__(self) -> str:
        return f"KF-{self.guarantee_id}: {self.kind} {self.occurred_on}"


# --- Reconciliation settlement (sulh) -----------------------------------------------------------


@pghistory.track()
class Settlement(models.Model):
    """A *sulh*: the settlement between his side and the victims' family, with its terms (often
    compensation, *diya*). Where his amnesty needs the victim's waiver (Law 27/2016 as amended in
    2017), the waiver and the payment of the civil claims are recorded here."""

    class Status(models.TextChoices):
        NEGOTIATING = "negotiating", _("Negotiating")
        AGREED = "agreed", _("Agreed")
        FULFILLED = "fulfilled", _("Fulfilled")
        FAILED = "failed", _("Failed")

    class Currency(models.TextChoices):
        IQD = "IQD", _("Iraqi dinars")
        USD = "USD", _("US dollars")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="settlements", verbose_name=_("case")
    )
    victim_party = models.CharField(
        _("victims' side"), max_length=200, help_text=_("The victim's family, or the complainant.")
    )
    victim_tribe = models.ForeignKey(
        Tribe,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("victims' tribe or clan"),
    )
    offender_tribe = models.ForeignKey(
        Tribe,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("his tribe or clan"),
    )
    mediator = models.ForeignKey(
        Sheikh,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="settlements",
        verbose_name=_("mediating sheikh"),
    )
    terms = models.TextField(_("terms"))
    compensation_amount = models.DecimalField(
        _("compensation"), max_digits=14, decimal_places=0, null=True, blank=True
    )
    compensation_currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.IQD
    )
    waiver_needed = models.BooleanField(
        _("the victim's waiver is a condition of his amnesty"),
        default=False,
        help_text=_("General Amnesty Law 27/2016 as amended in 2017."),
    )
    amnesty_reference = models.CharField(_("amnesty application"), max_length=100, blank=True)
    waiver_given_on = models.DateField(_("waiver given on"), null=True, blank=True)
    waiver_document = models.CharField(_("waiver document"), max_length=100, blank=True)
    compensation_paid_on = models.DateField(_("compensation paid on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEGOTIATING
    )
    status_changed_on = models.DateField(_("status since"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status_reason = models.TextField(_("why"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("reconciliation settlement (sulh)")
        verbose_name_plural = _("reconciliation settlements (sulh)")

    def __str__(self) -> str:
        return f"SL-{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("tribal:settlement", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} · SL-{self.pk}"


# --- Panels and petitions -------------------------------------------------------------------------


@pghistory.track()
class Panel(models.Model):
    """A panel of military officers and tribal leaders that hears petitions for forgiveness."""

    name = models.CharField(_("name"), max_length=200)
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    established_on = models.DateField(_("established on"))
    is_active = models.BooleanField(_("sitting"), default=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = GovernorateQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        permissions = [("decide_petition", _("Can record a panel's recommendation on a petition"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tribal:panel", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"PN-{self.pk}"


class PanelRecordQuerySet(JurisdictionQuerySet):
    jurisdiction_field = "panel__governorate"


@pghistory.track()
class PanelMember(models.Model):
    """A seat on a panel: a military officer or a tribal leader (or a judge, an official), with
    the role he holds there."""

    class Kind(models.TextChoices):
        MILITARY = "military", _("Military officer")
        TRIBAL = "tribal", _("Tribal leader")
        JUDGE = "judge", _("Judge")
        OFFICIAL = "official", _("Official")

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")
        SECRETARY = "secretary", _("Secretary")

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="members")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    name = models.CharField(_("name"), max_length=160)
    rank_or_title = models.CharField(_("rank or title"), max_length=120, blank=True)
    sheikh = models.ForeignKey(
        Sheikh,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="panel_seats",
        verbose_name=_("sheikh"),
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = PanelRecordQuerySet.as_manager()

    class Meta:
        ordering = ["until", "role", "pk"]
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


@pghistory.track()
class PanelSitting(models.Model):
    """A sitting of a panel: scheduled (a deadline with reminders), then held, postponed or
    cancelled."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="sittings")
    scheduled_at = models.DateTimeField(_("scheduled for"))
    place = models.CharField(_("place"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    members_present = models.ManyToManyField(
        PanelMember, blank=True, related_name="+", verbose_name=_("members present")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    status_reason = models.TextField(_("why"), blank=True)
    status_changed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = PanelRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-scheduled_at", "-pk"]
        verbose_name = _("panel sitting")
        verbose_name_plural = _("panel sittings")

    def __str__(self) -> str:
        return f"{self.panel} · {timezone.localtime(self.scheduled_at):%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("tribal:sitting", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"PN-{self.panel_id} · ST-{self.pk}"


@pghistory.track()
class Petition(models.Model):
    """A petition for forgiveness, by him or for him, to a panel: what he declares, the sitting
    that heard it, the panel's recommendation and what it is for in his case."""

    class FiledBy(models.TextChoices):
        SELF = "self", _("Himself")
        FAMILY = "family", _("His family")
        SHEIKH = "sheikh", _("A sheikh")
        LAWYER = "lawyer", _("A lawyer")

    class Joining(models.TextChoices):
        VOLUNTARY = "voluntary", _("Declares he joined of his own will")
        COERCED = "coerced", _("Declares he was coerced")
        NOT_STATED = "not_stated", _("Does not say")

    class Status(models.TextChoices):
        FILED = "filed", _("Filed")
        LISTED = "listed", _("Listed for a sitting")
        DECIDED = "decided", _("Recommendation given")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Recommendation(models.TextChoices):
        FORGIVE = "forgive", _("Forgiveness: may return")
        FORGIVE_CONDITIONS = "forgive_conditions", _("Forgiveness on conditions")
        REJECT = "reject", _("Not forgiven")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("case")
    )
    panel = models.ForeignKey(
        Panel, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("panel")
    )
    filed_by = models.CharField(_("filed by"), max_length=10, choices=FiledBy.choices)
    filer_name = models.CharField(_("name of who filed it"), max_length=160, blank=True)
    filed_on = models.DateField(_("filed on"))
    joining = models.CharField(
        _("how he joined"), max_length=12, choices=Joining.choices, default=Joining.NOT_STATED
    )
    coercion_details = models.TextField(_("how he was coerced"), blank=True)
    declares_no_killing = models.BooleanField(_("declares no part in killing"), default=False)
    information_given = models.TextField(_("information he gave"), blank=True)
    request = models.TextField(_("what he asks"), blank=True)
    sitting = models.ForeignKey(
        PanelSitting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name=_("sitting"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FILED
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    recommendation_text = models.TextField(_("the panel's reasons and conditions"), blank=True)
    evidence_for_commutation = models.BooleanField(
        _("evidence for commutation of his sentence"), default=False
    )
    to_court = models.BooleanField(_("recommendation to the court"), default=False)
    to_committee = models.BooleanField(_("recommendation to the amnesty committee"), default=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status_reason = models.TextField(_("why withdrawn"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-filed_on", "-pk"]
        verbose_name = _("petition for forgiveness")
        verbose_name_plural = _("petitions for forgiveness")
        indexes = [models.Index(fields=["panel", "status"], name="petition_panel_status")]

    def __str__(self) -> str:
        return f"PT-{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("tribal:petition", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} · PT-{self.pk}"

    @property
    def effects(self) -> list[str]:
        """What the recommendation is for in his case, as labels."""
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in ("evidence_for_commutation", "to_court", "to_committee")
            if getattr(self, name)
        ]


# --- Security clearance, return home, follow-up ------------------------------------------------


@pghistory.track()
class Clearance(models.Model):
    """Security clearance to go home: requested from a security authority, granted or denied by
    it (who and why are recorded; the officer records the decision)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        GRANTED = "granted", _("Granted")
        DENIED = "denied", _("Denied")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="clearances", verbose_name=_("case")
    )
    requested_on = models.DateField(_("requested on"))
    requested_from = models.CharField(
        _("requested from"),
        max_length=200,
        help_text=_("The security authority, e.g. the National Security Service in Anbar."),
    )
    request_note = models.TextField(_("request"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by_authority = models.CharField(
        _("decided by"), max_length=200, blank=True, help_text=_("The authority and official.")
    )
    decision_reference = models.CharField(_("decision reference"), max_length=100, blank=True)
    decision_reason = models.TextField(_("why"), blank=True)
    decision_recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = _("security clearance")
        verbose_name_plural = _("security clearances")
        permissions = [("decide_clearance", _("Can record a security clearance decision"))]

    def __str__(self) -> str:
        return f"CL-{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("tribal:clearance", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} · CL-{self.pk}"


@pghistory.track()
class ReturnHome(models.Model):
    """He went home: where and when, on which clearance, under which guarantee; and how often a
    case worker visits him until his reintegration is complete."""

    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="return_home", verbose_name=_("case")
    )
    clearance = models.ForeignKey(
        Clearance, on_delete=models.PROTECT, related_name="+", verbose_name=_("clearance")
    )
    guarantee = models.ForeignKey(
        Guarantee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("guarantee"),
    )
    returned_on = models.DateField(_("returned on"))
    governorate = models.ForeignKey(
        Governorate, on_delete=models.PROTECT, related_name="+", verbose_name=_("governorate")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    locality = models.CharField(_("town, village or neighbourhood"), max_length=200)
    visit_every_days = models.PositiveSmallIntegerField(_("visit every (days)"), default=30)
    notes = models.TextField(_("notes"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-returned_on", "-pk"]
        verbose_name = _("return home")
        verbose_name_plural = _("returns home")
        permissions = [
            ("complete_reintegration", _("Can close a case when reintegration is complete"))
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.locality}"


@pghistory.track()
class FollowUpVisit(models.Model):
    """A case worker's visit to the returnee: planned (a deadline), then done with an outcome,
    or cancelled."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Outcome(models.TextChoices):
        SETTLED = "settled", _("Settling in well")
        DIFFICULTIES = "difficulties", _("Difficulties (work, papers, housing)")
        TENSION = "tension", _("Tension with the community")
        THREAT = "threat", _("Threat to him or his family")
        NOT_FOUND = "not_found", _("Not found at home")
        CONCERN = "concern", _("Security concern")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="follow_up_visits", verbose_name=_("case")
    )
    due_on = models.DateField(_("due on"))
    case_worker = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("case worker")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up visit")
        verbose_name_plural = _("follow-up visits")
        indexes = [models.Index(fields=["status", "due_on"], name="visit_status_due")]

    def __str__(self) -> str:
        return f"VS-{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("tribal:visit", args=[self.pk])

    @property
    def audit_label(self) -> str:
        return f"{self.case.number} · VS-{self.pk}"


@pghistory.track()
class ProtectionMeasure(models.Model):
    """A measure protecting his family (or him) after his return, and its end."""

    class Kind(models.TextChoices):
        PATROL = "patrol", _("Police patrols near the home")
        GUARD = "guard", _("Guard at the home")
        RELOCATION = "relocation", _("Temporary relocation")
        CONTACT = "contact", _("Regular contact with the police")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In place")
        ENDED = "ended", _("Ended")

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="protection_measures", verbose_name=_("case")
    )
    kind = models.CharField(_("measure"), max_length=12, choices=Kind.choices)
    protected = models.CharField(_("who is protected"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("ended on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    end_reason = models.TextField(_("why it ended"), blank=True)
    ended_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = CaseRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("family protection measure")
        verbose_name_plural = _("family protection measures")

    def __str__(self) -> str:
        return f"PR-{self.pk}"
