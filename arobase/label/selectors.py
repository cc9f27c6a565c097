"""Reads of the label.

**Secrecy lives here, in one place**: `published_results()` is the only way public surfaces (palmarès page and
CSV, API, a collectivité's history, its dashboard) read results. A result is public when ``published`` is true
and it has no campaign (an imported year) or its campaign is published: published by staff **and** ceremony time
reached (``published_at`` set and ``ceremony_at <= now``, see `calendar.campaign_state`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus
from arobase.actions.models import Action, ActionImage, Actor, Place
from arobase.label import calendar, rules
from arobase.label.candidacies import questionnaire
from arobase.label.candidacies import rules as candidacy_rules
from arobase.label.candidacies.wording import campaign_candidacy_phrase
from arobase.label.jury.scoring import SnapshotFacts
from arobase.label.models import Campaign, Candidacy, CandidacySnapshot, CandidacyStatus, Membership, Result
from arobase.mosaic.rules import Mosaic, compute_mosaic
from arobase.mosaic.selectors import eligible_actions_of, eligible_counts
from arobase.referential.selectors import edition_tree
from arobase.territories.models import LabelCategory, Territory, TerritoryKind
from arobase.territories.rules import can_be_candidate

# --- Published results (the secrecy check) -----------------------------------------------------------------


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


def allowed_range_for(candidacy: Candidacy) -> rules.AllowedRange:
    return rules.allowed_range(
        year=candidacy.campaign.year, history=past_results(candidacy.territory), hors_concours=candidacy.hors_concours
    )


# --- Palmarès ------------------------------------------------------------------------------------------------


def palmares_years(*, now: datetime | None = None) -> list[int]:
    """Years with a public palmarès, most recent first."""
    # order_by() first: the model's default ordering would otherwise join the DISTINCT (one row per result).
    years = published_results(now=now).order_by("-year").values_list("year", flat=True).distinct()
    return list(years)


def palmares_is_public(year: int, *, now: datetime | None = None) -> bool:
    """True when the palmarès of ``year`` can be shown: some public result, or a published campaign.
    An unpublished campaign and an unknown year answer the same (False)."""
    if published_results(now=now).filter(year=year).exists():
        return True
    campaign = Campaign.objects.filter(year=year).first()
    return campaign is not None and campaign.is_public(now)


def palmares_results(year: int, *, now: datetime | None = None) -> QuerySet[Result]:
    """The general ranking of ``year``: all kinds mixed, most arobases first, then by name."""
    return (
        published_results(now=now)
        .filter(year=year)
        .select_related("territory", "territory__departement", "territory__region")
        .order_by("-arobases", "territory__name", "territory__code")
    )


def level_counts(results: QuerySet[Result]) -> list[tuple[int, int]]:
    """(arobases, number of results) from 5 @ down, levels without results included (0 @ only if present)."""
    counts = Counter(dict(Counter(results.order_by().values_list("arobases", flat=True))))
    levels = [5, 4, 3, 2, 1] + ([0] if counts.get(0) else [])
    return [(level, counts.get(level, 0)) for level in levels]


def mention_labels(results: QuerySet[Result]) -> list[str]:
    labels: set[str] = set()
    for mentions in results.order_by().values_list("mentions", flat=True):
        labels.update(mentions)
    return sorted(labels)


def public_campaigns() -> list[Campaign]:
    return list(Campaign.objects.order_by("-year"))


# --- Memberships --------------------------------------------------------------------------------------------


def membership_for(territory: Territory, year: int) -> Membership | None:
    """The live membership (requested or confirmed) of that year, else the last refused one."""
    memberships = list(Membership.objects.filter(territory=territory, year=year).order_by("-requested_at"))
    for membership in memberships:
        if membership.status != "refused":
            return membership
    return memberships[0] if memberships else None


def is_member(territory: Territory, year: int) -> bool:
    return Membership.objects.filter(territory=territory, year=year, status="confirmed").exists()


def memberships_to_decide() -> QuerySet[Membership]:
    return (
        Membership.objects.filter(status="requested")
        .select_related("territory", "requested_by")
        .order_by("requested_at")
    )


# --- The dossier ----------------------------------------------------------------------------------------------


def category_of(territory: Territory) -> str:
    """How the collectivité competes: its declared category, else Territoire for an EPCI, else Ville."""
    if territory.label_category:
        return territory.label_category
    return LabelCategory.TERRITOIRE if territory.kind == TerritoryKind.EPCI else LabelCategory.VILLE


@dataclass(frozen=True)
class Dossier:
    """What a candidacy is made of right now (what a validation freezes)."""

    mosaic: Mosaic
    actions: list[dict]
    facts: SnapshotFacts
    known_codes: frozenset[str]

    @property
    def eligible_count(self) -> int:
        return len(self.actions)


def frozen_actions(action_ids: list[int]) -> list[dict]:
    """What a candidacy snapshot keeps of each eligible action, in the order of `action_ids` (3 queries): the
    jury reads this version, not the live page, which may change after the validation."""
    actions = {
        action.pk: action
        for action in Action.objects.filter(pk__in=action_ids)
        .select_related("owner")
        .prefetch_related("services", "links")
    }
    frozen = []
    for action_id in action_ids:
        action = actions.get(action_id)
        if action is None:
            continue
        frozen.append(
            {
                "id": action.pk,
                "title": action.title,
                "owner": action.owner.name,
                "status": action.get_status_display(),
                "summary": action.summary,
                "what_was_done": action.what_was_done,
                "results": action.results,
                "benefits": action.benefits,
                "start_date": action.start_date.isoformat() if action.start_date else None,
                "end_date": action.end_date.isoformat() if action.end_date else None,
                "last_activity_at": action.last_activity_at.isoformat() if action.last_activity_at else None,
                "services": [{"code": service.code, "label": service.label} for service in action.services.all()],
                "links": [{"url": link.url, "label": link.label} for link in action.links.all()],
            }
        )
    return frozen


def compute_dossier(*, campaign: Campaign, territory: Territory, answers: dict[str, bool] | None = None) -> Dossier:
    """The mosaïque (with the campaign's referential edition), the eligible actions and the facts for scoring."""
    edition = campaign.edition
    tree = edition_tree(edition)
    counts = eligible_counts(territory=territory, year=campaign.year, edition_id=edition.pk, edition_year=edition.year)
    mosaic = compute_mosaic(tree.themes, counts, year=campaign.year, territory=territory.code)
    rows = list(
        eligible_actions_of(territory=territory, year=campaign.year)
        .annotate(
            has_places=Exists(Place.objects.filter(action=OuterRef("pk"))),
            has_actors=Exists(Actor.objects.filter(action=OuterRef("pk"))),
            has_images=Exists(ActionImage.objects.filter(action=OuterRef("pk"))),
        )
        .order_by("title", "pk")
        .values_list("pk", "title", "results", "has_places", "has_actors", "has_images")
    )
    actions = [{"id": pk, "title": title} for pk, title, *_ in rows]
    enjeux = list(mosaic.enjeux())
    has_questionnaire = answers is not None
    facts = SnapshotFacts(
        population=territory.population,
        kind=category_of(territory),
        enjeu_count=len(enjeux),
        enjeux_covered=sum(1 for enjeu in enjeux if enjeu.lit_count),
        service_count=mosaic.service_count,
        services_covered=mosaic.lit_count,
        eligible_actions=len(rows),
        actions_with_results=sum(1 for row in rows if (row[2] or "").strip()),
        actions_with_places=sum(1 for row in rows if row[3]),
        actions_with_actors=sum(1 for row in rows if row[4]),
        actions_with_images=sum(1 for row in rows if row[5]),
        epci_questionnaire_yes=questionnaire.yes_count(answers) if has_questionnaire else None,
        epci_questionnaire_total=len(questionnaire.ITEMS) if has_questionnaire else None,
    )
    known = frozenset(service.code for service in mosaic.services())
    return Dossier(mosaic=mosaic, actions=actions, facts=facts, known_codes=known)


def warnings_for(dossier: Dossier, answers: dict[str, bool] | None) -> list[questionnaire.CoherenceWarning]:
    if answers is None:
        return []
    return questionnaire.coherence_warnings(
        answers, lit_codes=dossier.mosaic.lit_codes, known_codes=dossier.known_codes
    )


def last_snapshot(candidacy: Candidacy) -> CandidacySnapshot | None:
    return candidacy.snapshots.order_by("-number").select_related("validated_by").first()


def campaign_by_year(year: int) -> Campaign | None:
    return Campaign.objects.select_related("edition").filter(year=year).first()


def candidacy_of(campaign: Campaign, territory: Territory) -> Candidacy | None:
    candidacies = Candidacy.objects.select_related("campaign", "territory")
    return candidacies.filter(campaign=campaign, territory=territory).first()


def has_questionnaire(territory: Territory) -> bool:
    return territory.kind == TerritoryKind.EPCI or territory.label_category == LabelCategory.TERRITOIRE


@dataclass
class CandidacyPage:
    campaign: Campaign
    territory: Territory
    state: str
    candidacy: Candidacy | None
    membership: Membership | None
    dossier: Dossier | None
    blockers: list[candidacy_rules.Blocker]
    warnings: list[questionnaire.CoherenceWarning] = field(default_factory=list)
    snapshot: CandidacySnapshot | None = None
    can_edit: bool = False
    questionnaire_items: tuple = questionnaire.ITEMS

    @property
    def is_open(self) -> bool:
        return self.state == calendar.OPEN

    @property
    def read_only(self) -> bool:
        return not (self.can_edit and self.is_open)

    @property
    def can_open(self) -> bool:
        return self.candidacy is None and self.can_edit and not self.blockers

    @property
    def can_validate(self) -> bool:
        return self.candidacy is not None and self.can_edit and not self.blockers

    @property
    def with_questionnaire(self) -> bool:
        return has_questionnaire(self.territory)

    @property
    def status_phrase(self) -> str:

        return campaign_candidacy_phrase(self.campaign, self.candidacy, transmitted=self.snapshot is not None)

    @property
    def changed_since_validation(self) -> bool:
        """The dossier is no longer the last version transmitted to the jury: the questionnaire was saved since,
        or its eligible actions or the mosaïque they light changed (an action published, updated, confirmed...)."""
        if self.snapshot is None or self.dossier is None or self.candidacy is None:
            return False
        if self.candidacy.status == CandidacyStatus.DRAFT:
            return True
        data = self.snapshot.data
        frozen_actions = sorted(action["id"] for action in data.get("actions", []))
        if frozen_actions != sorted(action["id"] for action in self.dossier.actions):
            return True
        frozen_counts = {
            service["code"]: service["eligible_actions"]
            for theme in (data.get("mosaic") or {}).get("themes", [])
            for enjeu in theme.get("enjeux", [])
            for service in enjeu.get("services", [])
        }
        return frozen_counts != {service.code: service.eligible_actions for service in self.dossier.mosaic.services()}


def candidacy_page(
    *, campaign: Campaign, territory: Territory, can_edit: bool, now: datetime | None = None
) -> CandidacyPage:
    now = now or timezone.now()
    state = campaign.state_at(now)
    membership = membership_for(territory, campaign.year)
    candidacy = candidacy_of(campaign, territory)
    candidate_kind = can_be_candidate(territory.kind)
    dossier = None
    answers = None
    if candidate_kind:
        if candidacy is not None and has_questionnaire(territory):
            answers = questionnaire.clean_answers(candidacy.questionnaire or {})
        dossier = compute_dossier(campaign=campaign, territory=territory, answers=answers)
    blockers = candidacy_rules.candidacy_blockers(
        year=campaign.year,
        can_be_candidate=candidate_kind,
        membership_status=membership.status if membership else None,
        campaign_state=state,
        opens_at=timezone.localtime(campaign.opens_at),
        deadline=timezone.localtime(campaign.candidacy_deadline),
        eligible_actions=dossier.eligible_count if dossier else 0,
        is_referent=can_edit,
    )
    return CandidacyPage(
        campaign=campaign,
        territory=territory,
        state=state,
        candidacy=candidacy,
        membership=membership,
        dossier=dossier,
        blockers=blockers,
        warnings=warnings_for(dossier, answers) if dossier else [],
        snapshot=last_snapshot(candidacy) if candidacy else None,
        can_edit=can_edit,
    )


# --- Reminders ------------------------------------------------------------------------------------------------


def referent_emails(territory: Territory) -> list[str]:
    return list(
        Affiliation.objects.filter(
            territory=territory,
            role=AffiliationRole.REFERENT,
            status=AffiliationStatus.APPROVED,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )


def eligible_actions_count(territory: Territory, year: int) -> int:
    return Action.objects.eligible_for(year).of_territory(territory).count()
