"""Reads of territories."""

import re

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import Case, Count, F, IntegerField, Max, Q, QuerySet, Subquery, Value, When

from arobase.core import fuzzy
from arobase.core.text import normalize
from arobase.territories.models import Territory, TerritoryKind

_SIREN = re.compile(r"^\d{9}$")
_FIVE_DIGITS = re.compile(r"^\d{5}$")
_CORSICAN_INSEE = re.compile(r"^2[AB]\d{3}$")
_DEPARTEMENT = re.compile(r"^(\d{2}|2[AB]|97\d)$")

# When a bare code is ambiguous ("11" is both Île-de-France and Aude), the first kind in this order wins.
CODE_PREFERENCE = (
    TerritoryKind.COMMUNE,
    TerritoryKind.EPCI,
    TerritoryKind.DEPARTEMENT,
    TerritoryKind.REGION,
    TerritoryKind.FOREIGN,
)

NAME_CANDIDATES = 20
# Names are short and many: a correction must be closer than for words of texts ("hasebrouck" → Hazebrouck at
# 0.57, but not "tienne" → Étienne at 0.5: a query matches the start of words only).
NAME_THRESHOLD = 0.55
NAME_INDEX_THRESHOLD = 0.5
BY_POPULATION = (F("population").desc(nulls_last=True), "name", "code")
# Between territories of equal relevance and population (Paris the commune and Paris the département),
# the commune comes first.
KIND_RANK = Case(
    *(When(kind=kind, then=Value(rank)) for rank, kind in enumerate(CODE_PREFERENCE)),
    default=Value(len(CODE_PREFERENCE)),
    output_field=IntegerField(),
)


def search_territories(*, query: str, kind: str | None = None, departement: str | None = None) -> QuerySet[Territory]:
    """Territories matching a name (insensitive to case, accents, hyphens and apostrophes), an INSEE code,
    a SIREN or a postal code; most populated first. Obsolete territories are left out.

    - 9 digits: the territory with that SIREN (EPCI or commune);
    - 5 characters ("80021", "2A004"): the commune with that INSEE code, and the communes with that postal code;
    - a département code ("80", "2A", "974"): the département and every territory in it;
    - anything else: names having, for each word of the query, a word starting with it ("amien" finds Amiens,
      "villeneuve d ascq" finds Villeneuve-d'Ascq); the exact name comes first ("saint etienne": the commune
      before Saint-Étienne Métropole), then names starting with the query, then the others. When no name
      matches, each unknown word is replaced by the most similar word of a name ("hazebrouk": Hazebrouck).
    `departement` (a département code) restricts the results to territories in that département.
    """
    territories = Territory.objects.filter(is_obsolete=False)
    if kind:
        territories = territories.filter(kind=kind)
    if departement:
        territories = territories.filter(departement_id=_departement_id(departement))
    condition = _query_condition(query)
    words = _name_words(query)
    if words and not territories.filter(condition).exists():
        # Nothing under these words: a typo ("hazebrouk")? Search the closest words of the names instead.
        words = corrected_name_words(words)
        condition = _words_condition(words)
    if condition is not None:
        territories = territories.filter(condition)
    if not words:
        return territories.order_by(*BY_POPULATION)
    phrase = " ".join(words)
    relevance = Case(
        When(search_name=f" {phrase} ", then=Value(0)),
        When(search_name__startswith=f" {phrase}", then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return territories.order_by(relevance, F("population").desc(nulls_last=True), KIND_RANK, "name", "code")


def _name_words(query: str) -> list[str]:
    """The words of a name query; none for a code query or an empty one."""
    text = (query or "").strip()
    if _is_code(text.upper()):
        return []
    return normalize(text).split()


def _is_code(text: str) -> bool:
    return any(pattern.match(text) for pattern in (_SIREN, _FIVE_DIGITS, _CORSICAN_INSEE, _DEPARTEMENT))


def _departement_id(code: str) -> Subquery:
    """The id of a département as a scalar subquery, so that the database can use the departement_id index."""
    departements = Territory.objects.filter(kind=TerritoryKind.DEPARTEMENT, code=code.strip().upper())
    return Subquery(departements.values("id")[:1])


def _query_condition(query: str) -> Q | None:
    text = (query or "").strip()
    code = text.upper()
    if _SIREN.match(code):
        return Q(siren=code)
    if _FIVE_DIGITS.match(code):
        return Q(kind=TerritoryKind.COMMUNE, code=code) | Q(postal_codes__contains=f" {code} ")
    if _CORSICAN_INSEE.match(code):
        return Q(kind=TerritoryKind.COMMUNE, code=code)
    if _DEPARTEMENT.match(code):
        return Q(kind=TerritoryKind.DEPARTEMENT, code=code) | Q(departement_id=_departement_id(code))
    return _words_condition(_name_words(text))


def _words_condition(words: list[str]) -> Q | None:
    if not words:
        return None
    condition = Q()
    for word in words:
        # search_name is framed by spaces: " word" matches the start of any word of the name.
        condition &= Q(search_name__contains=f" {word}")
    return condition


def corrected_name_words(words: list[str]) -> list[str]:
    """Each word that starts no word of a current name replaced by the most similar word of a name, if any is
    similar enough (trigram similarity: pg_trgm on PostgreSQL, `core.fuzzy` on SQLite)."""
    current = Territory.objects.filter(is_obsolete=False)
    corrected = []
    for word in words:
        # (A single word is unknown already: the caller found nothing.)
        if len(word) < 3 or (len(words) > 1 and current.filter(search_name__contains=f" {word}").exists()):
            corrected.append(word)
        else:
            corrected.append(_closest_name_word(word) or word)
    return corrected


def _closest_name_word(word: str) -> str | None:
    if connection.vendor == "postgresql":
        # `%>` (word similarity) walks the GIN trigram index of search_name (migration 0002); its threshold, for
        # this transaction only, lets a close word through for `best_match` to judge.
        with transaction.atomic(), connection.cursor() as cursor:
            threshold = str(NAME_INDEX_THRESHOLD)
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [threshold])
            names = list(
                Territory.objects.filter(is_obsolete=False, search_name__trigram_word_similar=word)
                .annotate(similarity=TrigramWordSimilarity(word, "search_name"))
                .order_by("-similarity")
                .values_list("search_name", flat=True)[:NAME_CANDIDATES]
            )
        return fuzzy.best_match(word, (part for name in names for part in name.split()), threshold=NAME_THRESHOLD)
    return _name_vocabulary().closest(word, threshold=NAME_THRESHOLD)


_vocabulary: dict = {"key": None, "words": fuzzy.Vocabulary()}


def _name_vocabulary() -> fuzzy.Vocabulary:
    """The words of current territory names, in memory, rebuilt when the territories change (a yearly import)."""
    current = Territory.objects.filter(is_obsolete=False)
    key = tuple(current.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk")).values())
    if key != _vocabulary["key"]:
        names = current.values_list("search_name", flat=True).iterator(chunk_size=5000)
        _vocabulary["words"] = fuzzy.Vocabulary(part for name in names for part in name.split())
        _vocabulary["key"] = key
    return _vocabulary["words"]


def territory_by_code(*, code: str, kind: str | None = None) -> Territory | None:
    """The territory with this code (INSEE code, or SIREN for an EPCI), obsolete ones included.

    Without `kind`, an ambiguous code resolves in the order commune > EPCI > département > région.
    """
    territories = Territory.objects.select_related("departement", "region", "epci").filter(code=code.strip().upper())
    if kind:
        territories = territories.filter(kind=kind)
    candidates = {territory.kind: territory for territory in territories}
    return next((candidates[k] for k in CODE_PREFERENCE if k in candidates), None)


def territory_detail(*, kind: str, code: str) -> Territory | None:
    """One territory with its département, région and EPCI loaded, for its public page."""
    return Territory.objects.select_related("departement", "region", "epci").filter(kind=kind, code=code).first()


def epci_members(*, epci: Territory) -> QuerySet[Territory]:
    """The current member communes of an EPCI, most populated first."""
    return Territory.objects.filter(epci=epci, is_obsolete=False).order_by(*BY_POPULATION)


def epci_member_codes(*, epci: Territory) -> list[str]:
    """INSEE codes of the current member communes of an EPCI, most populated first."""
    return list(epci_members(epci=epci).values_list("code", flat=True))
