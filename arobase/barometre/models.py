from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("brouillon (à relire)")
    FROZEN = "frozen", _("figée et publiée")


class Edition(models.Model):
    """The baromètre of one label year. Staff compute a draft (recomputed in place as often as they like), review it,
    then freeze it: a frozen edition is public and its figures never change. A later edition of the same year can
    only be started explicitly; the most recently frozen one of a year is the one shown."""

    year = models.PositiveSmallIntegerField(_("année du label"))
    status = models.CharField(_("état"), max_length=6, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    # Figures already under the small-cell rule: a hidden cell is stored as null (see `rules`).
    figures = models.JSONField(_("chiffres"), default=dict)
    computed_at = models.DateTimeField(_("calculée le"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("calculée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    frozen_at = models.DateTimeField(_("figée le"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("figée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("édition du baromètre")
        verbose_name_plural = _("éditions du baromètre")
        ordering = ["-year", "-frozen_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year"], condition=Q(status="draft"), name="barometre_one_draft_per_year"),
            models.CheckConstraint(
                condition=Q(status="draft", frozen_at__isnull=True) | Q(status="frozen", frozen_at__isnull=False),
                name="barometre_frozen_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "year"], name="barometre_status_year_idx")]

    def __str__(self) -> str:
        return f"Baromètre {self.year} ({self.get_status_display()})"

    @property
    def is_frozen(self) -> bool:
        return self.status == EditionStatus.FROZEN


class ComputationStatus(models.TextChoices):
    PENDING = "pending", _("en attente")
    RUNNING = "running", _("en cours")
    DONE = "done", _("terminé")
    FAILED = "failed", _("échec")


ACTIVE_STATUSES = (ComputationStatus.PENDING, ComputationStatus.RUNNING)


class Computation(models.Model):
    """A staff request to compute the draft edition of a year, run in the background (it reads every eligible
    action: seconds at national scale). It records its progress for the admin, and its outcome: the draft edition,
    or the French message of why it failed. At most one is pending or running per year."""

    year = models.PositiveSmallIntegerField(_("année du label"))
    new_edition = models.BooleanField(_("nouvelle édition"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("état"), max_length=7, choices=ComputationStatus.choices, default=ComputationStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    step = models.CharField(_("étape"), max_length=200, blank=True)
    error = models.CharField(_("erreur"), max_length=500, blank=True)
    edition = models.ForeignKey(Edition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("calcul du baromètre")
        verbose_name_plural = _("calculs du baromètre")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status__in=["pending", "running"]),
                name="barometre_one_active_computation_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"Calcul du baromètre {self.year} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
