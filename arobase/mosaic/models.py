"""The coverage table: what `selectors.territory_mosaic` computes, stored per collectivité, label year and service,
so that comparisons across thousands of collectivités (peers, gaps, national shares) are one indexed query.

Only lit services are stored (a row means at least one eligible action). `TerritoryCoverage` holds the totals of a
collectivité for a year (eligible actions, lit services); a collectivité without any eligible action has no row.
`CoverageYear` records which referential edition each stored year was computed with: a year computed with another
edition (staff published a new one) is recomputed on the next read (`services.ensure_coverage`).

Each service row also keeps the collectivité's own most recent eligible actions lighting the service (at most
`RECENT_ACTIONS`): the examples of the gap analysis are the first of these among the peers, found without reading
the peers' actions (30,000 of them for a large peer group at 300,000 actions).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

RECENT_ACTIONS = 3


class ServiceCoverage(models.Model):
    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("année du label"))
    service_code = models.CharField(_("service"), max_length=20)
    eligible_actions = models.PositiveIntegerField(_("actions éligibles"))
    # [[action id, last activity in microseconds since the epoch], …], newest first, owned actions only (an action
    # shared with several collectivités is listed once, under its owner). The first one is repeated in the two
    # columns below so that the database can rank the rows.
    recent_actions = models.JSONField(_("actions récentes"), default=list, blank=True)
    latest_activity_at = models.DateTimeField(_("dernière activité"), null=True, blank=True)
    latest_action_id = models.PositiveIntegerField(_("action la plus récente"), null=True, blank=True)

    class Meta:
        verbose_name = _("couverture d'un service")
        verbose_name_plural = _("couvertures des services")
        constraints = [
            models.UniqueConstraint(fields=["year", "territory", "service_code"], name="service_coverage_unique"),
        ]
        # National shares group one year by service; the peers' lighting and "qui me ressemblent" read it with the
        # collectivité, from the index alone (SQLite, without statistics, prefers it to the unique index); the gaps'
        # examples walk one service's rows from the newest action.
        indexes = [
            models.Index(
                fields=["year", "service_code", "latest_activity_at", "latest_action_id", "territory"],
                name="service_coverage_service_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.territory_id} {self.year} {self.service_code}: {self.eligible_actions}"


class TerritoryCoverage(models.Model):
    territory = models.ForeignKey("territories.Territory", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("année du label"))
    eligible_actions = models.PositiveIntegerField(_("actions éligibles"))
    lit_services = models.PositiveIntegerField(_("services allumés"))

    class Meta:
        verbose_name = _("couverture d'une collectivité")
        verbose_name_plural = _("couvertures des collectivités")
        constraints = [models.UniqueConstraint(fields=["year", "territory"], name="territory_coverage_unique")]

    def __str__(self) -> str:
        return f"{self.territory_id} {self.year}: {self.lit_services}"


class CoverageYear(models.Model):
    year = models.PositiveSmallIntegerField(_("année du label"), unique=True)
    edition_id = models.PositiveIntegerField(_("édition du référentiel"))
    computed_at = models.DateTimeField(_("calculée le"), auto_now=True)

    class Meta:
        verbose_name = _("année de couverture calculée")
        verbose_name_plural = _("années de couverture calculées")

    def __str__(self) -> str:
        return f"{self.year} ({self.edition_id})"
