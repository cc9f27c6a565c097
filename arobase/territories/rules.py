"""Pure rules about collectivités and the label; no database access."""

from arobase.territories.models import LabelCategory, Territory, TerritoryKind

_CATEGORIES_BY_KIND: dict[str, tuple[str, ...]] = {
    TerritoryKind.COMMUNE: (LabelCategory.VILLE, LabelCategory.VILLAGE),
    TerritoryKind.EPCI: (LabelCategory.TERRITOIRE,),
    TerritoryKind.FOREIGN: (LabelCategory.VILLE, LabelCategory.VILLAGE, LabelCategory.TERRITOIRE),
    TerritoryKind.DEPARTEMENT: (),
    TerritoryKind.REGION: (),
}


def allowed_label_categories(kind: str) -> tuple[str, ...]:
    """Which label categories a collectivité of this kind may declare.

    A commune chooses Ville or Village, an EPCI is a Territoire, départements and régions can never be
    candidates; a foreign collectivité (evaluated "hors concours") may be any of the three.
    """
    return _CATEGORIES_BY_KIND[kind]


def can_be_candidate(kind: str) -> bool:
    return bool(allowed_label_categories(kind))


def label_category_of(territory: Territory) -> str:
    """How the collectivité competes for the label: its declared category, else Territoire for an EPCI, else Ville."""
    if territory.label_category:
        return territory.label_category
    return LabelCategory.TERRITOIRE if territory.kind == TerritoryKind.EPCI else LabelCategory.VILLE
