"""The arobase rules of the label, as pure functions (no database, no Django).

Source: the regulation (article 10) and the FAQ of the label (``shared/seeds/001_*.txt``), summarised in
``DOMAIN.md`` ("Rules of the label"). The jury is sovereign: these functions never choose a level, they compute
the range of levels the jury may award and explain each bound in French.

Interpretation chosen here (documented on purpose, the regulation being terse):

* **Previous result** (R6): the most recent published result of the collectivité whose year is strictly before the
  label year being decided. Results of the same year or later are ignored. Should two results share the most
  recent year (a data error that :func:`validate_history` reports), the one with the most arobases (then the one
  without an alert) is used, whatever the order given.
* **R1**: every candidate receives 1 to 5 @.
* **R2**: a collectivité without any earlier result (first participation) receives 1 to 4 @.
* **R3**: 5 @ only if the previous result was 4 or 5 @, however old it is. Only the previous result counts:
  a 4 @ obtained before a later 3 @ does not open 5 @.
* **R4 + R5 (the floor)**: when the previous result is at most 3 label years older
  (``year - previous.year <= 3``):

  - without an alert on the previous result, the collectivité cannot lose any @: floor = previous level;
  - with an alert, it can lose one @ at most: floor = previous level - 1 (never under 1 @).

  When the previous result is more than 3 years older there is **no floor at all** (only R1's 1 @ minimum):
  article 10 limits the loss, and the FAQ's "no loss without an alert the year before", to candidacies at most
  3 years apart; beyond that the regulation says "no principle of keeping, losing or progressing".
  So an alert older than 3 years has no effect, and neither has its absence.
* **Legacy "mention only" results** (0 @, old palmarès files): they count as a participation (the next candidacy is
  not a first participation, so R2 does not cap it, but R3 still does: 0 @ is not 4 or 5 @) and give no floor.
* **Hors concours** (R7, foreign collectivités): same range; the range is flagged ``hors_concours`` and carries an
  informative reason. The flag is also set when the previous result was hors concours.

With these rules ``1 <= minimum <= maximum <= 5`` always holds: the floor is at most the previous level, which is at
most 4 unless the previous level is 5, in which case 5 @ is allowed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

MIN_AROBASES = 1
MAX_AROBASES = 5
FIRST_PARTICIPATION_MAX = 4
FIVE_REQUIRES_PREVIOUS = 4  # 5 @ only if the previous result had at least this many @
PROTECTION_YEARS = 3  # the floor applies when year - previous.year <= PROTECTION_YEARS
DISAGREEMENT_SPREAD = 2  # jurors' proposals this far apart (max - min) are flagged

# Rule codes, used by reasons and violations.
RULE_BOUNDS = "R1"
RULE_FIRST_PARTICIPATION = "R2"
RULE_FIVE = "R3"
RULE_ONE_STEP = "R4"
RULE_ALERT = "R5"
RULE_PREVIOUS = "R6"
RULE_HORS_CONCOURS = "R7"
RULE_LEGACY = "legacy"
RULE_DUPLICATE_YEAR = "duplicate_year"

RULE_LABELS_FR: dict[str, str] = {
    RULE_BOUNDS: "toute collectivité candidate reçoit de 1 à 5 @",
    RULE_FIRST_PARTICIPATION: "une première participation obtient de 1 à 4 @",
    RULE_FIVE: "5 @ seulement si le résultat précédent était de 4 ou 5 @",
    RULE_ONE_STEP: ("pas plus d'une @ perdue par rapport à la candidature précédente si elle date de 3 ans au plus"),
    RULE_ALERT: "pas de perte d'@ sans alerte du jury sur la candidature précédente",
    RULE_PREVIOUS: "le résultat de référence est le dernier résultat publié avant l'année du label",
    RULE_HORS_CONCOURS: "les collectivités étrangères sont évaluées mais citées hors concours",
    RULE_LEGACY: "le niveau « mention seule » (0 @) n'existe que dans les anciens palmarès",
    RULE_DUPLICATE_YEAR: "un seul résultat par collectivité et par année",
}

# Reason codes (which bound they explain is in Reason.bound).
REASON_MINIMUM_ONE = "minimum_one"
REASON_FIRST_PARTICIPATION = "first_participation"
REASON_FIVE_ALLOWED = "five_allowed"
REASON_FIVE_NOT_ALLOWED = "five_not_allowed"
REASON_FLOOR_NO_ALERT = "floor_no_alert"
REASON_FLOOR_ALERT = "floor_alert"
REASON_NO_FLOOR_GAP = "no_floor_gap"
REASON_NO_FLOOR_LEGACY = "no_floor_legacy"
REASON_HORS_CONCOURS = "hors_concours"

REASON_RULES: dict[str, str] = {
    REASON_MINIMUM_ONE: RULE_BOUNDS,
    REASON_FIRST_PARTICIPATION: RULE_FIRST_PARTICIPATION,
    REASON_FIVE_ALLOWED: RULE_FIVE,
    REASON_FIVE_NOT_ALLOWED: RULE_FIVE,
    REASON_FLOOR_NO_ALERT: RULE_ALERT,
    REASON_FLOOR_ALERT: RULE_ONE_STEP,
    REASON_NO_FLOOR_GAP: RULE_ONE_STEP,
    REASON_NO_FLOOR_LEGACY: RULE_PREVIOUS,
    REASON_HORS_CONCOURS: RULE_HORS_CONCOURS,
}

Bound = Literal["minimum", "maximum", "info"]


@dataclass(frozen=True)
class PastResult:
    """A published result of one collectivité.

    ``arobases`` is 1 to 5, or 0 for a legacy "mention only" result of an old palmarès
    (then ``legacy_mention_only`` is true).
    """

    year: int
    arobases: int
    alert: bool
    legacy_mention_only: bool = False
    hors_concours: bool = False

    @property
    def is_mention_only(self) -> bool:
        return self.legacy_mention_only or self.arobases == 0

    def describe_fr(self) -> str:
        """« 4 @ en 2017 », « mention seule en 2005 »."""
        if self.is_mention_only:
            return f"mention seule en {self.year}"
        return f"{self.arobases} @ en {self.year}"


@dataclass(frozen=True)
class Reason:
    """Why a bound of the allowed range is what it is. ``message`` is shown to jurors (French)."""

    code: str
    message: str
    bound: Bound = "info"

    @property
    def rule(self) -> str:
        return REASON_RULES.get(self.code, "")


@dataclass(frozen=True)
class AllowedRange:
    minimum: int
    maximum: int
    reasons: tuple[Reason, ...]
    hors_concours: bool = False
    previous: PastResult | None = None

    def __post_init__(self) -> None:
        if not MIN_AROBASES <= self.minimum <= self.maximum <= MAX_AROBASES:
            raise ValueError(f"invalid range {self.minimum}..{self.maximum}")

    def __contains__(self, arobases: object) -> bool:
        return isinstance(arobases, int) and not isinstance(arobases, bool) and self.minimum <= arobases <= self.maximum

    @property
    def values(self) -> range:
        return range(self.minimum, self.maximum + 1)

    @property
    def is_first_participation(self) -> bool:
        return any(reason.code == REASON_FIRST_PARTICIPATION for reason in self.reasons)

    def reasons_for(self, bound: Bound) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason.bound == bound)

    def summary_fr(self) -> str:
        """« de 3 à 5 @ », « 5 @ exactement »."""
        if self.minimum == self.maximum:
            return f"{self.minimum} @ exactement"
        return f"de {self.minimum} à {self.maximum} @"


@dataclass(frozen=True)
class Violation:
    """A result of a history that breaks a rule. ``index`` is its position in the sequence given."""

    index: int
    year: int
    rule: str
    message: str


@dataclass(frozen=True)
class Disagreement:
    count: int
    minimum: int | None
    maximum: int | None
    spread: int
    flagged: bool

    @property
    def message_fr(self) -> str:
        if self.count == 0:
            return "aucune proposition"
        if self.spread == 0:
            return f"consensus : {self.count} proposition(s) à {self.minimum} @"
        text = f"écart de {self.spread} @ entre les propositions (de {self.minimum} à {self.maximum} @)"
        return f"désaccord : {text}" if self.flagged else text


def _earlier(history: Sequence[PastResult], year: int) -> list[PastResult]:
    return [result for result in history if result.year < year]


def previous_result(history: Sequence[PastResult], year: int) -> PastResult | None:
    """The most recent result strictly before ``year``, or None.

    Ties on the year (a data error reported by validate_history) are broken deterministically, whatever the order:
    the highest level, then the one without an alert.
    """
    earlier = _earlier(history, year)
    if not earlier:
        return None
    return max(earlier, key=lambda r: (r.year, r.arobases, not r.alert, not r.legacy_mention_only, r.hors_concours))


def is_first_participation(history: Sequence[PastResult], year: int) -> bool:
    """True when the collectivité has no result (not even a legacy mention) before ``year``."""
    return not _earlier(history, year)


def allowed_range(*, year: int, history: Sequence[PastResult], hors_concours: bool = False) -> AllowedRange:
    """The levels the jury may award for label ``year``, given the collectivité's published results.

    ``history`` may be in any order and may contain results of ``year`` or later: they are ignored.
    ``hors_concours`` flags the candidacy of a foreign collectivité (same range, informative reason added).
    """
    previous = previous_result(history, year)
    reasons: list[Reason] = []
    minimum, maximum = MIN_AROBASES, MAX_AROBASES

    if previous is None:
        maximum = FIRST_PARTICIPATION_MAX
        reasons.append(Reason(REASON_FIRST_PARTICIPATION, "au plus 4 @ : première participation", "maximum"))
        reasons.append(
            Reason(REASON_MINIMUM_ONE, "au moins 1 @ : toute collectivité candidate reçoit au moins une @", "minimum")
        )
    else:
        maximum, max_reason = _maximum(previous)
        minimum, min_reason = _minimum(previous, year)
        reasons.extend((min_reason, max_reason))

    is_hors_concours = hors_concours or (previous is not None and previous.hors_concours)
    if is_hors_concours:
        reasons.append(
            Reason(
                REASON_HORS_CONCOURS,
                "hors concours : collectivité étrangère, évaluée selon les mêmes règles mais citée hors concours",
            )
        )
    return AllowedRange(minimum, maximum, tuple(reasons), hors_concours=is_hors_concours, previous=previous)


def _maximum(previous: PastResult) -> tuple[int, Reason]:
    if not previous.is_mention_only and previous.arobases >= FIVE_REQUIRES_PREVIOUS:
        return MAX_AROBASES, Reason(REASON_FIVE_ALLOWED, f"5 @ possible : {previous.describe_fr()}", "maximum")
    return FIRST_PARTICIPATION_MAX, Reason(
        REASON_FIVE_NOT_ALLOWED,
        f"au plus 4 @ : le dernier résultat ({previous.describe_fr()}) n'est pas 4 ou 5 @",
        "maximum",
    )


def _minimum(previous: PastResult, year: int) -> tuple[int, Reason]:
    gap = year - previous.year
    if previous.is_mention_only:
        return MIN_AROBASES, Reason(
            REASON_NO_FLOOR_LEGACY,
            f"pas de plancher : le dernier résultat ({previous.describe_fr()}) ne comptait pas d'@",
            "minimum",
        )
    if gap > PROTECTION_YEARS:
        return MIN_AROBASES, Reason(
            REASON_NO_FLOOR_GAP,
            f"pas de plancher : dernière participation en {previous.year}, il y a plus de {PROTECTION_YEARS} ans",
            "minimum",
        )
    if not previous.alert:
        message = f"au moins {previous.arobases} @ : {previous.describe_fr()} et aucune alerte"
        return previous.arobases, Reason(REASON_FLOOR_NO_ALERT, message, "minimum")
    floor = max(MIN_AROBASES, previous.arobases - 1)
    if floor == previous.arobases:  # previous 1 @ with an alert: cannot go under 1 @ anyway
        message = f"au moins 1 @ : {previous.describe_fr()} avec alerte, mais toute collectivité reçoit au moins une @"
    else:
        message = f"au moins {floor} @ : {previous.describe_fr()} avec alerte, une @ de moins au plus"
    return floor, Reason(REASON_FLOOR_ALERT, message, "minimum")


def check_decision(*, arobases: int, allowed: AllowedRange) -> list[str]:
    """French messages explaining why ``arobases`` cannot be awarded (empty list: the decision is valid)."""
    if isinstance(arobases, bool) or not isinstance(arobases, int):
        return ["Le nombre d'@ doit être un nombre entier de 1 à 5."]
    if not MIN_AROBASES <= arobases <= MAX_AROBASES:
        return [f"{arobases} @ impossible : toute collectivité candidate reçoit de 1 à 5 @."]
    if arobases < allowed.minimum:
        why = " ; ".join(reason.message for reason in allowed.reasons_for("minimum"))
        return [f"{arobases} @ hors de la plage autorisée ({allowed.summary_fr()}) — {why}."]
    if arobases > allowed.maximum:
        why = " ; ".join(reason.message for reason in allowed.reasons_for("maximum"))
        return [f"{arobases} @ hors de la plage autorisée ({allowed.summary_fr()}) — {why}."]
    return []


def _violated_rule(arobases: int, allowed: AllowedRange) -> str:
    if not MIN_AROBASES <= arobases <= MAX_AROBASES:
        return RULE_BOUNDS
    bound = "minimum" if arobases < allowed.minimum else "maximum"
    reasons = allowed.reasons_for(bound)
    return reasons[0].rule if reasons else RULE_BOUNDS


def validate_history(results: Sequence[PastResult]) -> list[Violation]:
    """Check every result of one collectivité against the rules and its earlier results.

    Results are checked in year order whatever the order given; each violation gives the index of the result in
    ``results``, its year, the rule code and a French message naming the year and the rule. Legacy "mention only"
    results (0 @) predate the arobase rules: they are only checked for consistency (0 @ if and only if mention only),
    and they count as earlier participations for the results that follow.
    """
    violations: list[Violation] = []
    order = sorted(range(len(results)), key=lambda index: results[index].year)
    seen_years: set[int] = set()
    for index in order:
        result = results[index]
        prefix = f"{result.year} : "
        if result.year in seen_years:
            violations.append(
                Violation(
                    index,
                    result.year,
                    RULE_DUPLICATE_YEAR,
                    f"{prefix}deux résultats la même année (règle : {RULE_LABELS_FR[RULE_DUPLICATE_YEAR]}).",
                )
            )
            continue
        seen_years.add(result.year)
        if result.legacy_mention_only or result.arobases == 0:
            if not (result.legacy_mention_only and result.arobases == 0):
                violations.append(
                    Violation(
                        index,
                        result.year,
                        RULE_LEGACY,
                        f"{prefix}{result.arobases} @ avec « mention seule » incohérent "
                        f"(règle : {RULE_LABELS_FR[RULE_LEGACY]}).",
                    )
                )
            continue
        earlier = [results[other] for other in order if results[other].year < result.year]
        allowed = allowed_range(year=result.year, history=earlier)
        problems = check_decision(arobases=result.arobases, allowed=allowed)
        if problems:
            rule = _violated_rule(result.arobases, allowed)
            violations.append(
                Violation(
                    index, result.year, rule, f"{prefix}{problems[0].rstrip('.')} — règle : {RULE_LABELS_FR[rule]}."
                )
            )
    return violations


def disagreement(proposals: Sequence[int]) -> Disagreement:
    """Spread of the jurors' proposals; flagged when max - min >= DISAGREEMENT_SPREAD (2 @).

    One @ of difference is ordinary deliberation; two or more means the jurors read the dossier differently and the
    deliberation should start with it.
    """
    values = list(proposals)
    if not values:
        return Disagreement(count=0, minimum=None, maximum=None, spread=0, flagged=False)
    low, high = min(values), max(values)
    spread = high - low
    return Disagreement(
        count=len(values), minimum=low, maximum=high, spread=spread, flagged=spread >= DISAGREEMENT_SPREAD
    )
