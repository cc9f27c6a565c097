"""The versioned referential of the label: edition (label year) → themes → enjeux → services.

The comité d'orientation revises the referential every year, so every edition is a full tree of its own;
`ServiceMapping` records which service of an older edition becomes which service of a newer one, so that
actions filed under an old service keep counting.

`Enjeu` and `Service` carry a copy of their edition (kept in sync by `save()`) so that codes can be unique
per edition at the database level and so that "all services of edition N" is a single-table query.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")


class ReferentialEdition(models.Model):
    """One version of the referential, named by the year of the label it is used for."""

    year = models.PositiveSmallIntegerField(_("année du label"), unique=True)
    label = models.CharField(_("intitulé"), max_length=200, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copiée de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies",
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("édition du référentiel")
        verbose_name_plural = _("éditions du référentiel")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.label or str(_("Référentiel %(year)s") % {"year": self.year})

    @property
    def is_published(self) -> bool:
        return self.status == EditionStatus.PUBLISHED


class Theme(models.Model):
    edition = models.ForeignKey(
        ReferentialEdition, verbose_name=_("édition"), on_delete=models.CASCADE, related_name="themes"
    )
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("intitulé"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["edition", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="referential_theme_code_unique_per_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.label}"


class Enjeu(models.Model):
    """A sub-theme of the mosaïque, with the guiding question asked to the collectivité."""

    theme = models.ForeignKey(Theme, verbose_name=_("thème"), on_delete=models.CASCADE, related_name="enjeux")
    edition = models.ForeignKey(
        ReferentialEdition, verbose_name=_("édition"), on_delete=models.CASCADE, related_name="+", editable=False
    )
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("intitulé"), max_length=200)
    question = models.TextField(_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("enjeu")
        verbose_name_plural = _("enjeux")
        ordering = ["edition", "theme__position", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="referential_enjeu_code_unique_per_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.label}"

    def save(self, *args, **kwargs):
        self.edition_id = self.theme.edition_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.theme_id is None:
            return
        edition_id = self.theme.edition_id
        if self.pk and self.edition_id and self.edition_id != edition_id:
            raise ValidationError({"theme": _("Un enjeu ne peut pas changer d'édition du référentiel.")})
        if Enjeu.objects.filter(edition_id=edition_id, code=self.code).exclude(pk=self.pk).exists():
            raise ValidationError({"code": _("Ce code est déjà utilisé dans cette édition du référentiel.")})


class Service(models.Model):
    """A digital public service a collectivité can render; actions are filed under one or more services."""

    enjeu = models.ForeignKey(Enjeu, verbose_name=_("enjeu"), on_delete=models.CASCADE, related_name="services")
    edition = models.ForeignKey(
        ReferentialEdition, verbose_name=_("édition"), on_delete=models.CASCADE, related_name="+", editable=False
    )
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("intitulé"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["edition", "enjeu__theme__position", "enjeu__position", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="referential_service_code_unique_per_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.label}"

    def save(self, *args, **kwargs):
        self.edition_id = self.enjeu.edition_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.enjeu_id is None:
            return
        edition_id = self.enjeu.edition_id
        if self.pk and self.edition_id and self.edition_id != edition_id:
            raise ValidationError({"enjeu": _("Un service ne peut pas changer d'édition du référentiel.")})
        if Service.objects.filter(edition_id=edition_id, code=self.code).exclude(pk=self.pk).exists():
            raise ValidationError({"code": _("Ce code est déjà utilisé dans cette édition du référentiel.")})


class ServiceMapping(models.Model):
    """Service `from_service` of an older edition continues as `to_service` in a newer edition.

    A service may be split (several rows from one service) or merged (several rows to one service);
    a service of the older edition with no row towards the newer edition was dropped.
    """

    from_service = models.ForeignKey(
        Service, verbose_name=_("service d'origine"), on_delete=models.CASCADE, related_name="mappings_forward"
    )
    to_service = models.ForeignKey(
        Service, verbose_name=_("service correspondant"), on_delete=models.CASCADE, related_name="mappings_backward"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("correspondance de services")
        verbose_name_plural = _("correspondances de services")
        ordering = ["from_service__edition__year", "from_service__code", "to_service__code"]
        constraints = [
            models.UniqueConstraint(fields=["from_service", "to_service"], name="referential_mapping_unique"),
            models.CheckConstraint(
                condition=~Q(from_service=F("to_service")), name="referential_mapping_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_service.code} → {self.to_service.code}"

    def clean(self):
        super().clean()
        if self.from_service_id and self.to_service_id:
            from_year = self.from_service.edition.year
            to_year = self.to_service.edition.year
            if to_year <= from_year:
                raise ValidationError(
                    _("Le service correspondant doit appartenir à une édition plus récente que le service d'origine.")
                )
