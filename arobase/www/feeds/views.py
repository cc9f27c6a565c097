"""Atom feeds (django.contrib.syndication) and iCalendar feeds of what is public: published actions, articles,
events, the timeline, and the palmarès once its ceremony has passed. Links are absolute (the request's host)."""

from __future__ import annotations

import datetime
import hashlib

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from arobase.atlaas.public_selectors import ActionFilters, public_actions
from arobase.label import selectors as label_selectors
from arobase.label.campaigns import selectors as campaign_selectors
from arobase.label.palmares import selectors as palmares_selectors
from arobase.network import selectors as network_selectors
from arobase.network.calendar import event_calendar
from arobase.referential.models import Service
from arobase.territories.models import Territory, TerritoryKind
from arobase.timeline.selectors import timeline_entries

FEED_SIZE = 50


class _AtomFeed(Feed):
    feed_type = Atom1Feed

    def item_title(self, item):
        return item.title


class ActionsFeed(_AtomFeed):
    title = _("Actions publiées — Territoires, Villes et Villages Internet")
    description = _("Les dernières fiches-action publiées ou mises à jour par les collectivités.")

    def link(self):
        return reverse("atlaas:map")

    def items(self):
        return public_actions(ActionFilters())[:FEED_SIZE]

    def item_description(self, item):
        return item.summary

    def item_updateddate(self, item):
        return item.last_activity_at or item.updated_at

    def item_pubdate(self, item):
        return item.published_at


class TerritoryActionsFeed(ActionsFeed):
    def get_object(self, request, kind: str, code: str):
        return get_object_or_404(Territory, kind=kind, code=code)

    def title(self, territory):
        return _("Actions publiées de %(name)s") % {"name": territory.name}

    def link(self, territory):
        return territory.get_absolute_url()

    def description(self, territory):
        return _("Les actions publiées par %(name)s ou partagées avec elle.") % {"name": territory.name}

    def items(self, territory):
        return public_actions(ActionFilters(territory=territory.code))[:FEED_SIZE]


class ServiceActionsFeed(ActionsFeed):
    def get_object(self, request, code: str):
        service = Service.objects.filter(code=code).order_by("-edition__year").first()
        if service is None:
            raise Http404(_("Service inconnu."))
        return service

    def title(self, service):
        return _("Actions publiées pour le service « %(label)s »") % {"label": service.label}

    def link(self, service):
        return reverse("atlaas:map")

    def description(self, service):
        return service.label

    def items(self, service):
        return public_actions(ActionFilters(service=service.code))[:FEED_SIZE]


class ArticlesFeed(_AtomFeed):
    title = _("Articles du réseau Villes Internet")
    description = _("Articles de fond et témoignages des collectivités du réseau.")

    def link(self):
        return reverse("network:articles")

    def items(self):
        return network_selectors.published_articles()[:FEED_SIZE]

    def item_description(self, item):
        return item.summary or item.body[:500]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class EventsFeed(_AtomFeed):
    title = _("Événements du réseau Villes Internet")
    description = _("Rencontres régionales, assises, webinaires, journée nationale et cérémonie du label.")

    def link(self):
        return reverse("network:events")

    def items(self):
        return network_selectors.published_events().order_by("-published_at", "-id")[:FEED_SIZE]

    def item_description(self, item):
        return item.description[:500]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class TimelineFeed(_AtomFeed):
    title = _("Une histoire de l'Internet citoyen")
    description = _("Les repères de la frise : monde, France, lois, innovations, association, collectivités.")

    def link(self):
        return reverse("timeline:timeline")

    def items(self):
        return list(reversed(timeline_entries(labels_by_year=True)))[:FEED_SIZE]

    def item_link(self, item):
        return f"{reverse('timeline:timeline')}#annee-{item.year}"

    def item_guid(self, item):
        digest = hashlib.sha256(f"{item.date}|{item.track}|{item.title}".encode()).hexdigest()[:16]
        return f"urn:arobase:timeline:{digest}"

    item_guid_is_permalink = False

    def item_description(self, item):
        return f"{item.date_label} — {item.track_label}. {item.body} {_('Source :')} {item.source_text}".strip()

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(), tzinfo=datetime.UTC)


class PalmaresFeed(_AtomFeed):
    """One entry per public palmarès: only years `published_results()` lets out (after the ceremony)."""

    title = _("Palmarès du label Territoires, Villes et Villages Internet")
    description = _("Chaque palmarès du label, publié le jour de la cérémonie.")

    def link(self):
        return reverse("label:palmares_index")

    def items(self):
        results = label_selectors.published_results()
        return [
            {"year": year, "count": results.filter(year=year).count()}
            for year in palmares_selectors.palmares_years()[:FEED_SIZE]
        ]

    def item_title(self, item):
        return _("Palmarès %(year)s du label") % {"year": item["year"]}

    def item_description(self, item):
        return _("%(count)s collectivités labellisées.") % {"count": item["count"]}

    def item_link(self, item):
        return reverse("label:palmares", kwargs={"year": item["year"]})

    def item_pubdate(self, item):
        campaign = campaign_selectors.campaign_by_year(item["year"])
        if campaign is not None:
            return campaign.ceremony_at
        return datetime.datetime(item["year"], 1, 1, tzinfo=datetime.UTC)


def _calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _calendar_events(region: str = ""):
    # The past year and everything to come: enough for an agenda, bounded.
    since = timezone.now() - datetime.timedelta(days=365)
    return network_selectors.published_events(region=region, upcoming_at=since)[:500]


@require_GET
def events_ics(request):
    content = event_calendar(_calendar_events(), request=request, name=_("Événements du réseau Villes Internet"))
    return _calendar_response(content, "evenements.ics")


@require_GET
def region_events_ics(request, code: str):
    region = get_object_or_404(Territory, kind=TerritoryKind.REGION, code=code)
    content = event_calendar(
        _calendar_events(region=code),
        request=request,
        name=_("Événements du réseau Villes Internet — %(name)s") % {"name": region.name},
    )
    return _calendar_response(content, f"evenements-{code}.ics")
