"""What each kind of notification is and how it is delivered by default (pure: no database access)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


class Delivery:
    IMMEDIATE = "immediate"
    DIGEST = "digest"
    NONE = "none"

    CHOICES = (
        (IMMEDIATE, "Un courriel à chaque fois"),
        (DIGEST, "Un résumé quotidien"),
        (NONE, "Pas de courriel"),
    )
    VALUES = frozenset(value for value, _ in CHOICES)


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    default_delivery: str
    # False for kinds whose app already sends its own (transactional) email: only shown on the notifications page.
    emailed_here: bool = True


# The kinds other apps may pass to `services.notify`; what someone asked for directly comes at once, what is
# only informative comes in the daily digest.
KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind("affiliation_request", "Demandes de rattachement à décider", Delivery.NONE, emailed_here=False),
        Kind("affiliation_decision", "Décisions sur mes demandes de rattachement", Delivery.NONE, emailed_here=False),
        Kind("moderation", "Modération de ce que j'ai proposé", Delivery.IMMEDIATE),
        Kind("candidacy_deadline", "Échéances de candidature au label", Delivery.NONE, emailed_here=False),
        Kind("event_region", "Événements de ma région", Delivery.DIGEST),
        Kind("forum_reply", "#elunum : réponses dans mes discussions", Delivery.IMMEDIATE),
        Kind("forum_mention", "#elunum : mentions de mon nom", Delivery.IMMEDIATE),
        Kind("forum_subscription", "#elunum : nouveautés de mes abonnements", Delivery.DIGEST),
    )
}

# The digest email unsubscribes from every kind delivered in the digest at once.
DIGEST_KIND = "digest"


def is_known_kind(kind: str) -> bool:
    return kind in KINDS


def configurable_kinds() -> list[str]:
    """The kinds whose email someone may choose (the others are emailed by the app they come from)."""
    return [code for code, kind in KINDS.items() if kind.emailed_here]


def delivery_for(kind: str, chosen: Mapping[str, str]) -> str:
    """The delivery of a kind for someone whose recorded choices are `chosen` (kind → delivery)."""
    value = chosen.get(kind)
    if not KINDS[kind].emailed_here:
        return Delivery.NONE
    if value in Delivery.VALUES:
        return value
    return KINDS[kind].default_delivery


def deliveries(chosen: Mapping[str, str]) -> dict[str, str]:
    """Every kind with its delivery, in the order of `KINDS`."""
    return {code: delivery_for(code, chosen) for code in KINDS}


def kinds_unsubscribed_by(token_kind: str, chosen: Mapping[str, str]) -> list[str]:
    """The kinds an unsubscribe link turns off: its own kind, or every kind delivered in the digest."""
    if token_kind == DIGEST_KIND:
        return [code for code, delivery in deliveries(chosen).items() if delivery == Delivery.DIGEST]
    if token_kind in KINDS:
        return [token_kind]
    return []


def digest_sections(items: Iterable[tuple[str, object]]) -> list[tuple[str, list[object]]]:
    """Groups (kind, item) pairs by kind, in the order of `KINDS`, each kind with its label."""
    grouped: dict[str, list[object]] = {}
    for kind, item in items:
        grouped.setdefault(kind, []).append(item)
    return [(KINDS[code].label, grouped[code]) for code in KINDS if code in grouped]
