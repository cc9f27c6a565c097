"""Writes of articles, events and registrations. Members propose for a collectivité they belong to; staff
moderate; anyone signed in registers to a published event while registration is open.

Notifications (wired at merge): `moderate` → the proposer (decision and reason); `moderate` publishing an event →
the members of its région."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arobase.accounts.models import User
from arobase.accounts.permissions import can_contribute_to, is_staff
from arobase.actions.geocoding import GeocoderUnavailable, get_geocoder
from arobase.network import notifications, rules
from arobase.network.errors import NetworkError, NetworkPermissionDenied
from arobase.network.models import (
    Article,
    ArticleKind,
    Event,
    EventKind,
    Registration,
    RegistrationCapacity,
    Status,
    TimeZone,
)
from arobase.referential.models import Theme
from arobase.territories.models import Territory


def _check_member(actor: User, territory: Territory) -> None:
    if not can_contribute_to(actor, territory):
        raise NetworkPermissionDenied(_("Vous n'êtes pas membre de cette collectivité."))


def _check_editable(actor: User, item: Article | Event) -> None:
    """The proposer edits their proposal until it is published; staff edit anything."""
    if is_staff(actor):
        return
    if item.proposed_by_id != actor.pk or not can_contribute_to(actor, item.territory):
        raise NetworkPermissionDenied(_("Vous ne pouvez modifier que vos propres propositions."))
    if item.status == Status.PUBLISHED:
        raise NetworkPermissionDenied(_("Une proposition publiée ne peut plus être modifiée que par l'équipe."))


def _required(value: str, field: str, message: str) -> str:
    if not value or not value.strip():
        raise NetworkError(message, field=field)
    return value.strip()


@transaction.atomic
def propose_article(
    *,
    actor: User,
    territory: Territory,
    kind: str,
    title: str,
    body: str,
    summary: str = "",
    themes: Iterable[Theme] = (),
) -> Article:
    _check_member(actor, territory)
    article = Article(territory=territory, proposed_by=actor)
    _fill_article(article, kind=kind, title=title, body=body, summary=summary)
    article.save()
    article.themes.set(themes)
    return article


@transaction.atomic
def edit_article(
    *, actor: User, article: Article, kind: str, title: str, body: str, summary: str = "", themes: Iterable[Theme] = ()
) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)  # decide on the stored status
    _check_editable(actor, article)
    _fill_article(article, kind=kind, title=title, body=body, summary=summary)
    if article.status == Status.REFUSED:
        article.status, article.refusal_reason = Status.PROPOSED, ""
    article.save()
    article.themes.set(themes)
    return article


def _fill_article(article: Article, *, kind: str, title: str, body: str, summary: str) -> None:
    if kind not in ArticleKind.values:
        raise NetworkError(_("Genre d'article inconnu."), field="kind")
    article.kind = kind
    article.title = _required(title, "title", _("Indiquez un titre."))
    article.body = _required(body, "body", _("Écrivez le texte de l'article."))
    article.summary = summary.strip()


@transaction.atomic
def propose_event(*, actor: User, territory: Territory, themes: Iterable[Theme] = (), **fields) -> Event:
    _check_member(actor, territory)
    event = Event(territory=territory, proposed_by=actor)
    _fill_event(event, **fields)
    event.save()
    event.themes.set(themes)
    return event


@transaction.atomic
def edit_event(*, actor: User, event: Event, themes: Iterable[Theme] = (), **fields) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)  # decide on the stored status
    _check_editable(actor, event)
    _fill_event(event, **fields)
    if event.status == Status.REFUSED:
        event.status, event.refusal_reason = Status.PROPOSED, ""
    event.save()
    event.themes.set(themes)
    return event


def _fill_event(
    event: Event,
    *,
    kind: str,
    title: str,
    description: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    time_zone: str = TimeZone.PARIS,
    place_name: str = "",
    address: str = "",
    online_url: str = "",
    registration_enabled: bool = True,
    max_participants: int | None = None,
) -> None:
    if kind not in EventKind.values:
        raise NetworkError(_("Type d'événement inconnu."), field="kind")
    if time_zone not in TimeZone.values:
        raise NetworkError(_("Fuseau horaire inconnu."), field="time_zone")
    starts_at, ends_at = rules.aware_in(starts_at, time_zone), rules.aware_in(ends_at, time_zone)
    if not rules.times_are_valid(starts_at, ends_at):
        raise NetworkError(_("La fin doit suivre le début."), field="ends_at")
    address = address.strip()
    if not address and not online_url.strip():
        raise NetworkError(_("Indiquez une adresse ou un lien de réunion en ligne."), field="address")
    if max_participants is not None and max_participants < 1:
        raise NetworkError(_("Le nombre maximum de participants doit être positif."), field="max_participants")
    if address != event.address or event.latitude is None:
        event.latitude, event.longitude = _locate(address)
    event.kind = kind
    event.title = _required(title, "title", _("Indiquez un titre."))
    event.description = _required(description, "description", _("Décrivez le programme."))
    event.starts_at, event.ends_at, event.time_zone = starts_at, ends_at, time_zone
    event.place_name, event.address, event.online_url = place_name.strip(), address, online_url.strip()
    event.registration_enabled, event.max_participants = registration_enabled, max_participants


def _locate(address: str) -> tuple[float | None, float | None]:
    """Coordinates of the best address the geocoder finds; none when it finds nothing or is down (the event keeps
    its typed address)."""
    if not address:
        return None, None
    try:
        candidates = get_geocoder().search(address, limit=1)
    except GeocoderUnavailable:
        return None, None
    return (candidates[0].lat, candidates[0].lon) if candidates else (None, None)


@transaction.atomic
def moderate(*, actor: User, item: Article | Event, publish: bool, reason: str = "") -> Article | Event:
    """Staff publish a proposal or refuse it with a reason kept for the proposer."""
    if not is_staff(actor):
        raise NetworkPermissionDenied(_("Seule l'équipe Villes Internet modère les propositions."))
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if item.status != Status.PROPOSED:
        raise NetworkError(_("Cette proposition a déjà été modérée."))
    if not publish and not reason.strip():
        raise NetworkError(_("Indiquez le motif du refus."), field="reason")
    now = timezone.now()
    item.status = Status.PUBLISHED if publish else Status.REFUSED
    item.refusal_reason = "" if publish else reason.strip()
    item.moderated_by, item.moderated_at = actor, now
    if publish and item.published_at is None:
        item.published_at = now
    item.save()
    transaction.on_commit(lambda: notifications.notify_moderation(item))
    if publish and isinstance(item, Event):
        transaction.on_commit(lambda: notifications.notify_event_in_region(item))
    return item


@transaction.atomic
def register(*, actor: User, event: Event, capacity: str, now: datetime.datetime | None = None) -> Registration:
    if not actor.is_authenticated:
        raise NetworkPermissionDenied(_("Connectez-vous pour vous inscrire."))
    if capacity not in RegistrationCapacity.values:
        raise NetworkError(_("Indiquez à quel titre vous venez."), field="capacity")
    # The lock on the event serialises registrations: two people cannot take the last seat together.
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not rules.registration_is_open(
        enabled=event.registration_enabled,
        published=event.status == Status.PUBLISHED,
        starts_at=event.starts_at,
        now=now or timezone.now(),
    ):
        raise NetworkError(_("Les inscriptions à cet événement sont fermées."))
    if Registration.objects.filter(event=event, user=actor).exists():
        raise NetworkError(_("Vous êtes déjà inscrit ou inscrite à cet événement."))
    if rules.is_full(max_participants=event.max_participants, registered=event.registrations.count()):
        raise NetworkError(_("Cet événement est complet."))
    return Registration.objects.create(event=event, user=actor, capacity=capacity)


def unregister(*, actor: User, event: Event) -> None:
    deleted, _rows = Registration.objects.filter(event=event, user=actor).delete()
    if not deleted:
        raise NetworkError(_("Vous n'êtes pas inscrit ou inscrite à cet événement."))
