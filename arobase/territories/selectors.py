"""Reads of territories."""

from django.db.models import QuerySet

from arobase.territories.models import Territory, search_key


def search_territories(*, query: str, kind: str | None = None, departement: str | None = None) -> QuerySet[Territory]:
    """Territories matching a name (insensitive to case, accents, hyphens and apostrophes), an INSEE code,
    a SIREN or a postal code; most populated first. Obsolete territories are left out."""
    territories = Territory.objects.filter(is_obsolete=False)
    if kind:
        territories = territories.filter(kind=kind)
    if departement:
        territories = territories.filter(departement__code=departement)
    key = search_key(query).rstrip()
    if key.strip():
        territories = territories.filter(search_name__contains=key)
    return territories.order_by("-population", "name")
