"""Reads of a candidacy: the dossier as it stands (what a validation freezes), the candidacy page, and the
référents to remind before the deadline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, OuterRef
from django.utils import timezone

from arobase.accounts.models import Affiliation, AffiliationRole, AffiliationStatus
from arobase.actions.models import Action, ActionImage, Actor, Place
from arobase.label import calendar
from arobase.label.campaigns.selectors import membership_for
from arobase.label.candidacies import questionnaire
from arobase.label.candidacies import rules as candidacy_rules
from arobase.label.candidacies.wording import campaign_candidacy_phrase
from arobase.label.jury.scoring import SnapshotFacts
from arobase.label.models import Campaign, Candidacy, CandidacySnapshot, CandidacyStatus, Membership
from arobase.mosaic.rules import Mosaic, compute_mosaic
from arobase.mosaic.selectors import eligible_actions_of, eligible_counts
from arobase.referential.selectors import edition_tree
from arobase.territories.models import LabelCategory, Territory, TerritoryKind
from arobase.territories.rules import can_be_candidate, label_category_of


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
        kind=label_category_of(territory),
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


def referent_emails(territory: Territory) -> list[str]:
    return list(
        Affiliation.objects.filter(
            territory=territory,
            role=AffiliationRole.REFERENT,
            status=AffiliationStatus.APPROVED,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )
