"""The label: campaigns, memberships, candidacies and their frozen snapshots, jury decisions and results.

**Secrecy.** A `Result` is public only through `selectors.published_results()`: ``published`` is true and either
it belongs to no campaign (an imported year without a campaign) or its campaign is published (staff published it
and its ceremony time is reached, see `calendar.campaign_state`). Every public surface (palmarès page, CSV, API,
history of a collectivité, dashboard) reads results through that one selector.

**From decision to result.** At the deliberation staff record a `JuryDecision` per validated candidacy (checked
against the rules). Publishing the campaign turns each decision into a `Result` (``source=jury``,
``published=True``); it shows at the ceremony time.
"""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from arobase.core.text import normalize
from arobase.label import calendar
from arobase.territories.models import LabelCategory, TerritoryKind


class CampaignState(models.TextChoices):
    PREPARATION = calendar.PREPARATION, _("en préparation")
    OPEN = calendar.OPEN, _("ouverte")
    CLOSED = calendar.CLOSED, _("close (jury au travail)")
    DELIBERATED = calendar.DELIBERATED, _("délibérée")
    PUBLISHED = calendar.PUBLISHED, _("publiée")


class Campaign(models.Model):
    """The campaign of label year N (``year``): candidacies in N-1, jury in December, ceremony in N."""

    year = models.PositiveSmallIntegerField(_("année du label"), unique=True)
    opens_on = models.DateField(_("ouverture des candidatures"))
    candidacy_deadline = models.DateTimeField(_("date limite de candidature"))
    jury_meeting_on = models.DateField(_("réunion du jury"))
    ceremony_at = models.DateTimeField(_("cérémonie"))
    edition = models.ForeignKey(
        "referential.ReferentialEdition",
        verbose_name=_("édition du référentiel"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    deliberated_at = models.DateTimeField(_("délibération close le"), null=True, blank=True)
    published_at = models.DateTimeField(_("palmarès publié le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(_("Label %(year)s") % {"year": self.year})

    @property
    def opens_at(self) -> datetime:
        return datetime.combine(self.opens_on, time.min, tzinfo=timezone.get_current_timezone())

    def state_at(self, now: datetime | None = None) -> str:
        return calendar.campaign_state(
            now=now or timezone.now(),
            opens_at=self.opens_at,
            candidacy_deadline=self.candidacy_deadline,
            ceremony_at=self.ceremony_at,
            deliberated=self.deliberated_at is not None,
            published_by_staff=self.published_at is not None,
        )

    @property
    def state(self) -> str:
        return self.state_at()

    @property
    def state_label(self) -> str:
        return CampaignState(self.state).label

    def is_open(self, now: datetime | None = None) -> bool:
        return self.state_at(now) == calendar.OPEN

    def is_public(self, now: datetime | None = None) -> bool:
        return self.state_at(now) == calendar.PUBLISHED


class Mention(models.Model):
    """A thematic mention the jury may award in one campaign (the list changes with the years)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="mentions")
    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("intitulé"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("mention thématique")
        verbose_name_plural = _("mentions thématiques")
        ordering = ["campaign", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="label_mention_unique_code")]

    def __str__(self) -> str:
        return self.label


class MembershipLevel(models.TextChoices):
    SIMPLE = "simple", _("simple")
    PRAEMIUM = "praemium", _("praemium")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("demandée")
    CONFIRMED = "confirmed", _("confirmée")
    REFUSED = "refused", _("refusée")


class Membership(models.Model):
    """The yearly membership (adhésion) of a collectivité, for label year ``year``. Only members can apply."""

    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="memberships"
    )
    year = models.PositiveSmallIntegerField(_("année du label"))
    level = models.CharField(_("formule"), max_length=10, choices=MembershipLevel.choices)
    status = models.CharField(
        _("statut"), max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        ordering = ["-year", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year"],
                condition=Q(status__in=["requested", "confirmed"]),
                name="label_membership_one_live_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.territory} — {self.year} ({self.get_level_display()}, {self.get_status_display()})"


class CandidacyStatus(models.TextChoices):
    DRAFT = "draft", _("en préparation")
    VALIDATED = "validated", _("validée")


class Candidacy(models.Model):
    """A collectivité's dossier for a campaign. ``version`` is bumped by every write (optimistic locking);
    ``status`` is ``validated`` when the current dossier is the last snapshot transmitted to the jury, ``draft``
    when it was never validated or was changed since (the jury then still judges the last snapshot)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="candidacies")
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="candidacies"
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=CandidacyStatus.choices, default=CandidacyStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    questionnaire = models.JSONField(_("questionnaire complémentaire"), default=dict, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["campaign", "territory__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "territory"], name="label_candidacy_unique_per_campaign")
        ]

    def __str__(self) -> str:
        return f"{self.territory} — {self.campaign}"

    def get_absolute_url(self) -> str:
        return reverse(
            "label:candidacy",
            kwargs={"year": self.campaign.year, "kind": self.territory.kind, "code": self.territory.code},
        )

    @property
    def hors_concours(self) -> bool:
        return self.territory.kind == TerritoryKind.FOREIGN

    @property
    def has_questionnaire(self) -> bool:
        return self.territory.kind == TerritoryKind.EPCI or self.territory.label_category == LabelCategory.TERRITOIRE


class CandidacySnapshot(models.Model):
    """A validation of the dossier, frozen: the jury judges the last one, whatever is edited afterwards.

    ``data``: ``{"mosaic": Mosaic.to_dict(), "actions": [{"id", "title"}], "facts": SnapshotFacts fields,
    "questionnaire": {item: bool} or null, "warnings": [str], "hors_concours": bool, "edition": year}``.
    """

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveIntegerField()
    validated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    validated_at = models.DateTimeField()
    data = models.JSONField()

    class Meta:
        verbose_name = _("version validée")
        verbose_name_plural = _("versions validées")
        ordering = ["candidacy", "-number"]
        constraints = [models.UniqueConstraint(fields=["candidacy", "number"], name="label_snapshot_unique_number")]

    def __str__(self) -> str:
        return f"{self.candidacy} — n°{self.number}"


class CandidacyReminder(models.Model):
    """A reminder email sent for one collectivité and campaign (so that it is sent only once)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "territory"], name="label_reminder_once_per_campaign")
        ]

    def __str__(self) -> str:
        return f"{self.territory} — {self.campaign} ({self.sent_at:%Y-%m-%d})"


# The history of the jury's work: one record per write, with the mentions of the time (written by the services,
# so that a decision and its mentions make a single record). As secret as the decisions: staff only.
DECISION_HISTORY = HistoricalRecords(
    m2m_fields=["mentions"],
    excluded_fields=["recorded_at"],
    verbose_name=_("historique de décision du jury"),
    verbose_name_plural=_("historiques des décisions du jury"),
)
PROPOSAL_HISTORY = HistoricalRecords(
    m2m_fields=["mentions"],
    excluded_fields=["created_at", "updated_at"],
    verbose_name=_("historique de proposition d'un juré"),
    verbose_name_plural=_("historiques des propositions des jurés"),
)


class JuryDecision(models.Model):
    """The decision recorded by staff at the deliberation for one candidacy (secret until the ceremony)."""

    candidacy = models.OneToOneField(Candidacy, on_delete=models.CASCADE, related_name="decision")
    arobases = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    mentions = models.ManyToManyField(Mention, blank=True, related_name="decisions")
    alert = models.BooleanField(_("alerte"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    history = DECISION_HISTORY

    class Meta:
        verbose_name = _("décision du jury")
        verbose_name_plural = _("décisions du jury")
        constraints = [
            models.CheckConstraint(condition=Q(arobases__gte=1, arobases__lte=5), name="label_decision_arobases_1_5")
        ]

    def __str__(self) -> str:
        return f"{self.candidacy} : {self.arobases} @"


class ResultSource(models.TextChoices):
    JURY = "jury", _("jury")
    IMPORT = "import", _("import d'un ancien palmarès")


class Result(models.Model):
    """The result of one collectivité for one label year. 0 @ is the legacy "mention only" level."""

    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="label_results"
    )
    year = models.PositiveSmallIntegerField(_("année du label"))
    campaign = models.ForeignKey(Campaign, null=True, blank=True, on_delete=models.PROTECT, related_name="results")
    category = models.CharField(_("catégorie"), max_length=10, choices=LabelCategory.choices)
    arobases = models.PositiveSmallIntegerField(validators=[MaxValueValidator(5)])
    mentions = models.JSONField(_("mentions"), default=list, blank=True)
    # Normalised mention labels framed by "|" ("|sante|ecoles internet|"), to filter on every database.
    mention_keys = models.CharField(max_length=1000, blank=True, editable=False)
    alert = models.BooleanField(_("alerte"), default=False)
    hors_concours = models.BooleanField(_("hors concours"), default=False)
    source = models.CharField(max_length=10, choices=ResultSource.choices)
    published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("résultat")
        verbose_name_plural = _("résultats")
        ordering = ["-year", "-arobases", "territory__name"]
        constraints = [
            models.UniqueConstraint(fields=["territory", "year"], name="label_result_unique_per_year"),
            models.CheckConstraint(condition=Q(arobases__lte=5), name="label_result_arobases_0_5"),
        ]
        indexes = [models.Index(fields=["year", "published"], name="label_result_year_idx")]

    def __str__(self) -> str:
        return f"{self.territory} — {self.year} : {self.arobases} @"

    def save(self, *args, **kwargs):

        self.mention_keys = "".join(f"|{normalize(label)}" for label in self.mentions) + ("|" if self.mentions else "")
        super().save(*args, **kwargs)

    @property
    def is_mention_only(self) -> bool:
        return self.arobases == 0


# --- The jury (secret: shown to staff and to the jurors of the campaign only) -------------------------------


class JuryMember(models.Model):
    """A juror (``User.is_juror``, attached to no collectivité) composing the jury of a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="jury_members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("juré"), on_delete=models.PROTECT, related_name="jury_seats"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membre du jury")
        verbose_name_plural = _("membres du jury")
        ordering = ["campaign", "user__last_name", "user__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "user"], name="label_jury_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.campaign}"


class ConflictOfInterest(models.Model):
    """A juror's declared conflict: with one candidacy, or with a collectivité (all its candidacies, every year).
    The juror never sees nor scores those dossiers."""

    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts")
    candidacy = models.ForeignKey(Candidacy, null=True, blank=True, on_delete=models.CASCADE, related_name="conflicts")
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("collectivité"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("motif"), max_length=500)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflit d'intérêts")
        verbose_name_plural = _("conflits d'intérêts")
        ordering = ["-declared_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(candidacy__isnull=False, territory__isnull=True)
                | Q(candidacy__isnull=True, territory__isnull=False),
                name="label_conflict_candidacy_xor_territory",
            )
        ]

    def __str__(self) -> str:
        return f"{self.juror} — {self.candidacy or self.territory}"


class JurorProposal(models.Model):
    """One juror's proposal for one candidacy, editable until the deliberation closes."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.CASCADE, related_name="proposals")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_proposals")
    arobases = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    mentions = models.ManyToManyField(Mention, blank=True, related_name="proposals")
    alert = models.BooleanField(_("alerte"), default=False)
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = PROPOSAL_HISTORY

    class Meta:
        verbose_name = _("proposition d'un juré")
        verbose_name_plural = _("propositions des jurés")
        ordering = ["candidacy", "juror_id"]
        constraints = [
            models.UniqueConstraint(fields=["candidacy", "juror"], name="label_proposal_one_per_juror"),
            models.CheckConstraint(condition=Q(arobases__gte=1, arobases__lte=5), name="label_proposal_arobases_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.juror} — {self.candidacy} : {self.arobases} @"


class DeliberationAttendance(models.Model):
    """Whether a juror of the campaign is present at the deliberation (only present jurors' proposals count)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="attendances")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(_("présent"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("présence à la délibération")
        verbose_name_plural = _("présences à la délibération")
        constraints = [models.UniqueConstraint(fields=["campaign", "juror"], name="label_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.juror} — {self.campaign} : {'présent' if self.present else 'absent'}"


# --- Road signs ---------------------------------------------------------------------------------------------


def sign_photo_path(instance, filename: str) -> str:
    import uuid
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:6]
    now = timezone.now()
    return f"panneaux/{now:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class SignDeclaration(models.Model):
    """A road sign "Ville Internet @@@ 2019" installed by a labelled collectivité, declared by one of its members."""

    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="signs"
    )
    result = models.ForeignKey(Result, verbose_name=_("résultat"), on_delete=models.PROTECT, related_name="signs")
    address = models.CharField(_("adresse ou emplacement"), max_length=300)
    installed_on = models.DateField(_("date d'installation"))
    maker = models.CharField(_("fabricant"), max_length=200, blank=True)
    photo = models.ImageField(
        _("photo"), upload_to=sign_photo_path, blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_width = models.PositiveIntegerField(null=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, editable=False)
    photo_alt = models.CharField(_("description de la photo"), max_length=300, blank=True)
    photo_credit = models.CharField(_("crédit photo"), max_length=200, blank=True)
    free_use_confirmed = models.BooleanField(_("libre utilisation de la photo confirmée"), default=False)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("panneau installé")
        verbose_name_plural = _("panneaux installés")
        ordering = ["-installed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.territory} — {self.address}"


# --- Evaluation of the label by participants ---------------------------------------------------------------


class EvaluationResponse(models.Model):
    """A participant's evaluation of the label for one campaign (ratings 1 to 5 and suggestions)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="evaluations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="label_evaluations")
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="+"
    )
    ratings = models.JSONField(_("notes"), default=dict)
    suggestions = models.TextField(_("suggestions"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("évaluation du label")
        verbose_name_plural = _("évaluations du label")
        ordering = ["campaign", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["campaign", "user"], name="label_evaluation_one_per_user")]

    def __str__(self) -> str:
        return f"{self.user} — {self.campaign}"
