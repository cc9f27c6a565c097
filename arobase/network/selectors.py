"""Reads of articles and events. Public surfaces only ever see published ones; a proposal is visible to its
proposer and to staff."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from arobase.accounts.permissions import can_contribute_to, is_staff
from arobase.network.models import Article, Event, EventKind, Registration, Status
from arobase.territories.models import Territory

NATIONAL_KINDS = (EventKind.JOURNEE_NATIONALE, EventKind.CEREMONIE)


def _in_region(code: str) -> Q:
    """Proposals of collectivités of the région (or of the région itself)."""
    return Q(territory__region__code=code, territory__region__kind="region") | Q(
        territory__kind="region", territory__code=code
    )


def _filtered(items: QuerySet, *, theme: str = "", region: str = "") -> QuerySet:
    if theme:
        items = items.filter(
            pk__in=items.model.themes.through.objects.filter(theme__code=theme).values(
                f"{items.model._meta.model_name}_id"
            )
        )
    if region:
        items = items.filter(_in_region(region))
    return items


def published_articles(*, theme: str = "", region: str = "", kind: str = "") -> QuerySet[Article]:
    articles = Article.objects.filter(status=Status.PUBLISHED).select_related("territory")
    if kind:
        articles = articles.filter(kind=kind)
    return _filtered(articles, theme=theme, region=region).order_by("-published_at", "-id")


def published_events(
    *, theme: str = "", region: str = "", kind: str = "", upcoming_at: datetime.datetime | None = None
) -> QuerySet[Event]:
    """Published events, soonest first; from ``upcoming_at`` on when given (those not yet over)."""
    events = Event.objects.filter(status=Status.PUBLISHED).select_related("territory")
    if kind:
        events = events.filter(kind=kind)
    if upcoming_at is not None:
        events = events.filter(ends_at__gte=upcoming_at)
    return _filtered(events, theme=theme, region=region).order_by("starts_at", "id")


def visible_article(user, pk: int) -> Article | None:
    article = Article.objects.select_related("territory", "proposed_by").filter(pk=pk).first()
    return article if article is not None and _may_see(user, article) else None


def visible_event(user, pk: int) -> Event | None:
    event = (
        Event.objects.select_related("territory", "proposed_by")
        .annotate(registered=Count("registrations"))
        .filter(pk=pk)
        .first()
    )
    return event if event is not None and _may_see(user, event) else None


def _may_see(user, item: Article | Event) -> bool:
    if item.status == Status.PUBLISHED or is_staff(user):
        return True
    return bool(user.is_authenticated and item.proposed_by_id == user.pk)


def may_edit(user, item: Article | Event) -> bool:
    if is_staff(user):
        return True
    return (
        item.status != Status.PUBLISHED
        and user.is_authenticated
        and item.proposed_by_id == user.pk
        and can_contribute_to(user, item.territory)
    )


def may_see_registrations(user, event: Event) -> bool:
    """Organisers: staff, the proposer and the members of the event's collectivité."""
    return is_staff(user) or (
        user.is_authenticated and (event.proposed_by_id == user.pk or can_contribute_to(user, event.territory))
    )


def registrations_of(event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("user").order_by("created_at", "id")


def registration_of(user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def articles_to_moderate() -> QuerySet[Article]:
    return Article.objects.filter(status=Status.PROPOSED).select_related("territory", "proposed_by")


def events_to_moderate() -> QuerySet[Event]:
    return Event.objects.filter(status=Status.PROPOSED).select_related("territory", "proposed_by")


def proposals_of(user) -> tuple[QuerySet[Article], QuerySet[Event]]:
    return (
        Article.objects.filter(proposed_by=user).select_related("territory").order_by("-created_at"),
        Event.objects.filter(proposed_by=user).select_related("territory").order_by("-created_at"),
    )


def articles_of(territory: Territory) -> QuerySet[Article]:
    return published_articles().filter(territory=territory)


def events_of(territory: Territory) -> QuerySet[Event]:
    return published_events().filter(territory=territory).order_by("-starts_at")


def national_day(*, now: datetime.datetime | None = None) -> Event | None:
    """The next national day or ceremony not yet over, else the last one."""
    now = now or timezone.now()
    events = Event.objects.filter(status=Status.PUBLISHED, kind__in=NATIONAL_KINDS).select_related("territory")
    return (
        events.filter(ends_at__gte=now).order_by("starts_at", "id").first()
        or events.order_by("-starts_at", "-id").first()
    )


def national_programme(event: Event) -> QuerySet[Event]:
    """The national day and ceremony events of the same days (the ceremony within the national day)."""
    return (
        Event.objects.filter(status=Status.PUBLISHED, kind__in=NATIONAL_KINDS)
        .filter(starts_at__date__lte=event.ends_at.date(), ends_at__date__gte=event.starts_at.date())
        .order_by("starts_at", "id")
    )
