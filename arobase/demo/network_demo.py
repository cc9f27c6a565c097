"""Demo content of the network: published articles, events (the national day and its ceremony among them) and
milestones pinned by collectivités. Idempotent: nothing is added when the demo articles exist."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from arobase.network.models import Article, ArticleKind, Event, EventKind, Status
from arobase.referential.models import Theme
from arobase.territories.models import Territory, TerritoryKind
from arobase.timeline.models import Milestone, MilestoneStatus, Track

DEMO_MARK = "Le conseil municipal des jeunes passe en ligne"
PARIS = ZoneInfo("Europe/Paris")


def _territories() -> list[Territory]:
    wanted = ["80021", "29019", "59350", "35238", "97411"]
    found = {t.code: t for t in Territory.objects.filter(kind=TerritoryKind.COMMUNE, code__in=wanted)}
    territories = [found[code] for code in wanted if code in found]
    return territories or list(Territory.objects.filter(kind=TerritoryKind.COMMUNE).order_by("code")[:5])


@transaction.atomic
def generate_network_demo(*, now: datetime.datetime | None = None) -> int:
    """Creates the demo content; returns how many objects were added (0 when it already exists)."""
    if Article.objects.filter(title=DEMO_MARK).exists():
        return 0
    territories = _territories()
    if not territories:
        return 0
    now = now or timezone.now()
    themes = list(Theme.objects.filter(edition__year=2019).order_by("position"))
    first, others = territories[0], territories[1:] or territories
    created = 0

    articles = [
        (
            ArticleKind.TEMOIGNAGE,
            DEMO_MARK,
            first,
            "Les jeunes élus votent désormais leurs projets sur une plateforme "
            "ouverte.\n\n## Ce qui a changé\n\n- des séances diffusées ;\n- des votes en ligne ;\n"
            "- des comptes rendus publics.",
        ),
        (
            ArticleKind.FOND,
            "Médiation numérique : ce que les collectivités ont appris en dix ans",
            others[0],
            "Un article de fond sur les **espaces publics numériques**, leurs publics et leurs financements.",
        ),
        (
            ArticleKind.FOND,
            "Ouvrir ses données publiques sans équipe dédiée",
            others[-1],
            "Méthode pas à pas pour une petite commune : inventaire, licence ouverte, publication.",
        ),
    ]
    for index, (kind, title, territory, body) in enumerate(articles):
        article = Article.objects.create(
            kind=kind,
            title=title,
            territory=territory,
            body=body,
            status=Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=3 * index + 1),
        )
        if themes:
            article.themes.set([themes[index % len(themes)]])
        created += 1

    national_day = datetime.datetime(now.year + 1, 1, 29, 9, 0, tzinfo=PARIS)
    events = [
        (
            EventKind.JOURNEE_NATIONALE,
            "Journée nationale des Territoires, Villes et Villages Internet",
            national_day,
            national_day.replace(hour=18),
            "Grande Arche de la Défense",
            "1 Parvis de la Défense 92800 Puteaux",
            48.8926,
            2.2361,
            "",
            400,
        ),
        (
            EventKind.CEREMONIE,
            f"Cérémonie de remise du label {now.year + 1}",
            national_day.replace(hour=16),
            national_day.replace(hour=18),
            "Grande Arche de la Défense",
            "1 Parvis de la Défense 92800 Puteaux",
            48.8926,
            2.2361,
            "",
            400,
        ),
        (
            EventKind.RENCONTRE_REGIONALE,
            "Rencontre régionale : le numérique dans les petites communes",
            now.replace(hour=14, minute=0, second=0, microsecond=0) + datetime.timedelta(days=21),
            now.replace(hour=17, minute=0, second=0, microsecond=0) + datetime.timedelta(days=21),
            "Maison de la culture",
            "8 Boulevard du Port 80000 Amiens",
            49.897443,
            2.290084,
            "",
            60,
        ),
        (
            EventKind.WEBINAIRE,
            "Webinaire : accessibilité des sites publics",
            now.replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(days=9),
            now.replace(hour=11, minute=30, second=0, microsecond=0) + datetime.timedelta(days=9),
            "",
            "",
            None,
            None,
            "https://visio.example.org/accessibilite",
            None,
        ),
    ]
    for index, (kind, title, starts, ends, place, address, lat, lon, url, maximum) in enumerate(events):
        event = Event.objects.create(
            kind=kind,
            title=title,
            territory=territories[index % len(territories)],
            description="Programme détaillé à venir : accueil, tables rondes, échanges entre collectivités.",
            starts_at=starts,
            ends_at=ends,
            place_name=place,
            address=address,
            latitude=lat,
            longitude=lon,
            online_url=url,
            max_participants=maximum,
            status=Status.PUBLISHED,
            published_at=now,
        )
        if themes:
            event.themes.set(themes[:2])
        created += 1

    milestones = [
        (first, datetime.date(2003, 1, 1), "year", "Premier site Internet de la ville"),
        (first, datetime.date(2012, 6, 1), "month", "Ouverture de l'espace public numérique"),
        (others[0], datetime.date(2016, 9, 15), "day", "Le wifi public dans toutes les bibliothèques"),
    ]
    for territory, date, precision, title in milestones:
        Milestone.objects.create(
            territory=territory,
            date=date,
            precision=precision,
            title=title,
            track=Track.COLLECTIVITES,
            source_text="Bulletin municipal",
            status=MilestoneStatus.PUBLISHED,
        )
        created += 1
    return created
