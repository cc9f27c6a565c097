"""Reads of the jury's work (secret: staff and the jurors of the campaign only).

Who sees what:

* staff see every page of the jury (composition, dossiers, deliberation);
* a juror sees the dossiers of the campaigns whose jury they sit on, **except** those they declared a conflict of
  interest with (a conflict with a collectivité covers all its candidacies): such a dossier answers 404 and is
  absent from every list;
* nobody else sees anything (403 for signed-in people, the login page for anonymous visitors).

The proposed score of a dossier is computed from its last validated snapshot, compared with the last snapshots of
the same campaign in the same population band (`scoring.compute_peer_stats`), then brought inside the range the
rules allow (`rules.allowed_range` over the collectivité's published results before the label year).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from arobase.accounts.permissions import is_staff
from arobase.label import rules, selectors
from arobase.label.candidacies import questionnaire
from arobase.label.jury import scoring
from arobase.label.models import (
    DECISION_HISTORY,
    PROPOSAL_HISTORY,
    Campaign,
    Candidacy,
    CandidacySnapshot,
    ConflictOfInterest,
    DeliberationAttendance,
    JurorProposal,
    JuryDecision,
    JuryMember,
    Result,
)

# --- Who may see what -------------------------------------------------------------------------------------------


def is_jury_member(user, campaign: Campaign) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_juror):
        return False
    return JuryMember.objects.filter(campaign=campaign, user=user).exists()


def can_view_jury(user, campaign: Campaign) -> bool:
    """Staff, or a juror of this campaign's jury."""
    return is_staff(user) or is_jury_member(user, campaign)


def can_propose(user, campaign: Campaign) -> bool:
    return is_jury_member(user, campaign)


def conflict_filter(user) -> Q:
    """Candidacies ``user`` declared a conflict with (directly or through the collectivité)."""
    return Q(conflicts__juror=user) | Q(
        territory_id__in=ConflictOfInterest.objects.filter(juror=user, territory__isnull=False).values("territory_id")
    )


def has_conflict(user, candidacy: Candidacy) -> bool:
    return ConflictOfInterest.objects.filter(
        Q(candidacy=candidacy) | Q(territory_id=candidacy.territory_id), juror=user
    ).exists()


def juror_conflicts(user, campaign: Campaign) -> list[ConflictOfInterest]:
    return list(
        ConflictOfInterest.objects.filter(juror=user)
        .filter(Q(candidacy__campaign=campaign) | Q(territory__isnull=False))
        .select_related("candidacy__territory", "territory")
    )


# --- Jury composition -------------------------------------------------------------------------------------------


def jury_of(campaign: Campaign) -> list[JuryMember]:
    return list(JuryMember.objects.filter(campaign=campaign).select_related("user", "added_by"))


def juror_campaigns(user) -> list[Campaign]:
    """The campaigns whose jury ``user`` sits on, most recent first."""
    if not (user.is_authenticated and user.is_juror):
        return []
    return list(Campaign.objects.filter(jury_members__user=user).order_by("-year"))


# --- Dossiers ---------------------------------------------------------------------------------------------------


def judged_candidacies(campaign: Campaign) -> QuerySet[Candidacy]:
    """Candidacies of the campaign with at least one validated snapshot (transmitted to the jury)."""
    return (
        Candidacy.objects.filter(campaign=campaign, snapshots__isnull=False)
        .distinct()
        .select_related("territory", "campaign")
        .order_by("territory__name", "territory__code")
    )


def visible_candidacies(user, campaign: Campaign) -> QuerySet[Candidacy]:
    """What ``user`` may see of the campaign's dossiers (nothing if not allowed, conflicts excluded)."""
    if not can_view_jury(user, campaign):
        return Candidacy.objects.none()
    candidacies = judged_candidacies(campaign)
    if is_staff(user) and not is_jury_member(user, campaign):
        return candidacies
    excluded = Candidacy.objects.filter(campaign=campaign).filter(conflict_filter(user)).values("pk")
    return candidacies.exclude(pk__in=excluded)


def last_snapshots(campaign: Campaign) -> dict[int, CandidacySnapshot]:
    """The last validated snapshot of every candidacy of the campaign, by candidacy id (one query)."""
    latest: dict[int, CandidacySnapshot] = {}
    for snapshot in CandidacySnapshot.objects.filter(candidacy__campaign=campaign).order_by("candidacy_id", "number"):
        latest[snapshot.candidacy_id] = snapshot
    return latest


def facts_of(snapshot: CandidacySnapshot) -> scoring.SnapshotFacts | None:
    try:
        return scoring.SnapshotFacts(**snapshot.data["facts"])
    except (KeyError, TypeError, ValueError):
        return None


def allowed_range_for(candidacy: Candidacy) -> rules.AllowedRange:
    return rules.allowed_range(
        year=candidacy.campaign.year,
        history=selectors.past_results(candidacy.territory),
        hors_concours=candidacy.hors_concours,
    )


def _past_results_by_territory(territory_ids, year: int) -> dict[int, list[rules.PastResult]]:
    history: dict[int, list[rules.PastResult]] = defaultdict(list)
    for result in selectors.published_results().filter(territory_id__in=territory_ids, year__lt=year):
        history[result.territory_id].append(
            rules.PastResult(
                year=result.year,
                arobases=result.arobases,
                alert=result.alert,
                legacy_mention_only=result.arobases == 0,
                hors_concours=result.hors_concours,
            )
        )
    return history


@dataclass(frozen=True)
class ScoreProposal:
    """The proposed score, before and after being brought inside the allowed range."""

    score: scoring.ProposedScore
    peers: scoring.PeerStats
    clamped: int

    @property
    def was_clamped(self) -> bool:
        return self.clamped != self.score.arobases

    @property
    def band_label(self) -> str:
        return scoring.POPULATION_BAND_LABELS.get(self.peers.band, self.peers.band)


def score_for(
    facts: scoring.SnapshotFacts | None, all_facts: list[scoring.SnapshotFacts], allowed: rules.AllowedRange
) -> ScoreProposal | None:
    if facts is None:
        return None
    peers = scoring.compute_peer_stats(facts.band, all_facts)
    score = scoring.propose_score(facts, peers)
    return ScoreProposal(score=score, peers=peers, clamped=scoring.clamp_to_range(score.arobases, allowed))


@dataclass
class JuryDossier:
    candidacy: Candidacy
    snapshot: CandidacySnapshot
    history: list[Result]
    allowed: rules.AllowedRange
    proposal: ScoreProposal | None
    own: JurorProposal | None
    can_propose: bool
    mentions: list = field(default_factory=list)

    @property
    def data(self) -> dict:
        return self.snapshot.data

    @property
    def themes(self) -> list[dict]:
        """The frozen mosaïque, with the number of lit services per theme and enjeu."""
        themes = []
        for theme in (self.data.get("mosaic") or {}).get("themes", []):
            enjeux = []
            for enjeu in theme.get("enjeux", []):
                services = enjeu.get("services", [])
                lit = [service for service in services if service.get("lit")]
                enjeux.append(
                    {"label": enjeu.get("label", ""), "lit": lit, "lit_count": len(lit), "service_count": len(services)}
                )
            themes.append(
                {
                    "label": theme.get("label", ""),
                    "enjeux": enjeux,
                    "lit_count": sum(e["lit_count"] for e in enjeux),
                    "service_count": sum(e["service_count"] for e in enjeux),
                }
            )
        return themes

    @property
    def questionnaire_rows(self) -> list[tuple[str, bool]]:
        answers = self.data.get("questionnaire")
        if not answers:
            return []
        return [(item.label, bool(answers.get(item.code))) for item in questionnaire.ITEMS]

    @property
    def own_mention_codes(self) -> set[str]:
        return {mention.code for mention in self.own.mentions.all()} if self.own else set()


def dossier_for(user, campaign: Campaign, candidacy: Candidacy) -> JuryDossier | None:
    """The dossier as the jury sees it, or None when ``user`` may not see it (conflict, not transmitted...)."""
    if not visible_candidacies(user, campaign).filter(pk=candidacy.pk).exists():
        return None
    snapshots = last_snapshots(campaign)
    snapshot = snapshots.get(candidacy.pk)
    if snapshot is None:
        return None
    year = campaign.year
    history = list(
        selectors.published_results().filter(territory_id=candidacy.territory_id, year__lt=year).order_by("-year")
    )
    allowed = allowed_range_for(candidacy)
    all_facts = [facts for facts in map(facts_of, snapshots.values()) if facts is not None]
    own = None
    if is_jury_member(user, campaign):
        own = JurorProposal.objects.filter(candidacy=candidacy, juror=user).prefetch_related("mentions").first()
    return JuryDossier(
        candidacy=candidacy,
        snapshot=snapshot,
        history=history,
        allowed=allowed,
        proposal=score_for(facts_of(snapshot), all_facts, allowed),
        own=own,
        can_propose=can_propose(user, campaign),
        mentions=list(campaign.mentions.all()),
    )


def frozen_action_for(user, campaign: Campaign, candidacy: Candidacy, action_id: int) -> tuple | None:
    """(snapshot, the action as that snapshot froze it) for the last snapshot of a dossier ``user`` may see, or
    None (not allowed, not transmitted, or not an action of that version)."""
    if not visible_candidacies(user, campaign).filter(pk=candidacy.pk).exists():
        return None
    snapshot = candidacy.snapshots.order_by("-number").first()
    if snapshot is None:
        return None
    for action in snapshot.data.get("actions", []):
        if action.get("id") == action_id:
            return snapshot, action
    return None


@dataclass
class JuryListRow:
    candidacy: Candidacy
    snapshot: CandidacySnapshot
    own: JurorProposal | None


def jury_list(user, campaign: Campaign) -> list[JuryListRow]:
    """The dossiers ``user`` may see, with their own proposal (a fixed number of queries)."""
    candidacies = list(visible_candidacies(user, campaign))
    snapshots = last_snapshots(campaign)
    own = (
        {
            proposal.candidacy_id: proposal
            for proposal in JurorProposal.objects.filter(juror=user, candidacy__campaign=campaign)
        }
        if user.is_authenticated
        else {}
    )
    return [
        JuryListRow(candidacy=candidacy, snapshot=snapshots[candidacy.pk], own=own.get(candidacy.pk))
        for candidacy in candidacies
        if candidacy.pk in snapshots
    ]


# --- Deliberation -----------------------------------------------------------------------------------------------


def present_juror_ids(campaign: Campaign) -> set[int]:
    return set(
        DeliberationAttendance.objects.filter(campaign=campaign, present=True).values_list("juror_id", flat=True)
    )


@dataclass
class DeliberationRow:
    candidacy: Candidacy
    allowed: rules.AllowedRange
    proposal: ScoreProposal | None
    proposals: list[JurorProposal]  # all jurors', present ones flagged by ``counted``
    counted: list[JurorProposal]
    disagreement: rules.Disagreement
    decision: JuryDecision | None
    conflicted_jurors: list
    history: list[JuryHistoryEntry] = field(default_factory=list)

    @property
    def mean(self) -> str:
        if not self.counted:
            return ""
        return f"{statistics.mean(p.arobases for p in self.counted):.1f}".replace(".", ",")

    @property
    def alerts(self) -> int:
        return sum(1 for p in self.counted if p.alert)

    @property
    def decision_mention_codes(self) -> set[str]:
        return {mention.code for mention in self.decision.mentions.all()} if self.decision else set()


def deliberation_rows(campaign: Campaign) -> list[DeliberationRow]:
    """Every transmitted dossier with the range, the proposed score, the proposals of the present jurors, their
    disagreement and the decision (a fixed number of queries whatever the number of dossiers)."""
    candidacies = list(judged_candidacies(campaign))
    snapshots = last_snapshots(campaign)
    all_facts = [facts for facts in map(facts_of, snapshots.values()) if facts is not None]
    history = _past_results_by_territory([c.territory_id for c in candidacies], campaign.year)
    present = present_juror_ids(campaign)
    proposals: dict[int, list[JurorProposal]] = defaultdict(list)
    for proposal in (
        JurorProposal.objects.filter(candidacy__campaign=campaign)
        .select_related("juror")
        .prefetch_related("mentions")
        .order_by("juror__last_name", "juror_id")
    ):
        proposals[proposal.candidacy_id].append(proposal)
    decisions = {
        decision.candidacy_id: decision
        for decision in JuryDecision.objects.filter(candidacy__campaign=campaign).prefetch_related("mentions")
    }
    conflicts: dict[int, list] = defaultdict(list)
    by_territory: dict[int, list] = defaultdict(list)
    for conflict in ConflictOfInterest.objects.filter(
        Q(candidacy__campaign=campaign) | Q(territory_id__in=[c.territory_id for c in candidacies])
    ).select_related("juror"):
        if conflict.candidacy_id:
            conflicts[conflict.candidacy_id].append(conflict.juror)
        else:
            by_territory[conflict.territory_id].append(conflict.juror)
    history_entries = jury_history(campaign)
    rows = []
    for candidacy in candidacies:
        snapshot = snapshots.get(candidacy.pk)
        allowed = rules.allowed_range(
            year=campaign.year,
            history=history.get(candidacy.territory_id, []),
            hors_concours=candidacy.hors_concours,
        )
        mine = proposals.get(candidacy.pk, [])
        counted = [p for p in mine if p.juror_id in present]
        for p in mine:
            p.counted = p.juror_id in present
        rows.append(
            DeliberationRow(
                candidacy=candidacy,
                allowed=allowed,
                proposal=score_for(facts_of(snapshot), all_facts, allowed) if snapshot else None,
                proposals=mine,
                counted=counted,
                disagreement=rules.disagreement([p.arobases for p in counted]),
                decision=decisions.get(candidacy.pk),
                conflicted_jurors=conflicts.get(candidacy.pk, []) + by_territory.get(candidacy.territory_id, []),
                history=history_entries.get(candidacy.pk, []),
            )
        )
    return rows


@dataclass
class JuryHistoryEntry:
    when: datetime
    who: str
    what: str
    before: str
    after: str
    reason: str = ""


def _history_state(record, mention_labels: list[str]) -> str:
    parts = [f"{record.arobases} @"]
    if mention_labels:
        parts.append(_("mentions : %(labels)s") % {"labels": ", ".join(sorted(mention_labels))})
    if record.alert:
        parts.append(_("alerte"))
    if getattr(record, "comment", ""):
        parts.append(_("commentaire : « %(comment)s »") % {"comment": record.comment})
    return " ; ".join(parts)


def jury_history(campaign: Campaign) -> dict[int, list[JuryHistoryEntry]]:
    """Every change of the proposals and decisions of the campaign, newest first, by candidacy: who, when,
    the state before and after. Secret like the decisions themselves: the deliberation page (staff) only."""
    labels = dict(campaign.mentions.values_list("pk", "label"))
    entries: dict[int, list[JuryHistoryEntry]] = defaultdict(list)
    sources = ((DECISION_HISTORY, JuryDecision, "candidacy_id"), (PROPOSAL_HISTORY, JurorProposal, "juror_id"))
    for history, model, key in sources:
        records = list(
            model.history.filter(candidacy__campaign=campaign)
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        jurors = (
            {
                user.pk: str(user)
                for user in get_user_model().objects.filter(pk__in={getattr(record, key) for record in records})
            }
            if model is JurorProposal
            else {}
        )
        mentions: dict[int, list[str]] = defaultdict(list)
        m2m_model = history.m2m_models[model._meta.get_field("mentions")]
        for history_id, mention_id in m2m_model.objects.filter(
            history_id__in=[record.history_id for record in records]
        ).values_list("history_id", "mention_id"):
            mentions[history_id].append(labels.get(mention_id, "?"))
        previous: dict[tuple[int, int], str] = {}
        for record in records:
            identity = (record.candidacy_id, getattr(record, key))
            after = "—" if record.history_type == "-" else _history_state(record, mentions[record.history_id])
            if model is JuryDecision:
                what = _("Décision du jury")
            else:
                what = _("Proposition de %(juror)s") % {"juror": jurors.get(record.juror_id, _("compte supprimé"))}
            entries[record.candidacy_id].append(
                JuryHistoryEntry(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else _("compte supprimé ou système"),
                    what=what,
                    before=previous.get(identity, "—"),
                    after=after,
                    reason=record.history_change_reason or "",
                )
            )
            previous[identity] = after
    for candidacy_entries in entries.values():
        candidacy_entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def attendance_of(campaign: Campaign) -> list[tuple[JuryMember, bool]]:
    present = present_juror_ids(campaign)
    return [(member, member.user_id in present) for member in jury_of(campaign)]
