"""One clear French phrase for where a collectivité's candidacy stands in a campaign (pure, no database).

The campaign's state and the candidacy's status are two facts; people read one sentence that says what it means
for them and what to do next: "candidature validée et transmise au jury ; modifiable jusqu'au 1er décembre 2026
à 23 h 59" rather than "validée (ouverte)". Dates must be given in local time.
"""

from __future__ import annotations

from datetime import date, datetime

from arobase.core.french import long_date
from arobase.label import calendar

DRAFT = "draft"
VALIDATED = "validated"


def candidacy_phrase(
    *,
    campaign_state: str,
    candidacy_status: str | None,
    transmitted: bool,
    opens_on: date,
    deadline: datetime,
    ceremony: datetime,
) -> str:
    """`candidacy_status` is None without a candidacy; `transmitted` says whether a version was ever validated
    (the jury judges the last one)."""
    until = long_date(deadline, with_time=True)
    if campaign_state == calendar.PREPARATION:
        return f"les candidatures ouvriront le {long_date(opens_on)}"
    if campaign_state == calendar.OPEN:
        if candidacy_status is None:
            return f"pas encore de candidature : les candidatures sont ouvertes jusqu'au {until}"
        if candidacy_status == VALIDATED:
            return f"candidature validée et transmise au jury ; vous pouvez la modifier jusqu'au {until}"
        if transmitted:
            return (
                "candidature modifiée depuis sa dernière validation : validez-la de nouveau avant le "
                f"{until} pour transmettre ces changements au jury"
            )
        return f"candidature en préparation, à valider avant le {until}"
    if campaign_state == calendar.PUBLISHED:
        if candidacy_status is None or not transmitted:
            return "pas de candidature examinée par le jury : le palmarès est publié"
        return "le palmarès est publié : votre résultat y figure"
    if candidacy_status is None:
        if campaign_state == calendar.CLOSED:
            return "pas de candidature : les candidatures sont closes et le jury est au travail"
        return f"pas de candidature ; le palmarès sera dévoilé à la cérémonie du {long_date(ceremony)}"
    if not transmitted:
        return "candidature jamais validée : elle n'a pas été transmise au jury"
    if campaign_state == calendar.CLOSED:
        return "candidature transmise au jury, qui l'examine"
    return f"le jury a délibéré : résultat dévoilé à la cérémonie du {long_date(ceremony)}"


def campaign_candidacy_phrase(campaign, candidacy, *, transmitted: bool, now: datetime | None = None) -> str:
    """`candidacy_phrase` for model instances (`transmitted`: the candidacy has a snapshot)."""
    from django.utils import timezone

    return candidacy_phrase(
        campaign_state=campaign.state_at(now),
        candidacy_status=candidacy.status if candidacy is not None else None,
        transmitted=transmitted,
        opens_on=campaign.opens_on,
        deadline=timezone.localtime(campaign.candidacy_deadline),
        ceremony=timezone.localtime(campaign.ceremony_at),
    )
