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
