"""Elunum, the search engine of public action over trusted sources.

- `Source`: a trusted host or URL prefix kept by staff (candidate → approved → suspended), each change of status
  recorded in `SourceStatusChange` (who and when).
- `Page`: a crawled page of a source, with what conditional requests need (ETag, Last-Modified), its SimHash
  fingerprint (near-duplicates point to the page they repeat and are not searched) and, on PostgreSQL, its
  weighted tsvector (GIN index, migration 0002; and one on the title's own vector, 0003); SQLite keeps the stemmed
  texts in the FTS5 table `elunum_page_fts`.
- `CrawlLog`: one row per crawl of a source (the health page).
- `HostLease`: who crawls a host until when, so that two workers never fetch the same host at once.
- `DailySearchCount`: searches per day, nothing else: no query text, no person, no address.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    COLLECTIVITE = "collectivite", _("Collectivité")
    MINISTERE = "ministere", _("Ministère")
    AGENCE = "agence", _("Agence")
    ASSOCIATION = "association", _("Association")
    PRESSE = "presse", _("Presse")
    RECHERCHE = "recherche", _("Recherche")


class SourceStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Proposée")
    APPROVED = "approved", _("Approuvée")
    SUSPENDED = "suspended", _("Suspendue")


class Source(models.Model):
    url_prefix = models.URLField(_("adresse (hôte ou préfixe)"), max_length=500, unique=True)
    host = models.CharField(_("hôte"), max_length=253, db_index=True, editable=False)
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=SourceKind.choices)
    territory = models.ForeignKey(
        "territories.Territory", verbose_name=_("collectivité"), null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(_("statut"), max_length=10, choices=SourceStatus.choices, default=SourceStatus.CANDIDATE)
    status_changed_at = models.DateTimeField(_("statut changé le"), auto_now_add=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    budget_pages = models.PositiveIntegerField(_("budget (pages)"), default=500)
    frequency_days = models.PositiveIntegerField(_("fréquence (jours)"), default=7)
    next_crawl_at = models.DateTimeField(_("prochaine exploration"), null=True, blank=True, db_index=True)
    failures = models.PositiveIntegerField(default=0)  # consecutive failed crawls, for the backoff
    is_demo = models.BooleanField(_("démonstration"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("source de confiance")
        verbose_name_plural = _("sources de confiance")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class SourceStatusChange(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(max_length=10, choices=SourceStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} → {self.status}"


class Page(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="pages")
    url = models.URLField(max_length=2000, unique=True)
    title = models.TextField(blank=True)
    text = models.TextField(blank=True)
    # Hyphenated words joined ("Wi-Fi" → "wifi"), as the Atlaas does, so that "wifi" and "wi-fi" find the same pages.
    compounds = models.TextField(blank=True)
    language = models.CharField(max_length=12, blank=True)
    published_at = models.DateField(null=True, blank=True, db_index=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    etag = models.CharField(max_length=200, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)
    fingerprint = models.BigIntegerField(null=True, blank=True, db_index=True)  # 64-bit SimHash, signed
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    missing_count = models.PositiveSmallIntegerField(default=0)  # consecutive 404/410
    is_demo = models.BooleanField(default=False)
    # PostgreSQL only (NULL on SQLite, which uses the FTS5 table instead).
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("page")

    def __str__(self) -> str:
        return self.url


class CrawlLog(models.Model):
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="crawl_logs")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    fetched = models.PositiveIntegerField(default=0)
    indexed = models.PositiveIntegerField(default=0)
    not_modified = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list)  # [{"url", "reason"}], the first ones

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M}"


class HostLease(models.Model):
    host = models.CharField(max_length=253, unique=True)
    holder = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.host


class DailySearchCount(models.Model):
    day = models.DateField(unique=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"
