"""Articles and events proposed by members of the network, published after staff moderation."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    PUBLISHED = "published", _("Publié")
    REFUSED = "refused", _("Refusé")


class ArticleKind(models.TextChoices):
    FOND = "fond", _("Article de fond")
    TEMOIGNAGE = "temoignage", _("Témoignage")


class EventKind(models.TextChoices):
    RENCONTRE_REGIONALE = "rencontre_regionale", _("Rencontre régionale")
    ASSISES = "assises", _("Assises")
    WEBINAIRE = "webinaire", _("Webinaire")
    JOURNEE_NATIONALE = "journee_nationale", _("Journée nationale")
    CEREMONIE = "ceremonie", _("Cérémonie du label")


class TimeZone(models.TextChoices):
    """Metropolitan France and the Outre-mer."""

    PARIS = "Europe/Paris", _("France métropolitaine (Paris)")
    GUADELOUPE = "America/Guadeloupe", _("Guadeloupe")
    MARTINIQUE = "America/Martinique", _("Martinique")
    GUYANE = "America/Cayenne", _("Guyane")
    REUNION = "Indian/Reunion", _("La Réunion")
    MAYOTTE = "Indian/Mayotte", _("Mayotte")
    SAINT_PIERRE = "America/Miquelon", _("Saint-Pierre-et-Miquelon")
    NOUVELLE_CALEDONIE = "Pacific/Noumea", _("Nouvelle-Calédonie")
    POLYNESIE = "Pacific/Tahiti", _("Polynésie française")
    WALLIS = "Pacific/Wallis", _("Wallis-et-Futuna")


class RegistrationCapacity(models.TextChoices):
    ELU = "elu", _("Élu ou élue")
    AGENT = "agent", _("Agent territorial")
    OTHER = "other", _("Autre")


class Proposal(models.Model):
    """What articles and events share: a collectivité, themes, a proposer and the moderation."""

    title = models.CharField(_("titre"), max_length=200)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("collectivité"), on_delete=models.PROTECT, related_name="+"
    )
    themes = models.ManyToManyField("referential.Theme", verbose_name=_("thèmes"), blank=True, related_name="+")
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("proposé par")
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("modéré le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "-"


class Article(Proposal):
    kind = models.CharField(_("genre"), max_length=12, choices=ArticleKind.choices, default=ArticleKind.FOND)
    summary = models.CharField(_("chapeau"), max_length=400, blank=True)
    body = models.TextField(_("texte (Markdown)"))

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(
                fields=["-published_at", "-id"], condition=Q(status="published"), name="article_published_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="article_refusal_has_reason"
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("network:article", kwargs={"pk": self.pk, "slug": self.slug})


class Event(Proposal):
    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices)
    description = models.TextField(_("programme (Markdown)"))
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    time_zone = models.CharField(_("fuseau horaire"), max_length=40, choices=TimeZone.choices, default=TimeZone.PARIS)
    place_name = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    online_url = models.URLField(_("lien de la réunion en ligne"), blank=True)
    registration_enabled = models.BooleanField(_("inscriptions ouvertes"), default=True)
    max_participants = models.PositiveIntegerField(_("nombre maximum de participants"), null=True, blank=True)

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["starts_at", "id"], condition=Q(status="published"), name="event_published_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="event_refusal_has_reason"
            ),
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("network:event", kwargs={"pk": self.pk, "slug": self.slug})


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    capacity = models.CharField(_("à quel titre"), max_length=10, choices=RegistrationCapacity.choices)
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_one_per_user")]

    def __str__(self) -> str:
        return f"{self.user} — {self.event}"
