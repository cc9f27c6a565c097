"""The complementary questionnaire of the *Territoires* (EPCI, syndicats...) and its coherence warnings, as pure
functions (no database).

The 14 yes/no items are those of the dossier de participation 2019, page "EPCI, SYNDICATS... DEVENIR UN
TERRITOIRE INTERNET" (``shared/seeds/000_*.txt``).

**Coherence warnings.** Each item lists the referential codes that would show it in the published actions: an
enjeu code (``T1E4``: any service of that enjeu) or a service code (``T1E4S03``). When the territory answers
"yes" and **none** of these codes is lit in the mosaïque of its candidacy (no eligible action), a warning says
that the declaration has no supporting action, so that the référent publishes the action or the jury knows.
It is a warning, never a blocker: the jury weighs the coherence of declared usages with the published actions.
The codes are those of the 2019 referential; codes absent from the edition of a campaign are ignored (an item
whose codes are all absent gives no warning).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class QuestionnaireItem:
    code: str
    label: str
    supporting_codes: tuple[str, ...]


ITEMS: tuple[QuestionnaireItem, ...] = (
    QuestionnaireItem(
        "sdtan",
        "Participe à un Schéma Directeur Territorial d'Aménagement Numérique (SDTAN)",
        ("T4E2S01", "T4E2S02", "T1E3S08"),
    ),
    QuestionnaireItem(
        "staff",
        "Emploie une ou plusieurs personnes pour la politique numérique : médiateur, assistant, développeur…",
        ("T3E2S02", "T3E2S05", "T1E3S04"),
    ),
    QuestionnaireItem("diagnostic", "Produit un diagnostic numérique territorial", ("T1E3S06", "T1E3S07", "T1E3S08")),
    QuestionnaireItem(
        "elected_awareness",
        "Mène des actions de sensibilisation des élus des communes-membres aux enjeux du numérique",
        ("T1E4S04",),
    ),
    QuestionnaireItem("commission", "A élu une commission ou une délégation sur le numérique", ("T1E4S04", "T1E4S08")),
    QuestionnaireItem("citizen_services", "Conçoit des services numériques pour les citoyens", ("T1E3",)),
    QuestionnaireItem(
        "pooling",
        "Met des moyens numériques à disposition des communes membres (mutualisation)",
        ("T3E3S04", "T3E3S05", "T3E3S06", "T3E3S07"),
    ),
    QuestionnaireItem(
        "liaison_agents",
        "Utilise le numérique comme outil de liaison avec les agents des communes-membres",
        ("T1E3S05", "T3E3S06"),
    ),
    QuestionnaireItem(
        "train_agents", "Forme les agents de l'intercommunalité à la culture numérique", ("T1E3S04", "T4E3S03")
    ),
    QuestionnaireItem(
        "involve_inhabitants",
        "Utilise le numérique pour impliquer les habitants du territoire au projet politique",
        ("T1E4S02", "T1E4S06", "T1E4S07", "T1E4S09"),
    ),
    QuestionnaireItem("answer_communes", "Répond aux demandes des communes liées au numérique", ("T3E3S04", "T3E3S07")),
    QuestionnaireItem("open_data", "Participe à l'ouverture des données publiques", ("T1E4S03", "T1E4S05")),
    QuestionnaireItem(
        "public_private", "Organise des partenariats public/privé pour les projets numériques", ("T3E3S08",)
    ),
    QuestionnaireItem("mediation", "Coordonne la médiation numérique sur le territoire", ("T3E3S02", "T3E2S05")),
)
ITEM_CODES: tuple[str, ...] = tuple(item.code for item in ITEMS)
ITEMS_BY_CODE: dict[str, QuestionnaireItem] = {item.code: item for item in ITEMS}


@dataclass(frozen=True)
class CoherenceWarning:
    item: str
    message: str


def clean_answers(answers: Mapping[str, object]) -> dict[str, bool]:
    """Every item code mapped to a boolean (missing items are "no"); unknown codes raise ValueError."""
    unknown = set(answers) - set(ITEM_CODES)
    if unknown:
        raise ValueError(f"unknown questionnaire items: {sorted(unknown)}")
    return {code: bool(answers.get(code, False)) for code in ITEM_CODES}


def yes_count(answers: Mapping[str, bool]) -> int:
    return sum(1 for code in ITEM_CODES if answers.get(code))


def _supported(codes: Iterable[str], lit_codes: frozenset[str], known_codes: frozenset[str]) -> bool | None:
    """True when one of the codes is lit; None when none of the codes exists in the edition."""
    relevant = [code for code in codes if any(known == code or known.startswith(code) for known in known_codes)]
    if not relevant:
        return None
    return any(lit == code or lit.startswith(code) for code in relevant for lit in lit_codes)


def coherence_warnings(
    answers: Mapping[str, bool], *, lit_codes: frozenset[str], known_codes: frozenset[str]
) -> list[CoherenceWarning]:
    """Warnings for "yes" answers without any eligible action in the related enjeux/services (see module doc).

    ``lit_codes``: service codes lit in the mosaïque; ``known_codes``: all service codes of the edition.
    """
    warnings = []
    for item in ITEMS:
        if not answers.get(item.code):
            continue
        if _supported(item.supporting_codes, lit_codes, known_codes) is False:
            warnings.append(
                CoherenceWarning(
                    item.code,
                    f"« {item.label} » : déclaré, mais aucune action éligible ne l'illustre "
                    f"(services {', '.join(item.supporting_codes)}). Publiez l'action correspondante ou "
                    "attendez-vous à ce que le jury s'interroge.",
                )
            )
    return warnings
