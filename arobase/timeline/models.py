"""Milestones of "Une histoire de l'Internet citoyen": seeded national ones and those collectivités pin.

Label milestones (first label, each new arobase) are not stored: `selectors` computes them from the published
palmarès at read time, so nothing about a campaign exists here before its ceremony.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Track(models.TextChoices):
    MONDE = "monde", _("Monde")
    FRANCE = "france", _("France")
    LOIS = "lois", _("Lois")
    INNOVATIONS = "innovations", _("Innovations")
    ASSOCIATION = "association", _("L'association Villes Internet")
    COLLECTIVITES = "collectivites", _("Collectivités")


class Precision(models.TextChoices):
    YEAR = "year", _("Année")
    MONTH = "month", _("Mois")
    DAY = "day", _("Jour")


class MilestoneStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposé")
    PUBLISHED = "published", _("Publié")
    REFUSED = "refused", _("Refusé")


def milestone_image_path(milestone: "Milestone", filename: str) -> str:
    """A random name: the upload's own name never reaches the disk."""
    return f"timeline/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class Milestone(models.Model):
    date = models.DateField(_("date"))
    precision = models.CharField(_("précision"), max_length=5, choices=Precision.choices, default=Precision.YEAR)
    track = models.CharField(_("piste"), max_length=15, choices=Track.choices)
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), blank=True)
    source_text = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("adresse de la source"), blank=True)
    territory = models.ForeignKey(
        "territories.Territory",
        verbose_name=_("collectivité"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    image = models.ImageField(_("image"), upload_to=milestone_image_path, blank=True)
    image_credit = models.CharField(_("crédit de l'image"), max_length=200, blank=True)
    image_alt = models.CharField(_("texte alternatif de l'image"), max_length=300, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=MilestoneStatus.choices, default=MilestoneStatus.PROPOSED
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("modéré le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("repère")
        verbose_name_plural = _("repères")
        ordering = ["date", "track", "title"]
        indexes = [
            models.Index(
                fields=["date", "track"], condition=Q(status="published"), name="milestone_published_date_idx"
            ),
        ]
        constraints = [
            # A refused milestone always tells its proposer why.
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""), name="milestone_refusal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date.year} — {self.title}"
