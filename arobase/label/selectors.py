"""The secrecy gate of the label: the only way jury results leave the app.

`published_results()` is how every public surface (palmarès page and CSV, API, feeds, a collectivité's history and
dashboard, the baromètre, the peers, the timeline) reads results. A result is public when ``published`` is true and
it has no campaign (an imported year) or its campaign is published: published by staff **and** ceremony time reached
(``published_at`` set and ``ceremony_at <= now``, see `calendar.campaign_state`).

This module holds the gate, what shares its rule (`campaigns_not_yet_public`, `published_results_version`) and a
collectivité's published history (`label_history`, `history_results`, `past_results`): those are the gate narrowed
to one collectivité and nothing more, read by other apps' pages, the jury and the palmarès import alike, so that
secrecy is checked by reading one small module. Every other read lives in its sub-domain (`campaigns`,
`candidacies`, `jury`, `palmares`, `signs`, `evaluation`).
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from arobase.label import rules
from arobase.label.models import Campaign, Result
from arobase.territories.models import Territory


def _public_campaign(*, now: datetime, prefix: str = "") -> Q:
    """A campaign in the `calendar.PUBLISHED` state: published by staff and past its ceremony time.
    ``prefix`` reaches it from another model (``"campaign__"`` from a result)."""
    return Q(**{f"{prefix}published_at__isnull": False, f"{prefix}ceremony_at__lte": now})


def published_results(*, now: datetime | None = None) -> QuerySet[Result]:
    """Results anyone may see (see the module docstring). Every public surface goes through this."""
    now = now or timezone.now()
    return Result.objects.filter(published=True).filter(
        Q(campaign__isnull=True) | _public_campaign(now=now, prefix="campaign__")
    )


def campaigns_not_yet_public(*, now: datetime | None = None) -> list[Campaign]:
    """Campaigns whose results are not public yet, including one published by staff before its ceremony."""
    return list(Campaign.objects.exclude(_public_campaign(now=now or timezone.now())))


def published_results_version(*, now: datetime | None = None) -> str:
    """Changes when the public results change: a campaign reaches its ceremony or is (un)published, results are
    published, added or removed. Cached public pages (palmarès, collectivité pages) are keyed on it."""
    now = now or timezone.now()
    results = published_results(now=now).aggregate(count=Count("pk"), last=Max("pk"), total=Sum("arobases"))
    campaigns = Campaign.objects.filter(_public_campaign(now=now)).aggregate(
        count=Count("pk"), changed=Max("updated_at")
    )
    changed = campaigns["changed"].isoformat() if campaigns["changed"] else "-"
    return f"{results['count']}.{results['last']}.{results['total']}.{campaigns['count']}.{changed}"


def label_history(territory: Territory, *, now: datetime | None = None) -> list[dict]:
    """``[{"year", "arobases", "mentions"}]`` of the collectivité's published results, most recent first."""
    return [
        {"year": year, "arobases": arobases, "mentions": list(mentions)}
        for year, arobases, mentions in published_results(now=now)
        .filter(territory=territory)
        .order_by("-year")
        .values_list("year", "arobases", "mentions")
    ]


def history_results(territory: Territory, *, now: datetime | None = None) -> list[Result]:
    """The collectivité's published results as objects (for its page and dashboard), most recent first."""
    return list(published_results(now=now).filter(territory=territory).order_by("-year"))


def past_results(territory: Territory, *, now: datetime | None = None) -> list[rules.PastResult]:
    """The published history of a collectivité in the form the rules take."""
    return [
        rules.PastResult(
            year=result.year,
            arobases=result.arobases,
            alert=result.alert,
            legacy_mention_only=result.arobases == 0,
            hors_concours=result.hors_concours,
        )
        for result in published_results(now=now).filter(territory=territory)
    ]
