from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from arobase.core.text import normalize


class TerritoryKind(models.TextChoices):
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    FOREIGN = "foreign", _("Collectivité étrangère")


class EpciType(models.TextChoices):
    CC = "CC", _("Communauté de communes")
    CA = "CA", _("Communauté d'agglomération")
    CU = "CU", _("Communauté urbaine")
    METRO = "METRO", _("Métropole")
    MET69 = "MET69", _("Métropole de Lyon")


class LabelCategory(models.TextChoices):
    """How a collectivité competes for the label; declared when it joins."""

    VILLE = "ville", _("Ville")
    VILLAGE = "village", _("Village")
    TERRITOIRE = "territoire", _("Territoire")


class Territory(models.Model):
    """A collectivité: every French région, département, commune and EPCI, plus foreign ones added by staff.

    Official territories come from the Code officiel géographique (see `import_territories`) and are never
    deleted: a commune that disappears (merger) is marked obsolete so that its history stays readable.
    """

    kind = models.CharField(_("type"), max_length=12, choices=TerritoryKind.choices)
    # INSEE code for communes, départements and régions; SIREN for EPCI; generated for foreign collectivités.
    code = models.CharField(_("code"), max_length=12)
    name = models.CharField(_("nom"), max_length=200)
    # Normalised name framed by spaces, so that " saint etienne" matches the start of any word.
    # Indexed with is_obsolete on every database (territory_search_idx) and with a trigram index on PostgreSQL
    # (migration 0002) for the `LIKE '% word%'` of the search.
    search_name = models.CharField(max_length=220, editable=False)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, db_index=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    region = models.ForeignKey(
        "self", verbose_name=_("région"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    departement = models.ForeignKey(
        "self", verbose_name=_("département"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    epci = models.ForeignKey(
        "self",
        verbose_name=_("intercommunalité"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": TerritoryKind.EPCI},
    )
    epci_type = models.CharField(_("nature de l'EPCI"), max_length=5, choices=EpciType.choices, blank=True)
    # Space-framed list of postal codes (" 80000 80080 "), searchable with a simple contains.
    postal_codes = models.CharField(_("codes postaux"), max_length=400, blank=True)
    zone = models.CharField(_("zone"), max_length=10, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    country = models.CharField(_("pays"), max_length=2, default="FR")
    label_category = models.CharField(_("catégorie au label"), max_length=10, choices=LabelCategory.choices, blank=True)
    is_obsolete = models.BooleanField(_("obsolète"), default=False)
    obsolete_since = models.DateField(_("obsolète depuis"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("collectivité")
        verbose_name_plural = _("collectivités")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="territory_unique_kind_code"),
        ]
        # Lists are ordered by population DESC NULLS LAST: PostgreSQL gets matching indexes in migration 0002
        # (SQLite cannot declare NULLS LAST in an index; there, scanning the 36,000 rows is faster than walking a
        # population index, which its planner would otherwise pick for kind-filtered or postal-code searches).
        indexes = [
            models.Index(fields=["is_obsolete", "search_name"], name="territory_search_idx"),
        ]

    def __str__(self) -> str:
        if self.kind == TerritoryKind.COMMUNE:
            return f"{self.name} ({departement_code_of_commune(self.code)})"
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("territories:detail", kwargs={"kind": self.kind, "code": self.code})

    @property
    def is_foreign(self) -> bool:
        return self.kind == TerritoryKind.FOREIGN

    @property
    def postal_code_list(self) -> list[str]:
        return self.postal_codes.split()


def search_key(name: str) -> str:
    """The stored search form of a name: normalised and framed by spaces."""
    return f" {normalize(name)} "


def departement_code_of_commune(insee_code: str) -> str:
    """The département part of a commune's INSEE code: 3 characters overseas (971..976), else 2 ("2A")."""
    return insee_code[:3] if insee_code.startswith("97") else insee_code[:2]
