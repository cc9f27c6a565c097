"""A small national dataset for the baromètre: régions, départements, communes and EPCI, eligible actions, and
campaigns with results public or still secret."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory, referential_2019
from arobase.label.models import Campaign, Result
from arobase.territories.tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory

# Actions published now count for the label of next year.
YEAR = timezone.now().year + 1


def make_campaign(year: int, *, public: bool) -> Campaign:
    """A campaign whose palmarès is public (ceremony past) or still secret (published by staff, ceremony ahead)."""
    now = timezone.now()
    ceremony = now - timedelta(hours=1) if public else now + timedelta(days=20)
    return Campaign.objects.create(
        year=year,
        opens_on=timezone.localdate(now - timedelta(days=200)),
        candidacy_deadline=now - timedelta(days=60),
        jury_meeting_on=timezone.localdate(now - timedelta(days=50)),
        ceremony_at=ceremony,
        edition=referential_2019(),
        deliberated_at=now - timedelta(days=40),
        published_at=now - timedelta(days=1),
    )


def add_result(territory, year: int, arobases: int, *, campaign: Campaign | None) -> Result:
    return Result.objects.create(
        territory=territory,
        year=year,
        campaign=campaign,
        category="ville",
        arobases=arobases,
        source="jury",
        published=True,
    )


def national_dataset(services: dict) -> dict:
    """Two régions: Hauts-de-France (Somme with 7 communes, Oise with 2) and Bretagne (Finistère with 6 communes
    and one EPCI). Each collectivité has eligible actions; plus a draft, a planned action and an old one that count
    for nothing."""
    hdf = RegionFactory(code="32", name="Hauts-de-France")
    bretagne = RegionFactory(code="53", name="Bretagne")
    somme = DepartementFactory(code="80", name="Somme", region=hdf)
    oise = DepartementFactory(code="60", name="Oise", region=hdf)
    finistere = DepartementFactory(code="29", name="Finistère", region=bretagne)
    codes = sorted(services)
    somme_towns = [
        CommuneFactory(code=f"80{n:03d}", departement=somme, region=hdf, population=300 + 1000 * n) for n in range(7)
    ]
    oise_towns = [CommuneFactory(code=f"60{n:03d}", departement=oise, region=hdf, population=1200) for n in range(2)]
    finistere_towns = [
        CommuneFactory(code=f"29{n:03d}", departement=finistere, region=bretagne, population=800) for n in range(6)
    ]
    epci = EpciFactory(population=40_000, departement=finistere, region=bretagne)
    towns = somme_towns + oise_towns + finistere_towns
    actions = []
    for index, town in enumerate(towns):
        actions.append(ActionFactory(owner=town, published=True, services=[services[codes[index % 3]]]))
        actions.append(ActionFactory(owner=town, published=True, services=[services[codes[3]], services[codes[4]]]))
    actions.append(
        ActionFactory(owner=epci, published=True, shared_with=finistere_towns[:2], services=[services[codes[0]]])
    )
    ActionFactory(owner=somme_towns[0], services=[services[codes[5]]])  # draft
    ActionFactory(owner=somme_towns[0], published=True, status="planned", services=[services[codes[5]]])
    old = ActionFactory(owner=somme_towns[0], published=True, services=[services[codes[5]]])
    old.__class__.objects.filter(pk=old.pk).update(last_activity_at=timezone.now() - timedelta(days=365 * 4))
    return {
        "regions": (hdf, bretagne),
        "departements": (somme, oise, finistere),
        "towns": towns,
        "somme_towns": somme_towns,
        "oise_towns": oise_towns,
        "finistere_towns": finistere_towns,
        "epci": epci,
        "actions": actions,
        "codes": codes,
    }


def expected_by_service() -> dict[str, tuple[int, int]]:
    """Computed from the actions one by one, with the rule of the label spelled out."""
    territories, counts = defaultdict(set), defaultdict(int)
    for action in Action.objects.all():
        eligible = action.is_published and action.status in ("ongoing", "done")
        eligible = eligible and YEAR - 2 <= action.last_activity_at.year <= YEAR - 1
        if not eligible:
            continue
        members = {action.owner_id, *(t.pk for t in action.shared_with.all())}
        for service in action.services.all():
            territories[service.code] |= members
            counts[service.code] += 1
    return {code: (len(territories[code]), counts[code]) for code in counts}
