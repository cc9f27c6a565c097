"""Pure rules of Elunum: which addresses belong to a source, what robots.txt allows, when to retry, what counts as
the same content, and how results are ranked. No database access."""

from __future__ import annotations

import hashlib
import ipaddress
import math
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

ALLOWED_SCHEMES = ("http", "https")
SIMHASH_BITS = 64
NEAR_DUPLICATE_DISTANCE = 3  # bits: two texts this close are the same content under two addresses
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 7 * 24 * 3600

# How much each kind of source weighs in the ranking (official sources first, all of them trusted).
KIND_WEIGHTS = {
    "collectivite": 1.0,
    "ministere": 1.1,
    "agence": 1.05,
    "association": 0.95,
    "presse": 0.9,
    "recherche": 0.95,
    "action": 1.0,
}
FRESHNESS_HALF_LIFE_DAYS = 365.0
FRESHNESS_SHARE = 0.3  # at most 30% of the score comes from freshness
_WORD = re.compile(r"[^\W_]+")


def normalised_prefix(url: str) -> str:
    """A source's prefix as stored: lower-case scheme and host, no query nor fragment, no trailing slash except
    after the host ("https://ville.fr/" for a whole host). Raises ValueError on anything but an http(s) address."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        raise ValueError("not an http(s) address")
    netloc = parts.hostname.lower() + (f":{parts.port}" if parts.port else "")
    path = parts.path.rstrip("/")
    return f"{parts.scheme.lower()}://{netloc}{path}/" if not path else f"{parts.scheme.lower()}://{netloc}{path}"


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")


def inside_prefix(url: str, prefix: str) -> bool:
    """Whether `url` is under the source prefix: same host (either scheme), and the path is the prefix's path or
    below it ("/actu" covers "/actu" and "/actu/x", not "/actualites")."""
    try:
        parts, base = urlsplit(url), urlsplit(prefix)
        if parts.scheme.lower() not in ALLOWED_SCHEMES or host_of(url) != host_of(prefix):
            return False
    except ValueError:
        return False
    root = base.path.rstrip("/")
    return not root or parts.path == root or parts.path.startswith(root + "/")


@dataclass(frozen=True)
class RobotsRules:
    """robots.txt as the crawler reads it (protego): an empty or missing file allows everything."""

    text: str

    def allows(self, url: str, user_agent: str) -> bool:
        return Protego.parse(self.text).can_fetch(url, user_agent)

    def crawl_delay(self, user_agent: str, minimum: float) -> float:
        delay = Protego.parse(self.text).crawl_delay(user_agent)
        return max(float(delay or 0), minimum)

    def sitemaps(self) -> list[str]:
        return list(Protego.parse(self.text).sitemaps)


def backoff_seconds(failures: int) -> int:
    """Delay before the next try after `failures` consecutive failures: doubling from a minute, capped at a week."""
    if failures <= 0:
        return 0
    return min(BACKOFF_BASE_SECONDS * 2 ** min(failures - 1, 30), BACKOFF_MAX_SECONDS)


def is_public_address(address: str) -> bool:
    """Whether the crawler may connect to this IP address: not private, loopback, link-local, multicast, reserved
    or unspecified (IPv4-mapped IPv6 addresses are judged as the IPv4 they carry)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved or ip.is_unspecified
    )


def _shingles(text: str, size: int = 3) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]


def simhash(text: str) -> int:
    """The 64-bit SimHash of a text's word 3-shingles, as a signed integer (what a BigIntegerField holds)."""
    totals = [0] * SIMHASH_BITS
    for shingle in _shingles(text):
        value = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        for bit in range(SIMHASH_BITS):
            totals[bit] += 1 if value >> bit & 1 else -1
    unsigned = sum(1 << bit for bit, total in enumerate(totals) if total > 0)
    return unsigned - (1 << SIMHASH_BITS) if unsigned >= 1 << (SIMHASH_BITS - 1) else unsigned


def hamming(a: int, b: int) -> int:
    mask = (1 << SIMHASH_BITS) - 1
    return bin((a & mask) ^ (b & mask)).count("1")


def near_duplicates(a: int, b: int) -> bool:
    return hamming(a, b) <= NEAR_DUPLICATE_DISTANCE


def score(*, relevance: float, age_days: float | None, kind: str) -> float:
    """The ranking of a result: relevance (any non-negative number, squashed into [0, 1)), made fresher by recent
    dates (half-life of a year; no date counts as old), weighted by the kind of source."""
    relevant = max(relevance, 0.0) / (1.0 + max(relevance, 0.0))
    freshness = 0.0 if age_days is None else math.exp(-max(age_days, 0.0) * math.log(2) / FRESHNESS_HALF_LIFE_DAYS)
    return relevant * (1 - FRESHNESS_SHARE + FRESHNESS_SHARE * freshness) * KIND_WEIGHTS.get(kind, 1.0)
