"""Geocoding of the places of actions, behind an interface.

`get_geocoder()` returns the geocoder named by the `GEOCODER` setting (a dotted path): by default the national
address API (Base adresse nationale, https://adresse.data.gouv.fr/); tests and machines without internet use
`StaticGeocoder`. Every geocoder raises `GeocoderUnavailable` when it cannot answer, so that forms can offer the
fallback (address and coordinates typed by hand).
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

BAN_SEARCH_URL = "https://api-adresse.data.gouv.fr/search/"
BAN_TIMEOUT_SECONDS = 3
DEFAULT_GEOCODER = "arobase.actions.geocoding.BanGeocoder"
MIN_QUERY_LENGTH = 3


@dataclass(frozen=True)
class AddressCandidate:
    label: str
    postcode: str
    city: str
    citycode: str
    lat: float
    lon: float
    # The part of the label before the postcode (number and street, or place name).
    name: str = ""


class GeocoderUnavailable(Exception):
    """The address service cannot be reached or answered something unusable."""


@runtime_checkable
class Geocoder(Protocol):
    def search(self, query: str, *, limit: int = 5) -> list[AddressCandidate]:
        """Addresses matching `query`, best first; an empty list when nothing matches.
        Raises `GeocoderUnavailable`."""
        ...


class BanGeocoder:
    """The national address API (BAN), with the standard library only and a short timeout."""

    def __init__(self, *, url: str = BAN_SEARCH_URL, timeout: float = BAN_TIMEOUT_SECONDS):
        self.url = url
        self.timeout = timeout

    def search(self, query: str, *, limit: int = 5) -> list[AddressCandidate]:
        query = " ".join(query.split())
        if len(query) < MIN_QUERY_LENGTH:
            return []
        params = urllib.parse.urlencode({"q": query[:200], "limit": max(1, min(limit, 20))})
        request = urllib.request.Request(  # noqa: S310 (fixed https URL)
            f"{self.url}?{params}", headers={"Accept": "application/json", "User-Agent": "arobase/1 (Villes Internet)"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                if response.status != 200:
                    raise GeocoderUnavailable(f"BAN answered HTTP {response.status}")
                payload = json.loads(response.read(1_000_000).decode("utf-8"))
        except GeocoderUnavailable:
            raise
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            logger.warning("BAN geocoder unavailable: %s", error)
            raise GeocoderUnavailable(str(error)) from error
        return parse_ban_answer(payload)


def parse_ban_answer(payload: object) -> list[AddressCandidate]:
    """Candidates from a BAN GeoJSON answer; raises `GeocoderUnavailable` on anything unexpected."""
    try:
        features = payload["features"]  # type: ignore[index]
        candidates = []
        for feature in features:
            properties = feature["properties"]
            lon, lat = feature["geometry"]["coordinates"][:2]
            candidates.append(
                AddressCandidate(
                    label=str(properties["label"]),
                    name=str(properties.get("name", "")),
                    postcode=str(properties.get("postcode", "")),
                    city=str(properties.get("city", "")),
                    citycode=str(properties.get("citycode", "")),
                    lat=float(lat),
                    lon=float(lon),
                )
            )
    except (KeyError, TypeError, ValueError, IndexError) as error:
        raise GeocoderUnavailable(f"unexpected BAN answer: {error!r}") from error
    return candidates


# A few real addresses, enough for tests and demos without internet.
STATIC_ADDRESSES = (
    AddressCandidate(
        label="8 Boulevard du Port 80000 Amiens",
        name="8 Boulevard du Port",
        postcode="80000",
        city="Amiens",
        citycode="80021",
        lat=49.897443,
        lon=2.290084,
    ),
    AddressCandidate(
        label="Place de l'Hôtel de Ville 59000 Lille",
        name="Place de l'Hôtel de Ville",
        postcode="59000",
        city="Lille",
        citycode="59350",
        lat=50.6311,
        lon=3.0716,
    ),
    AddressCandidate(
        label="1 Rue de la Mairie 29200 Brest",
        name="1 Rue de la Mairie",
        postcode="29200",
        city="Brest",
        citycode="29019",
        lat=48.3904,
        lon=-4.4861,
    ),
)


class StaticGeocoder:
    """A geocoder with a small fixed list of addresses (test double, offline demos).

    Matches when every word of the query appears in the label (case-insensitive). A query containing
    "indisponible" simulates an outage, to exercise the fallback.
    """

    addresses: tuple[AddressCandidate, ...] = STATIC_ADDRESSES

    def search(self, query: str, *, limit: int = 5) -> list[AddressCandidate]:
        words = query.casefold().split()
        if "indisponible" in words:
            raise GeocoderUnavailable("simulated outage")
        if len(query.strip()) < MIN_QUERY_LENGTH:
            return []
        found = [a for a in self.addresses if all(word in a.label.casefold() for word in words)]
        return found[:limit]


class UnavailableGeocoder:
    """A geocoder that is always down (tests of the fallback)."""

    def search(self, query: str, *, limit: int = 5) -> list[AddressCandidate]:
        raise GeocoderUnavailable("geocoder disabled")


def get_geocoder() -> Geocoder:
    return import_string(getattr(settings, "GEOCODER", DEFAULT_GEOCODER))()
