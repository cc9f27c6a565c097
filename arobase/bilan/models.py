from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """The sections of a bilan where the association's experts may write."""

    SUMMARY = "synthese", _("Synthèse")
    MAP = "carte", _("Carte des actions")
    MOSAIC = "mosaique", _("Mosaïque")
    HISTORY = "historique", _("Histoire au label")
    PEERS = "pairs", _("Comparaison avec les pairs")
    GAPS = "ecarts", _("Ce que font les pairs")
    MEMBERS = "communes", _("Communes membres")


class Commentary(models.Model):
    """An expert's commentary on one section of a collectivité's bilan: a draft until staff publish it; only a
    published commentary appears in the bilan."""

    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="+")
    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    text = models.TextField(_("commentaire"), max_length=10_000, help_text=_("Markdown simple."))
    is_published = models.BooleanField(_("publié"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commentaire de bilan")
        verbose_name_plural = _("commentaires de bilan")
        constraints = [models.UniqueConstraint(fields=["territory", "section"], name="bilan_commentary_unique")]

    def __str__(self) -> str:
        return f"{self.territory_id} — {self.section}"


class BilanStatus(models.TextChoices):
    PENDING = "pending", _("en attente")
    RUNNING = "running", _("en cours")
    DONE = "done", _("prêt")
    FAILED = "failed", _("échec")


class BilanRequest(models.Model):
    """A PDF of a bilan, generated in the background. `key` says what it shows (see `services.bilan_key`): a
    finished request of the same key is served again instead of generating another PDF."""

    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("année du label"))
    key = models.CharField(max_length=200, db_index=True)
    status = models.CharField(max_length=10, choices=BilanStatus.choices, default=BilanStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    pdf = models.FileField(upload_to="bilans/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("demande de bilan")
        verbose_name_plural = _("demandes de bilan")

    def __str__(self) -> str:
        return f"{self.territory_id} {self.year} ({self.status})"
