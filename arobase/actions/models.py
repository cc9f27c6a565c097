"""Actions (fiches-action): one digital public service rendered to the population by one or more collectivités.

An action belongs to an owner collectivité (whose members edit it) and may be shared with others (a commune and
its EPCI...), for which it counts too. It is filed under one or more services of one edition of the referential.
`last_activity_at` is the date that counts for eligibility (see `rules.py`): set when the action is published,
and when a published action is updated or confirmed as still running.

Writes go through `services.py`; the edit history (django-simple-history) records who changed what and when.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from arobase.actions import rules


class ActionStatus(models.TextChoices):
    PLANNED = rules.PLANNED, _("prévue")
    ONGOING = rules.ONGOING, _("en cours")
    DONE = rules.DONE, _("réalisée")


def _local_year_start(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())


class ActionQuerySet(models.QuerySet):
    def published(self) -> ActionQuerySet:
        return self.filter(is_published=True)

    def of_territory(self, territory) -> ActionQuerySet:
        """Actions owned by the collectivité or shared with it."""
        territory_id = getattr(territory, "pk", territory)
        # One `IN (… UNION …)` rather than `owner_id = x OR id IN (…)`: PostgreSQL cannot use the owner index
        # under that OR and scans every action.
        owned = Action.objects.filter(owner_id=territory_id).order_by().values("pk")
        shared = ActionTerritory.objects.filter(territory_id=territory_id).order_by().values("action_id")
        return self.filter(pk__in=owned.union(shared))

    def eligible_for(self, label_year: int) -> ActionQuerySet:
        """Published actions that count for the label of `label_year` (same rule as `rules.is_eligible`)."""
        years = rules.eligibility_years(label_year)
        return self.filter(
            is_published=True,
            status__in=sorted(rules.ELIGIBLE_STATUSES),
            last_activity_at__gte=_local_year_start(years[0]),
            last_activity_at__lt=_local_year_start(years[-1] + 1),
        )

    def expiring(self, *, today, label_year: int | None = None) -> ActionQuerySet:
        """Eligible actions whose last activity is of year N-2: they drop out after the label being prepared."""
        year = label_year if label_year is not None else rules.next_label_year(today)
        return self.eligible_for(year).filter(last_activity_at__lt=_local_year_start(year - rules.WINDOW_YEARS + 1))


class ActionTerritory(models.Model):
    """A collectivité other than the owner for which the action counts too (it takes part in it)."""

    action = models.ForeignKey("actions.Action", on_delete=models.CASCADE, related_name="partnerships")
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("collectivité partenaire")
        verbose_name_plural = _("collectivités partenaires")
        constraints = [models.UniqueConstraint(fields=["action", "territory"], name="action_territory_unique")]

    def __str__(self) -> str:
        return f"{self.action} — {self.territory}"


# The history of an action: one record per operation (see services.py), with the services and partner
# collectivités of the time. Module-level so that services can write one record for a whole operation.
ACTION_HISTORY = HistoricalRecords(
    m2m_fields=["services", "shared_with"],
    excluded_fields=["updated_at"],
    verbose_name=_("historique d'action"),
    verbose_name_plural=_("historiques d'actions"),
)


class Action(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    summary = models.TextField(
        _("résumé"), max_length=1000, help_text=_("En deux ou trois phrases : quel service, pour qui.")
    )
    what_was_done = models.TextField(_("ce qui a été fait"), blank=True)
    results = models.TextField(_("résultats"), blank=True)
    benefits = models.TextField(_("bénéfices pour la population"), blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.ONGOING)
    start_date = models.DateField(_("date de début"), null=True, blank=True)
    end_date = models.DateField(_("date de fin"), null=True, blank=True)

    edition = models.ForeignKey(
        "referential.ReferentialEdition",
        verbose_name=_("édition du référentiel"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    services = models.ManyToManyField(
        "referential.Service", verbose_name=_("services du référentiel"), related_name="actions"
    )
    owner = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("collectivité porteuse"),
        on_delete=models.PROTECT,
        related_name="owned_actions",
    )
    shared_with = models.ManyToManyField(
        "territories.Territory",
        verbose_name=_("collectivités partenaires"),
        through=ActionTerritory,
        related_name="shared_actions",
        blank=True,
    )

    is_published = models.BooleanField(_("publiée"), default=False)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    last_activity_at = models.DateTimeField(
        _("dernière mise à jour"),
        null=True,
        blank=True,
        help_text=_("Date de publication ou de dernière mise à jour publiée : elle compte pour le label."),
    )
    unpublished_at = models.DateTimeField(_("dépubliée le"), null=True, blank=True)
    unpublished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dépubliée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unpublished_reason = models.TextField(_("motif de la dépublication"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="created_actions",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # Bumped by every operation (optimistic locking): a form sends the version it showed, and a save based on
    # an older one is refused instead of silently overwriting what someone else changed meanwhile.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = ACTION_HISTORY
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-last_activity_at", "-updated_at", "-pk"]
        indexes = [
            # Partial indexes: the public lists walk the most recent published actions in order. (Django writes
            # the filter as `WHERE "is_published"`, which SQLite matches to a partial index but not to an index
            # whose first column is `is_published`.)
            models.Index(
                fields=["-last_activity_at", "-id"],
                condition=Q(is_published=True),
                name="action_published_activity_idx",
            ),
            models.Index(
                fields=["-updated_at", "-id"], condition=Q(is_published=True), name="action_published_updated_idx"
            ),
            models.Index(fields=["owner", "is_published"], name="action_owner_published_idx"),
            # The eligible actions of a few collectivités (examples of the peers' gaps): without it both databases
            # walk every published action of the eligibility window.
            models.Index(
                fields=["owner", "last_activity_at"],
                condition=Q(is_published=True),
                name="action_owner_activity_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="action_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", kwargs={"pk": self.pk})

    @property
    def public_actors(self) -> list[Actor]:
        """The actors the public sees (`Actor.is_public`), from the prefetched actors."""
        return [actor for actor in self.actors.all() if actor.is_public]

    @property
    def is_unpublished(self) -> bool:
        """Withdrawn by staff (moderation), as opposed to a draft never published."""
        return not self.is_published and self.unpublished_at is not None

    @property
    def is_draft(self) -> bool:
        return not self.is_published and self.unpublished_at is None

    @property
    def last_activity_date(self):
        return timezone.localdate(self.last_activity_at) if self.last_activity_at else None

    def is_eligible_for(self, label_year: int) -> bool:
        return rules.is_eligible(
            status=self.status,
            last_activity=self.last_activity_date,
            label_year=label_year,
            is_published=self.is_published,
        )

    def standing(self, today=None) -> rules.Standing:
        return rules.standing(
            status=self.status,
            is_published=self.is_published,
            last_activity=self.last_activity_date,
            today=today or timezone.localdate(),
        )


class ActionLink(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("adresse (URL)"), max_length=500)
    label = models.CharField(_("intitulé du lien"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["position"])

    class Meta:
        verbose_name = _("lien")
        verbose_name_plural = _("liens")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.label or self.url


def action_image_path(instance: ActionImage, filename: str) -> str:
    """A random name (never the uploaded one) with the extension of the re-encoded format."""
    suffix = PurePath(filename).suffix.lower() or ".jpg"
    now = timezone.now()
    return f"actions/{now:%Y/%m}/{uuid.uuid4().hex}{suffix}"


class ActionImage(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="images")
    file = models.ImageField(_("image"), upload_to=action_image_path, width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=300,
        help_text=_("Décrivez ce que montre l'image pour les personnes qui ne la voient pas."),
    )
    credit = models.CharField(_("crédit"), max_length=200, blank=True, help_text=_("Auteur ou autrice de la photo."))
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["position", "width", "height"])

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    PERSON = "person", _("Personne")


class ActorQuerySet(models.QuerySet):
    def public(self) -> ActorQuerySet:
        """The actors shown publicly (`rules.actor_is_public`, in SQL)."""
        return self.filter(Q(kind=rules.ORGANISATION) | Q(contact_consent=True))


class Actor(models.Model):
    """A person or organisation who runs or takes part in the action. Contact details are public only with
    consent (`contact_consent`)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="actors")
    kind = models.CharField(_("type"), max_length=12, choices=ActorKind.choices, default=ActorKind.ORGANISATION)
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("rôle dans l'action"), max_length=200, blank=True)
    is_elected = models.BooleanField(_("élu ou élue"), default=False)
    email = models.EmailField(_("adresse électronique"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    contact_consent = models.BooleanField(
        _("accepte que ses coordonnées soient publiées"),
        default=False,
        help_text=_("Sans cet accord, l'adresse et le téléphone ne sont jamais affichés publiquement."),
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["position"])

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return rules.actor_is_public(kind=self.kind, contact_consent=self.contact_consent)

    @property
    def public_contact(self) -> dict[str, str]:
        return rules.contact_is_public(contact_consent=self.contact_consent, email=self.email, phone=self.phone)


class GeocodingSource(models.TextChoices):
    BAN = "ban", _("Base adresse nationale")
    MANUAL = "manual", _("Saisie manuelle")


class Place(models.Model):
    """Where the service is rendered, geolocated (by the BAN or by hand)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="places")
    label = models.CharField(_("nom du lieu"), max_length=200, blank=True, help_text=_("Par exemple : médiathèque."))
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("commune"), max_length=200, blank=True)
    citycode = models.CharField(_("code INSEE"), max_length=5, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    geocoding_source = models.CharField(
        _("origine des coordonnées"), max_length=10, choices=GeocodingSource.choices, default=GeocodingSource.MANUAL
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["position"])

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="place_coordinates_idx")]

    def __str__(self) -> str:
        return self.label or self.one_line_address

    @property
    def one_line_address(self) -> str:
        return ", ".join(part for part in (self.address, f"{self.postcode} {self.city}".strip()) if part)


class PendingRevision(models.Model):
    """Changes to a published action saved as a draft: private until published (then applied to the action,
    which the public keeps seeing as it was until then), or discarded. `data` holds the whole edited state as
    the form gave it: {"fields": {...}, "services": [id], "shared_with": [id], "links"/"actors"/"places":
    [{"id": existing id or null, ...}], "images": [{"id", "alt_text", "credit", "file": stored name for a new
    image}]}. Its own history keeps every saved draft."""

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="pending_revision")
    data = models.JSONField(encoder=DjangoJSONEncoder)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(verbose_name=_("historique des brouillons de modifications"))

    class Meta:
        verbose_name = _("brouillon de modifications")
        verbose_name_plural = _("brouillons de modifications")

    def __str__(self) -> str:
        return str(self.action)

    def new_image_files(self) -> list[str]:
        return [item["file"] for item in self.data.get("images", []) if item.get("id") is None and item.get("file")]
