"""The proposed score of a candidacy: a transparent computation explained line by line to jurors.

It helps; it never decides. The jury is sovereign and the rules of :mod:`arobase.label.rules` still bound its
decision. Every constant below is public and described in :data:`METHODOLOGY_FR` (the methodology page).

Points on 100 (when the candidacy has no EPCI questionnaire):

=====================  ======  ==========================================================================
line                   points  computation
=====================  ======  ==========================================================================
enjeux covered         15      15 × enjeux covered / enjeux of the referential
services covered       25      25 × services covered / services of the referential
depth                  20      20 × min(actions, 2 × services covered) / (2 × services of the referential)
completeness           20      5 each × share of eligible actions with results, places, actors, images
band: services         10      10 × min(services covered / band median, 2) / 2 (5 = at the median)
band: actions          10      10 × min(eligible actions / band median, 2) / 2 (5 = at the median)
=====================  ======  ==========================================================================

With an EPCI questionnaire the lines above weigh 90 % and the questionnaire (share of "yes") 10 %.

Depth counts at most two actions per service covered, so it never drops when a service is added: the score is
non-decreasing in every "covered"/"with ..." count, all else equal (tested).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from arobase.label.rules import AllowedRange

KINDS = ("ville", "village", "territoire")

ENJEUX_POINTS = 15.0
SERVICES_POINTS = 25.0
DEPTH_POINTS = 20.0
DEPTH_CAP_PER_SERVICE = 2  # actions counted per service covered at most
COMPLETENESS_POINTS_EACH = 5.0  # results, places, actors, images
BAND_SERVICES_POINTS = 10.0
BAND_ACTIONS_POINTS = 10.0
BAND_RATIO_CAP = 2.0  # twice the band median gives all the points; the median itself gives half
BAND_MIN_PEERS = 3  # fewer candidacies in the band: no comparison, neutral half points
QUESTIONNAIRE_WEIGHT = 0.10  # share of the total given to the EPCI questionnaire when present

# Points on 100 -> arobases: the level is the highest whose threshold is reached.
AROBASE_THRESHOLDS: tuple[tuple[float, int], ...] = ((75.0, 5), (55.0, 4), (35.0, 3), (15.0, 2), (0.0, 1))

# Population bands: (key, lowest population included, highest included or None, French label).
POPULATION_BANDS: tuple[tuple[str, int, int | None, str], ...] = (
    ("0-999", 0, 999, "moins de 1 000 habitants"),
    ("1000-3499", 1_000, 3_499, "de 1 000 à 3 499 habitants"),
    ("3500-9999", 3_500, 9_999, "de 3 500 à 9 999 habitants"),
    ("10000-49999", 10_000, 49_999, "de 10 000 à 49 999 habitants"),
    ("50000-99999", 50_000, 99_999, "de 50 000 à 99 999 habitants"),
    ("100000+", 100_000, None, "100 000 habitants et plus"),
)
UNKNOWN_BAND = "inconnue"
POPULATION_BAND_LABELS: dict[str, str] = {key: label for key, _, _, label in POPULATION_BANDS} | {
    UNKNOWN_BAND: "population inconnue"
}


def population_band(population: int | None) -> str:
    """The key of the population band (see POPULATION_BANDS); ``UNKNOWN_BAND`` when the population is unknown."""
    if population is None:
        return UNKNOWN_BAND
    if population < 0:
        raise ValueError("population cannot be negative")
    for key, low, high, _ in POPULATION_BANDS:
        if population >= low and (high is None or population <= high):
            return key
    raise AssertionError("unreachable: the bands cover every population")  # pragma: no cover


@dataclass(frozen=True)
class SnapshotFacts:
    """The figures of a validated candidacy snapshot the score is computed from."""

    population: int | None
    kind: str
    enjeu_count: int
    enjeux_covered: int
    service_count: int
    services_covered: int
    eligible_actions: int
    actions_with_results: int
    actions_with_places: int
    actions_with_actors: int
    actions_with_images: int
    epci_questionnaire_yes: int | None = None
    epci_questionnaire_total: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r}")
        counts = (
            self.enjeu_count,
            self.enjeux_covered,
            self.service_count,
            self.services_covered,
            self.eligible_actions,
            self.actions_with_results,
            self.actions_with_places,
            self.actions_with_actors,
            self.actions_with_images,
        )
        if any(count < 0 for count in counts):
            raise ValueError("counts cannot be negative")
        if (self.epci_questionnaire_yes is None) != (self.epci_questionnaire_total is None):
            raise ValueError("questionnaire yes and total go together")
        if self.epci_questionnaire_yes is not None and not 0 <= self.epci_questionnaire_yes <= (
            self.epci_questionnaire_total or 0
        ):
            raise ValueError("questionnaire yes must be between 0 and total")

    @property
    def band(self) -> str:
        return population_band(self.population)

    @property
    def has_questionnaire(self) -> bool:
        return bool(self.epci_questionnaire_total)


@dataclass(frozen=True)
class PeerStats:
    """Medians among the candidacies of the same population band (same campaign)."""

    band: str
    candidacy_count: int
    median_services_covered: float | None
    median_eligible_actions: float | None


def compute_peer_stats(band: str, facts: Iterable[SnapshotFacts]) -> PeerStats:
    """Peer statistics of ``band`` from the snapshots of a campaign (those of other bands are skipped)."""
    peers = [fact for fact in facts if fact.band == band]
    if not peers:
        return PeerStats(band, 0, None, None)
    return PeerStats(
        band=band,
        candidacy_count=len(peers),
        median_services_covered=float(statistics.median(fact.services_covered for fact in peers)),
        median_eligible_actions=float(statistics.median(fact.eligible_actions for fact in peers)),
    )


@dataclass(frozen=True)
class ScoreLine:
    label_fr: str
    value: str
    points: float
    explanation_fr: str
    max_points: float
    code: str


@dataclass(frozen=True)
class ProposedScore:
    arobases: int
    points: float
    lines: tuple[ScoreLine, ...]

    @property
    def max_points(self) -> float:
        return round(sum(line.max_points for line in self.lines), 2)


def _share(part: int, whole: int) -> float:
    return min(part, whole) / whole if whole > 0 else 0.0


def _percent(share: float) -> str:
    return f"{round(share * 100)} %"


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def arobases_for_points(points: float) -> int:
    for threshold, arobases in AROBASE_THRESHOLDS:
        if points >= threshold:
            return arobases
    return 1


def _band_line(
    *, what: str, value: int, median: float | None, peers: PeerStats | None, max_points: float
) -> tuple[str, float, str]:
    """(value text, raw points before weighting, explanation) of a comparison with the band median."""
    if peers is None or median is None or peers.candidacy_count < BAND_MIN_PEERS:
        count = 0 if peers is None else peers.candidacy_count
        return (
            f"{value}",
            max_points / 2,
            f"comparaison impossible ({count} candidature(s) dans la tranche, il en faut {BAND_MIN_PEERS}) : "
            "points neutres (moitié)",
        )
    if median <= 0:
        raw = max_points if value > 0 else max_points / 2
        return f"{value} (médiane 0)", raw, f"médiane de la tranche à 0 {what}"
    ratio = value / median
    raw = max_points * min(ratio, BAND_RATIO_CAP) / BAND_RATIO_CAP
    if value > median:
        position = "au-dessus de"
    elif value < median:
        position = "en dessous de"
    else:
        position = "égal à"
    return (
        f"{value} (médiane {_number(median)})",
        raw,
        f"{position} la médiane de la tranche ({_number(median)} {what}, {peers.candidacy_count} candidatures) ; "
        f"la médiane donne la moitié des points, le double de la médiane tous les points",
    )


def propose_score(facts: SnapshotFacts, peers: PeerStats | None = None) -> ProposedScore:
    """The proposed score of a snapshot, with one explained line per criterion; the lines add up to the total."""
    weight = 1.0 - QUESTIONNAIRE_WEIGHT if facts.has_questionnaire else 1.0
    raw_lines: list[tuple[str, str, str, float, float, str]] = []  # code, label, value, raw, max, explanation

    enjeux_share = _share(facts.enjeux_covered, facts.enjeu_count)
    raw_lines.append(
        (
            "enjeux",
            "Enjeux couverts",
            f"{facts.enjeux_covered} / {facts.enjeu_count}",
            ENJEUX_POINTS * enjeux_share,
            ENJEUX_POINTS,
            f"{_percent(enjeux_share)} des enjeux du référentiel ont au moins une action éligible",
        )
    )
    services_share = _share(facts.services_covered, facts.service_count)
    raw_lines.append(
        (
            "services",
            "Services couverts",
            f"{facts.services_covered} / {facts.service_count}",
            SERVICES_POINTS * services_share,
            SERVICES_POINTS,
            f"{_percent(services_share)} des services du référentiel sont allumés dans la mosaïque",
        )
    )

    covered = min(facts.services_covered, facts.service_count)
    counted = min(facts.eligible_actions, DEPTH_CAP_PER_SERVICE * covered)
    depth_full = DEPTH_CAP_PER_SERVICE * facts.service_count
    per_service = facts.eligible_actions / covered if covered else 0.0
    raw_lines.append(
        (
            "depth",
            "Profondeur",
            f"{_number(per_service)} action(s) par service couvert",
            DEPTH_POINTS * (counted / depth_full if depth_full else 0.0),
            DEPTH_POINTS,
            f"{facts.eligible_actions} actions éligibles, dont {counted} comptées (au plus {DEPTH_CAP_PER_SERVICE} par "
            f"service couvert), rapportées à {DEPTH_CAP_PER_SERVICE} actions pour chacun des {facts.service_count} "
            "services",
        )
    )

    for code, label, count, what in (
        ("results", "Actions avec résultats", facts.actions_with_results, "décrivent leurs résultats"),
        ("places", "Actions avec lieux", facts.actions_with_places, "indiquent au moins un lieu"),
        ("actors", "Actions avec acteurs", facts.actions_with_actors, "nomment au moins un acteur"),
        ("images", "Actions avec images", facts.actions_with_images, "sont illustrées"),
    ):
        share = _share(count, facts.eligible_actions)
        raw_lines.append(
            (
                code,
                label,
                f"{count} / {facts.eligible_actions}",
                COMPLETENESS_POINTS_EACH * share,
                COMPLETENESS_POINTS_EACH,
                f"{_percent(share)} des actions éligibles {what}",
            )
        )

    band_label = POPULATION_BAND_LABELS[facts.band]
    for code, label, what, value, median, max_points in (
        (
            "band_services",
            f"Services couverts, tranche {band_label}",
            "services",
            facts.services_covered,
            None if peers is None else peers.median_services_covered,
            BAND_SERVICES_POINTS,
        ),
        (
            "band_actions",
            f"Actions éligibles, tranche {band_label}",
            "actions",
            facts.eligible_actions,
            None if peers is None else peers.median_eligible_actions,
            BAND_ACTIONS_POINTS,
        ),
    ):
        value_text, raw, explanation = _band_line(
            what=what, value=value, median=median, peers=peers, max_points=max_points
        )
        raw_lines.append((code, label, value_text, raw, max_points, explanation))

    lines = [
        ScoreLine(
            label_fr=label,
            value=value,
            points=round(raw * weight, 2),
            explanation_fr=explanation,
            max_points=round(max_points * weight, 2),
            code=code,
        )
        for code, label, value, raw, max_points, explanation in raw_lines
    ]
    if facts.has_questionnaire:
        total = facts.epci_questionnaire_total or 0
        yes = facts.epci_questionnaire_yes or 0
        share = _share(yes, total)
        max_points = 100.0 * QUESTIONNAIRE_WEIGHT
        lines.append(
            ScoreLine(
                label_fr="Questionnaire complémentaire (EPCI)",
                value=f"{yes} / {total}",
                points=round(max_points * share, 2),
                explanation_fr=f"{_percent(share)} de réponses « oui » ; les autres critères comptent pour "
                f"{round(weight * 100)} % du total",
                max_points=max_points,
                code="questionnaire",
            )
        )
    points = round(sum(line.points for line in lines), 2)
    return ProposedScore(arobases=arobases_for_points(points), points=points, lines=tuple(lines))


def clamp_to_range(arobases: int, allowed: AllowedRange) -> int:
    """The proposed level brought inside the range the rules allow (the jury still decides)."""
    return min(max(arobases, allowed.minimum), allowed.maximum)


def _thresholds_fr() -> str:
    rows = []
    upper: float | None = None
    for threshold, arobases in AROBASE_THRESHOLDS:
        top = "100" if upper is None else f"moins de {_number(upper)}"
        rows.append(f"- {arobases} @ : de {_number(threshold)} à {top} points")
        upper = threshold
    return "\n".join(rows)


def _bands_fr() -> str:
    return "\n".join(f"- {label}" for _, _, _, label in POPULATION_BANDS)


METHODOLOGY_FR = f"""\
# Le score proposé : méthode

Pour chaque candidature, la plateforme calcule un **score proposé** à partir du dossier validé par la collectivité
(la dernière version transmise au jury). Ce score **aide le jury, il ne décide jamais** : le jury est souverain, il
lit les actions, juge la cohérence des usages déclarés et fixe seul le nombre d'arobases, dans les limites du
règlement (au moins 1 @, au plus 4 @ pour une première participation, 5 @ seulement après 4 ou 5 @, pas de baisse
sans alerte...). Le calcul est public et chaque ligne est expliquée aux jurés.

## Les critères (sur 100 points)

**Étendue ({ENJEUX_POINTS + SERVICES_POINTS:.0f} points).** {ENJEUX_POINTS:.0f} points selon la part des enjeux du
référentiel couverts par au moins une action éligible, et {SERVICES_POINTS:.0f} points selon la part des services du
référentiel allumés dans la mosaïque.

**Profondeur ({DEPTH_POINTS:.0f} points).** Nombre d'actions éligibles par service couvert. Au plus
{DEPTH_CAP_PER_SERVICE} actions sont comptées par service couvert, pour ne pas favoriser un dossier qui multiplie les
actions sur quelques services ; le total compté est rapporté à {DEPTH_CAP_PER_SERVICE} actions pour chaque service du
référentiel. Ajouter un service couvert ne fait donc jamais baisser le score.

**Qualité des fiches ({4 * COMPLETENESS_POINTS_EACH:.0f} points).** {COMPLETENESS_POINTS_EACH:.0f} points pour
chacune des parts d'actions éligibles qui décrivent leurs résultats, indiquent leurs lieux, nomment leurs acteurs et
sont illustrées.

**Comparaison avec les collectivités de même taille ({BAND_SERVICES_POINTS + BAND_ACTIONS_POINTS:.0f} points).**
Les candidatures de la même campagne sont réparties par tranche de population :

{_bands_fr()}

Le nombre de services couverts et le nombre d'actions éligibles sont comparés à la médiane de la tranche : la médiane
donne la moitié des points, le double de la médiane (ou plus) tous les points. Une petite commune n'est ainsi pas
comparée à une métropole. Quand la tranche compte moins de {BAND_MIN_PEERS} candidatures, la comparaison n'a pas de
sens : la moitié des points est attribuée.

**Questionnaire complémentaire des territoires (EPCI).** Quand il est rempli, la part de réponses « oui » compte pour
{round(QUESTIONNAIRE_WEIGHT * 100)} % du score et les autres critères pour {round((1 - QUESTIONNAIRE_WEIGHT) * 100)} %.

## Des points aux arobases

{_thresholds_fr()}

Le nombre d'arobases proposé est ensuite ramené dans la plage que le règlement autorise pour la collectivité
(par exemple : pas plus de 4 @ pour une première participation). Le jury peut s'en écarter librement dans cette plage.

## Ce que le score ne mesure pas

Le score ne lit pas les textes : il ne juge ni la pertinence des actions, ni la cohérence des usages déclarés, ni
l'innovation. C'est le travail du jury.
"""
