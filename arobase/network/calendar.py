"""iCalendar (RFC 5545) files of published events, with the `icalendar` library. Times carry the event's own
zone (TZID with its VTIMEZONE), so an agenda elsewhere converts them right."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vText
from icalendar import Event as CalendarEvent

from arobase.network import rules
from arobase.network.models import Event, Status


def _absolute(path: str, request=None) -> str:
    return request.build_absolute_uri(path) if request is not None else settings.SITE_URL.rstrip("/") + path


def event_calendar(events: Iterable[Event], *, request=None, name: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Villes Internet//Territoires, Villes et Villages Internet//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in events:
        if event.status != Status.PUBLISHED:
            continue  # never anything unpublished, whatever the caller passed
        starts, ends = rules.local_times(event.starts_at, event.ends_at, event.time_zone)
        item = CalendarEvent()
        host = settings.SITE_URL.split("//")[-1].split("/")[0]
        item.add("uid", f"evenement-{event.pk}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", starts)
        item.add("dtend", ends)
        item.add("summary", event.title)
        item.add("description", event.description)
        url = _absolute(event.get_absolute_url(), request)
        item.add("url", url)
        location = ", ".join(part for part in (event.place_name, event.address) if part) or event.online_url
        if location:
            item.add("location", vText(location))
        if event.latitude is not None and event.longitude is not None:
            item.add("geo", (event.latitude, event.longitude))
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
