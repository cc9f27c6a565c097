"""What stands between a collectivité and its candidacy, as a pure function (no database).

Each blocker says plainly what is missing and **who can fix it**, so the candidacy page can tell the person in
front of it what to do (or whom to ask).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from arobase.label import calendar

# Who can fix a blocker.
REFERENT = "referent"
STAFF = "staff"
CONTRIBUTORS = "contributors"
NOBODY = "nobody"

NOT_CANDIDATE_KIND = "not_candidate_kind"
NO_MEMBERSHIP = "no_membership"
MEMBERSHIP_PENDING = "membership_pending"
CAMPAIGN_NOT_OPEN = "campaign_not_open"
DEADLINE_PASSED = "deadline_passed"
NO_ELIGIBLE_ACTION = "no_eligible_action"


@dataclass(frozen=True)
class Blocker:
    code: str
    message: str
    who: str

    @property
    def who_fr(self) -> str:
        return {
            REFERENT: "le référent de la collectivité",
            STAFF: "l'équipe Villes Internet",
            CONTRIBUTORS: "les membres de la collectivité",
            NOBODY: "personne",
        }[self.who]


def candidacy_blockers(
    *,
    year: int,
    can_be_candidate: bool,
    membership_status: str | None,
    campaign_state: str,
    opens_at: datetime,
    deadline: datetime,
    eligible_actions: int,
    is_referent: bool,
) -> list[Blocker]:
    """The reasons why the candidacy cannot be opened or validated now (empty: it can).

    ``membership_status``: ``None`` (no request for that year), ``requested``, ``confirmed`` or ``refused``.
    ``is_referent``: whether the person reading is the référent (or staff), to address them directly.
    """
    if not can_be_candidate:
        return [
            Blocker(
                NOT_CANDIDATE_KIND, "Les départements et les régions ne peuvent pas être candidats au label.", NOBODY
            )
        ]
    blockers: list[Blocker] = []
    if membership_status in (None, "refused"):
        message = (
            f"La collectivité n'est pas adhérente pour {year} : demandez l'adhésion à l'équipe Villes Internet."
            if is_referent
            else f"La collectivité n'est pas adhérente pour {year} : le référent doit demander l'adhésion."
        )
        blockers.append(Blocker(NO_MEMBERSHIP, message, REFERENT))
    elif membership_status == "requested":
        blockers.append(
            Blocker(
                MEMBERSHIP_PENDING,
                f"La demande d'adhésion pour {year} attend la confirmation de l'équipe Villes Internet.",
                STAFF,
            )
        )
    if campaign_state == calendar.PREPARATION:
        blockers.append(
            Blocker(
                CAMPAIGN_NOT_OPEN,
                f"La campagne du label {year} n'est pas encore ouverte : elle ouvre le {opens_at:%d/%m/%Y}.",
                NOBODY,
            )
        )
    elif campaign_state != calendar.OPEN:
        blockers.append(
            Blocker(
                DEADLINE_PASSED,
                f"La date limite de candidature ({deadline:%d/%m/%Y à %H:%M}) est passée : le dossier ne peut plus "
                "être modifié.",
                NOBODY,
            )
        )
    if eligible_actions == 0:
        blockers.append(
            Blocker(
                NO_ELIGIBLE_ACTION,
                f"Aucune action éligible au label {year} : publiez ou mettez à jour des actions en cours ou réalisées "
                f"(dernière mise à jour en {year - 2} ou {year - 1}).",
                CONTRIBUTORS,
            )
        )
    return blockers
