"""Label part of the demo dataset (called by `arobase.demo.services.generate_demo`).

Creates, for the demo collectivités, deterministically from ``rng`` and the reference date ``today``:

* the published campaigns of the three label years before the current one, with results for a share of the
  collectivités, each level drawn inside `rules.allowed_range` of the results drawn before it (so the history is
  consistent with the regulation), a few alerts and mentions;
* the current campaign (``next_label_year(today)``), **closed** (deadline passed), with confirmed memberships,
  validated candidacies (frozen snapshots of the real dossier), a jury of three demo jurors with their proposals,
  and the jury decisions recorded, but **not published**: its ceremony is still to come, so nothing shows publicly;
* the demo juror login (TOTP required at first sign-in, like staff).

Demo campaigns are recognised, for `delete_demo_label`, by their jury: the demo juror sits on each of them.
Years that already have a (real) campaign are skipped.
"""

from __future__ import annotations

import random
from dataclasses import asdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.db.models import Q

from arobase.accounts.models import User
from arobase.actions.rules import next_label_year
from arobase.demo.logins import DEMO_EMAIL_DOMAIN, DEMO_LOGIN_EMAILS, DEMO_PASSWORDS
from arobase.label import rules
from arobase.label.candidacies.selectors import compute_dossier
from arobase.label.jury import scoring
from arobase.label.models import (
    DECISION_HISTORY,
    PROPOSAL_HISTORY,
    Campaign,
    Candidacy,
    CandidacySnapshot,
    CandidacyStatus,
    DeliberationAttendance,
    JurorProposal,
    JuryDecision,
    JuryMember,
    Membership,
    MembershipStatus,
    Mention,
    Result,
    ResultSource,
    SignDeclaration,
)
from arobase.territories.rules import label_category_of

PARIS = ZoneInfo("Europe/Paris")
PAST_YEARS = 3
PAST_RESULT_SHARE = 0.45  # share of the demo collectivités with a result in a past year
CURRENT_CANDIDATE_SHARE = 0.40
ALERT_RATE = 0.12
MENTION_RATE = 0.10
MENTIONS = ("Écoles Internet", "Innovation sociale", "Santé", "Internet solidaire", "Démocratie et concertation")
JUROR_NAMES = (("Jury", "Démo"), ("Louise", "Ferrand (jurée démo)"), ("Malik", "Besson (juré démo)"))


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=PARIS)


def _campaign(year: int, *, today: date, edition, current: bool) -> Campaign | None:
    if Campaign.objects.filter(year=year).exists():
        return None
    if current:
        deadline = today - timedelta(days=10)
        opens = deadline - timedelta(days=200)
        jury = today - timedelta(days=2)
        ceremony = today + timedelta(days=45)
    else:
        opens, deadline = date(year - 1, 2, 1), date(year - 1, 11, 30)
        jury, ceremony = date(year - 1, 12, 12), date(year, 2, 3)
    campaign = Campaign.objects.create(
        year=year,
        opens_on=opens,
        candidacy_deadline=_at(deadline, 23),
        jury_meeting_on=jury,
        ceremony_at=_at(ceremony, 18),
        edition=edition,
    )
    Mention.objects.bulk_create(
        Mention(campaign=campaign, code=f"m{position}", label=label, position=position)
        for position, label in enumerate(MENTIONS)
    )
    return campaign


def _draw_level(rng: random.Random, allowed: rules.AllowedRange) -> int:
    values = list(allowed.values)
    weights = [1.0 / (1 + abs(value - 3)) for value in values]
    return rng.choices(values, weights=weights)[0]


def _jurors(today: date) -> list:

    jurors = []
    for index, (first, last) in enumerate(JUROR_NAMES):
        email = DEMO_LOGIN_EMAILS["juror"] if index == 0 else f"jury{index + 1}@{DEMO_EMAIL_DOMAIN}"
        jurors.append(
            User.objects.create(
                email=email,
                first_name=first,
                last_name=last,
                is_juror=True,
                password=make_password(DEMO_PASSWORDS["juror"] if index == 0 else None),
                date_joined=_at(today - timedelta(days=400)),
            )
        )
    return jurors


def create_demo_label(*, rng: random.Random, territories: list, today: date, edition, staff) -> dict:
    """See the module docstring. ``territories``: the demo collectivités (Territory objects, stable order).
    Returns counts and the demo juror's email."""
    from allauth.account.models import EmailAddress

    current_year = next_label_year(today)
    jurors = _jurors(today)
    EmailAddress.objects.bulk_create(
        EmailAddress(user=juror, email=juror.email, verified=True, primary=True) for juror in jurors
    )
    history: dict[int, list[rules.PastResult]] = {territory.pk: [] for territory in territories}
    counts = {"campaigns": 0, "results": 0, "candidacies": 0, "decisions": 0}

    for year in range(current_year - PAST_YEARS, current_year):
        campaign = _campaign(year, today=today, edition=edition, current=False)
        if campaign is None:
            continue
        counts["campaigns"] += 1
        JuryMember.objects.bulk_create(JuryMember(campaign=campaign, user=juror, added_by=staff) for juror in jurors)
        results = []
        for territory in territories:
            # Collectivités labelled before keep taking part more often.
            share = PAST_RESULT_SHARE + (0.35 if history[territory.pk] else 0.0)
            if rng.random() >= share:
                continue
            allowed = rules.allowed_range(year=year, history=history[territory.pk])
            level = _draw_level(rng, allowed)
            alert = rng.random() < ALERT_RATE
            mentions = [rng.choice(MENTIONS)] if rng.random() < MENTION_RATE else []
            history[territory.pk].append(rules.PastResult(year=year, arobases=level, alert=alert))
            results.append(
                Result(
                    territory=territory,
                    year=year,
                    campaign=campaign,
                    category=label_category_of(territory),
                    arobases=level,
                    mentions=mentions,
                    alert=alert,
                    source=ResultSource.JURY,
                    published=True,
                )
            )
        for result in results:
            result.save()  # save() fills the mention keys
        counts["results"] += len(results)
        campaign.deliberated_at = _at(campaign.jury_meeting_on, 18)
        campaign.published_at = _at(campaign.jury_meeting_on + timedelta(days=20))
        campaign.published_by = staff
        campaign.save(update_fields=["deliberated_at", "published_at", "published_by"])

    campaign = _campaign(current_year, today=today, edition=edition, current=True)
    if campaign is not None:
        counts["campaigns"] += 1
        JuryMember.objects.bulk_create(JuryMember(campaign=campaign, user=juror, added_by=staff) for juror in jurors)
        DeliberationAttendance.objects.bulk_create(
            DeliberationAttendance(campaign=campaign, juror=juror, present=index < 2, recorded_by=staff)
            for index, juror in enumerate(jurors)
        )
        mentions = list(campaign.mentions.all())
        candidates = [t for t in territories if rng.random() < CURRENT_CANDIDATE_SHARE + (0.3 if history[t.pk] else 0)]
        snapshots = []
        for territory in candidates:
            dossier = compute_dossier(campaign=campaign, territory=territory)
            if not dossier.actions:
                continue
            Membership.objects.create(
                territory=territory,
                year=current_year,
                level="simple",
                status=MembershipStatus.CONFIRMED,
                requested_by=staff,
                decided_by=staff,
                decided_at=_at(campaign.opens_on),
            )
            candidacy = Candidacy.objects.create(
                campaign=campaign, territory=territory, opened_by=staff, status=CandidacyStatus.VALIDATED
            )
            snapshots.append((candidacy, dossier))
        all_facts = [dossier.facts for _candidacy, dossier in snapshots]
        for candidacy, dossier in snapshots:
            validated = campaign.candidacy_deadline - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 8))
            CandidacySnapshot.objects.create(
                candidacy=candidacy,
                number=1,
                validated_at=validated,
                validated_by=staff,
                data={
                    "edition": edition.year,
                    "mosaic": dossier.mosaic.to_dict(),
                    "actions": dossier.actions,
                    "facts": asdict(dossier.facts),
                    "questionnaire": None,
                    "warnings": [],
                    "hors_concours": candidacy.hors_concours,
                },
            )
            allowed = rules.allowed_range(
                year=current_year, history=history[candidacy.territory_id], hors_concours=candidacy.hors_concours
            )
            peers = scoring.compute_peer_stats(dossier.facts.band, all_facts)
            proposed = scoring.clamp_to_range(scoring.propose_score(dossier.facts, peers).arobases, allowed)
            levels = []
            for juror in jurors:
                level = min(max(proposed + rng.choice((-1, 0, 0, 0, 1)), allowed.minimum), allowed.maximum)
                levels.append(level)
                proposal = JurorProposal.objects.create(
                    candidacy=candidacy,
                    juror=juror,
                    arobases=level,
                    alert=rng.random() < ALERT_RATE,
                    comment="Proposition de démonstration.",
                )
                if rng.random() < MENTION_RATE:
                    proposal.mentions.add(rng.choice(mentions))
            final = sorted(levels[:2])[0] if rng.random() < 0.5 else max(levels[:2])
            if final not in allowed:  # pragma: no cover (levels are clamped)
                final = allowed.minimum
            decision = JuryDecision.objects.create(
                candidacy=candidacy, arobases=final, alert=rng.random() < ALERT_RATE, recorded_by=staff
            )
            if rng.random() < MENTION_RATE:
                decision.mentions.add(rng.choice(mentions))
            counts["candidacies"] += 1
            counts["decisions"] += 1
    counts["juror_email"] = jurors[0].email
    return counts


def delete_demo_label(demo_users) -> int:
    """Delete the demo campaigns (those the demo juror sits on) with everything attached. Returns their number."""

    JuryMember.objects.filter(user__in=demo_users).exclude(
        campaign__jury_members__user__email=DEMO_LOGIN_EMAILS["juror"]
    ).delete()
    campaigns = Campaign.objects.filter(jury_members__user__email=DEMO_LOGIN_EMAILS["juror"]).distinct()
    ids = list(campaigns.values_list("pk", flat=True))
    if not ids:
        return 0
    SignDeclaration.objects.filter(result__campaign_id__in=ids).delete()
    Result.objects.filter(campaign_id__in=ids).delete()
    years = list(Campaign.objects.filter(pk__in=ids).values_list("year", flat=True))
    for history, model in ((DECISION_HISTORY, JuryDecision), (PROPOSAL_HISTORY, JurorProposal)):
        # The history of the demo jury goes too (its mention rows are not deleted in cascade).
        records = model.history.filter(candidacy__campaign_id__in=ids)
        mentions_history = history.m2m_models[model._meta.get_field("mentions")]
        mentions_history.objects.filter(history__in=records).delete()
        records.delete()
    Candidacy.objects.filter(campaign_id__in=ids).delete()
    Membership.objects.filter(Q(year__in=years), Q(requested_by__in=demo_users) | Q(decided_by__in=demo_users)).delete()
    JuryMember.objects.filter(campaign_id__in=ids).delete()
    return Campaign.objects.filter(pk__in=ids).delete()[1].get(Campaign._meta.label, 0)
