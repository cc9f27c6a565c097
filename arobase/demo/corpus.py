"""The French text corpus of the demo data, and deterministic generators built on it.

The corpus lives in `data/demo/actions_corpus.json`: per service code of the 2019 referential, 3 to 5 action title
templates and 2 summaries; shared pools of "what was done", "results" and "benefits" paragraphs; organisations,
partners, roles, first and last names, streets and place names. Everything is fictitious.

Every generator takes a `random.Random` instance and draws from it in a fixed order, so the same seed always
gives the same texts. Nothing here touches Django or the database.

Placeholders (`str.format` fields) allowed in the templates:

- `{commune}`, `{de_commune}`, `{a_commune}`: the collectivité's name, bare or after "de" / "à" with French
  elision and contraction (see `de_commune` and `a_commune`); in every kind of text;
- `{n}` (20-900), `{m}` (2-12), `{m2}` (13-30), `{pct}` (15-95), `{months}` (3-18): numbers, in "what was done"
  and "results";
- `{title}` (the action's title) and `{partner}` (an organisation, with its article): in "what was done";
- `{patron}` (a name for a school, a street or a gymnasium): in organisations and place labels.
"""

from __future__ import annotations

import functools
import json
import random
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

__all__ = [
    "CORPUS_PATH",
    "ActionTexts",
    "ActorRole",
    "ActorTexts",
    "Corpus",
    "CorpusError",
    "PersonName",
    "PlaceTexts",
    "ServiceTexts",
    "UnknownServiceError",
    "a_commune",
    "action_texts",
    "actor",
    "actor_organisation",
    "actor_role",
    "de_commune",
    "is_intercommunal",
    "load_corpus",
    "parse_corpus",
    "person_name",
    "place",
    "street_address",
]

CORPUS_PATH = Path(__file__).resolve().parents[2] / "data" / "demo" / "actions_corpus.json"

TITLE_MAX_LENGTH = 200  # Action.title
TITLE_SUFFIX_RATE = 0.15

NAME_FIELDS = frozenset({"commune", "de_commune", "a_commune"})
NUMBER_FIELDS = frozenset({"n", "m", "m2", "pct", "months"})
NUMBER_RANGES: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"n": (20, 900), "m": (2, 12), "m2": (13, 30), "pct": (15, 95), "months": (3, 18)}
)

#: Placeholders each kind of template may use.
ALLOWED_FIELDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "titles": NAME_FIELDS,
        "summaries": NAME_FIELDS,
        "title_suffixes": frozenset(),
        "what_was_done": NAME_FIELDS | NUMBER_FIELDS | {"title", "partner"},
        "results": NAME_FIELDS | NUMBER_FIELDS,
        "benefits": NAME_FIELDS,
        "organisations": NAME_FIELDS | {"patron"},
        "place_labels": NAME_FIELDS | {"patron"},
        "partners": frozenset(),
        "patrons": frozenset(),
        "streets": frozenset(),
        "street_kinds": frozenset(),
        "female": frozenset(),
        "male": frozenset(),
        "last_names": frozenset(),
    }
)

GENDERS = frozenset({"f", "m", None})

MIN_TITLES = 3
MIN_SUMMARIES = 2


class CorpusError(ValueError):
    """The corpus file is missing, malformed or incomplete."""


class UnknownServiceError(KeyError):
    """No texts for this service code (a code of another edition of the referential)."""

    def __str__(self) -> str:
        return f"aucun modèle de texte pour le service {self.args[0]!r}"


# ------------------------------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class ServiceTexts:
    titles: tuple[str, ...]
    summaries: tuple[str, ...]


@dataclass(frozen=True)
class ActorRole:
    label: str
    elected: bool
    gender: str | None = None  # "f", "m", or None when the label fits anyone ("Maire", "Bénévole")
    #: Beginnings of the organisation names this role fits ("École", "Association"...); empty: any organisation.
    organisations: tuple[str, ...] = ()


@dataclass(frozen=True)
class Corpus:
    services: Mapping[str, ServiceTexts]
    what_was_done: tuple[str, ...]
    results: tuple[str, ...]
    benefits: tuple[str, ...]
    title_suffixes: tuple[str, ...]
    organisations: tuple[str, ...]
    partners: tuple[str, ...]
    patrons: tuple[str, ...]
    roles: tuple[ActorRole, ...]
    female_first_names: tuple[str, ...]
    male_first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    streets: tuple[str, ...]
    street_kinds: tuple[str, ...]
    place_labels: tuple[str, ...]

    @property
    def service_codes(self) -> tuple[str, ...]:
        return tuple(self.services)

    @property
    def first_names(self) -> tuple[str, ...]:
        return self.female_first_names + self.male_first_names


@dataclass(frozen=True)
class ActionTexts:
    title: str
    summary: str
    what_was_done: str
    results: str
    benefits: str


@dataclass(frozen=True)
class PersonName:
    first_name: str
    last_name: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def __str__(self) -> str:
        return self.full_name


@dataclass(frozen=True)
class ActorTexts:
    """A person acting for an organisation in an action."""

    person: PersonName
    role: ActorRole
    organisation: str


@dataclass(frozen=True)
class PlaceTexts:
    label: str
    address: str


# ------------------------------------------------------------------------------------------------------ loading


def _fields(template: str) -> set[str]:
    try:
        return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        raise CorpusError(f"modèle mal formé : {template!r} ({exc})") from exc


def _strings(data: Mapping[str, Any], key: str, where: str = "", *, minimum: int = 1) -> tuple[str, ...]:
    values = data.get(key)
    label = f"{where}{key}"
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise CorpusError(f"{label} : une liste de textes non vides est attendue")
    if len(values) < minimum:
        raise CorpusError(f"{label} : au moins {minimum} textes attendus, {len(values)} trouvés")
    if len(set(values)) != len(values):
        raise CorpusError(f"{label} : textes en double")
    allowed = ALLOWED_FIELDS[key]
    for value in values:
        unknown = _fields(value) - allowed
        if unknown:
            raise CorpusError(f"{label} : champs inconnus {sorted(unknown)} dans {value!r}")
    return tuple(values)


def parse_corpus(data: Mapping[str, Any]) -> Corpus:
    """Check and freeze the JSON content of a corpus file. Raises `CorpusError` with a French message."""
    if data.get("format") != 1:
        raise CorpusError("format de corpus inconnu (1 attendu)")
    raw_services = data.get("services")
    if not isinstance(raw_services, dict) or not raw_services:
        raise CorpusError("services : un dictionnaire code -> textes est attendu")
    services = {}
    for code, texts in raw_services.items():
        if not isinstance(texts, dict):
            raise CorpusError(f"services.{code} : un objet est attendu")
        services[code] = ServiceTexts(
            titles=_strings(texts, "titles", f"services.{code}.", minimum=MIN_TITLES),
            summaries=_strings(texts, "summaries", f"services.{code}.", minimum=MIN_SUMMARIES),
        )
    raw_roles = data.get("roles")
    if not isinstance(raw_roles, list) or not raw_roles:
        raise CorpusError("roles : une liste est attendue")
    try:
        roles = tuple(
            ActorRole(
                label=str(role["label"]),
                elected=bool(role["elected"]),
                gender=role.get("gender"),
                organisations=tuple(role.get("organisations") or ()),
            )
            for role in raw_roles
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise CorpusError("roles : chaque rôle doit avoir « label » et « elected »") from exc
    if any(role.gender not in GENDERS for role in roles):
        raise CorpusError("roles : « gender » vaut « f », « m » ou null")
    organisations = _strings(data, "organisations")
    for role in roles:
        for prefix in role.organisations:
            if not any(organisation.startswith(prefix) for organisation in organisations):
                raise CorpusError(f"roles : aucune organisation ne commence par « {prefix} » ({role.label})")
    first_names = data.get("first_names")
    if not isinstance(first_names, dict):
        raise CorpusError("first_names : un objet {« female » : [...], « male » : [...]} est attendu")
    return Corpus(
        services=MappingProxyType(services),
        what_was_done=_strings(data, "what_was_done"),
        results=_strings(data, "results"),
        benefits=_strings(data, "benefits"),
        title_suffixes=_strings(data, "title_suffixes"),
        organisations=organisations,
        partners=_strings(data, "partners"),
        patrons=_strings(data, "patrons"),
        roles=roles,
        female_first_names=_strings(first_names, "female", "first_names."),
        male_first_names=_strings(first_names, "male", "first_names."),
        last_names=_strings(data, "last_names"),
        streets=_strings(data, "streets"),
        street_kinds=_strings(data, "street_kinds"),
        place_labels=_strings(data, "place_labels"),
    )


@functools.cache
def _load(path: Path) -> Corpus:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CorpusError(f"corpus illisible : {path} ({exc})") from exc
    return parse_corpus(data)


def load_corpus(path: Path | str | None = None) -> Corpus:
    """The corpus of `path` (default: `data/demo/actions_corpus.json`), read once and cached."""
    return _load(Path(path).resolve() if path is not None else CORPUS_PATH)


# ------------------------------------------------------------------------------------------ French place names

_VOWELS = frozenset("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒaeiouyàâäéèêëîïôöùûüœ")

# First word of an intercommunality's name -> its article ("la", "le" or "l'").
_ARTICLE_OF_FIRST_WORD = {
    "Communauté": "la",
    "Métropole": "la",
    "CC": "la",
    "CA": "la",
    "CU": "la",
    "Agglomération": "l'",
    "Eurométropole": "l'",
    "Établissement": "l'",
    "Syndicat": "le",
    "Pays": "le",
    "Pôle": "le",
    "Grand": "le",
    "Territoire": "le",
    "Val": "le",
}

_INTERCOMMUNAL_FIRST_WORDS = frozenset(
    {"CC", "CA", "CU", "Communauté", "Métropole", "Eurométropole", "Agglomération", "Syndicat", "Établissement"}
)


def is_intercommunal(name: str) -> bool:
    """Whether a collectivité's name is that of an EPCI or a syndicat ("CC du Pays de Gex", "Nantes Métropole")."""
    words = name.replace("-", " ").split()
    return bool(words) and (words[0] in _INTERCOMMUNAL_FIRST_WORDS or "Métropole" in words)


def _split_article(name: str) -> tuple[str, str]:
    """(article, rest): the article a name takes after "de" / "à"; "" when none."""
    if name.startswith("Les "):
        return "les", name[4:]
    if name.startswith("Le "):
        return "le", name[3:]
    first_word = name.split(" ", 1)[0]
    article = _ARTICLE_OF_FIRST_WORD.get(first_word) if " " in name else None
    if article:
        return article, name
    return "", name


def de_commune(name: str) -> str:
    """ "de" + name: "de Lyon", "d'Angers", "du Mans", "des Ulis", "de La Rochelle", "de la Communauté de…"."""
    article, rest = _split_article(name.strip())
    if article == "les":
        return f"des {rest}"
    if article == "le":
        return f"du {rest}"
    if article == "la":
        return f"de la {rest}"
    if article == "l'":
        return f"de l'{rest}"
    if rest[:1] in _VOWELS:
        return f"d'{rest}"
    return f"de {rest}"


def a_commune(name: str) -> str:
    """ "à" + name: "à Lyon", "au Mans", "aux Ulis", "à La Rochelle", "à la Métropole de…"."""
    article, rest = _split_article(name.strip())
    if article == "les":
        return f"aux {rest}"
    if article == "le":
        return f"au {rest}"
    if article == "la":
        return f"à la {rest}"
    if article == "l'":
        return f"à l'{rest}"
    return f"à {rest}"


def _name_values(commune_name: str) -> dict[str, str]:
    name = commune_name.strip()
    return {"commune": name, "de_commune": de_commune(name), "a_commune": a_commune(name)}


# ---------------------------------------------------------------------------------------------------- generators


def _numbers(rng: random.Random) -> dict[str, int]:
    return {key: rng.randint(low, high) for key, (low, high) in NUMBER_RANGES.items()}


def _sample(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> list[str]:
    return rng.sample(pool, k=min(len(pool), rng.randint(low, high)))


def action_texts(
    rng: random.Random, service_code: str, commune_name: str, *, corpus: Corpus | None = None
) -> ActionTexts:
    """Plausible texts of a fiche-action for `service_code`, run by `commune_name` (a commune or an EPCI).

    Raises `UnknownServiceError` when the corpus has no texts for the code."""
    corpus = corpus or load_corpus()
    try:
        texts = corpus.services[service_code]
    except KeyError:
        raise UnknownServiceError(service_code) from None
    names = _name_values(commune_name)

    title = rng.choice(texts.titles).format_map(names)
    suffix = rng.choice(corpus.title_suffixes)
    if rng.random() < TITLE_SUFFIX_RATE and ":" not in title and len(title) + len(suffix) <= TITLE_MAX_LENGTH:
        title += suffix
    summary = " ".join(template.format_map(names) for template in _sample(rng, texts.summaries, 1, 2))

    paragraphs = []
    for template in _sample(rng, corpus.what_was_done, 1, 2):
        values = {**names, **_numbers(rng), "title": title, "partner": rng.choice(corpus.partners)}
        paragraphs.append(template.format_map(values))
    results = [template.format_map({**names, **_numbers(rng)}) for template in _sample(rng, corpus.results, 1, 3)]
    benefits = [template.format_map(names) for template in _sample(rng, corpus.benefits, 1, 2)]
    return ActionTexts(
        title=title,
        summary=summary,
        what_was_done="\n\n".join(paragraphs),
        results=" ".join(results),
        benefits=" ".join(benefits),
    )


def person_name(rng: random.Random, *, gender: str | None = None, corpus: Corpus | None = None) -> PersonName:
    """A fictitious person: a common French first name (of `gender` "f" or "m" when given) and a common last
    name, drawn independently."""
    corpus = corpus or load_corpus()
    if gender not in GENDERS:
        raise ValueError(f"gender must be 'f', 'm' or None, not {gender!r}")
    pool = {"f": corpus.female_first_names, "m": corpus.male_first_names}.get(gender or "", corpus.first_names)
    return PersonName(first_name=rng.choice(pool), last_name=rng.choice(corpus.last_names))


def actor_role(rng: random.Random, *, corpus: Corpus | None = None) -> ActorRole:
    corpus = corpus or load_corpus()
    return rng.choice(corpus.roles)


def _own_organisation(commune_name: str) -> str:
    """The collectivité as an organisation: "Mairie de Lyon", or the name of an EPCI as it is."""
    return commune_name.strip() if is_intercommunal(commune_name) else f"Mairie {de_commune(commune_name)}"


def _is_intercommunal_role(label: str) -> bool:
    return any(word in label.lower() for word in ("vice-présid", "intercommunal", "communautaire"))


def actor_organisation(
    rng: random.Random, commune_name: str, *, role: ActorRole | None = None, corpus: Corpus | None = None
) -> str:
    """An organisation taking part in an action ("Médiathèque municipale", "École élémentaire Jules-Ferry"...),
    one that fits `role` when given (an elected person acts for the collectivité itself)."""
    corpus = corpus or load_corpus()
    if role is not None and role.elected:
        return _own_organisation(commune_name)
    templates = corpus.organisations
    if role is not None and role.organisations:
        templates = tuple(t for t in templates if t.startswith(role.organisations)) or templates
    template = rng.choice(templates)
    patron = rng.choice(corpus.patrons)
    if template.startswith("Mairie "):
        return _own_organisation(commune_name)
    return template.format_map({**_name_values(commune_name), "patron": patron})


def actor(rng: random.Random, commune_name: str, *, corpus: Corpus | None = None) -> ActorTexts:
    """A person, their role and their organisation. An elected person acts for the collectivité itself, with a
    role that fits it (maire, adjoint... for a commune; vice-président... for an EPCI)."""
    corpus = corpus or load_corpus()
    intercommunal = is_intercommunal(commune_name)
    roles = [role for role in corpus.roles if not role.elected or _is_intercommunal_role(role.label) == intercommunal]
    role = rng.choice(roles or list(corpus.roles))
    person = person_name(rng, gender=role.gender, corpus=corpus)
    organisation = actor_organisation(rng, commune_name, role=role, corpus=corpus)
    return ActorTexts(person=person, role=role, organisation=organisation)


def street_address(rng: random.Random, *, corpus: Corpus | None = None) -> str:
    """A street address without postcode or city: "12 Rue de l'École", "Place de la Mairie", "3 Avenue Jean-Jaurès"."""
    corpus = corpus or load_corpus()
    named_after_patron = rng.random() < 0.25
    kind, patron, street = rng.choice(corpus.street_kinds), rng.choice(corpus.patrons), rng.choice(corpus.streets)
    name = f"{kind} {patron}" if named_after_patron else street
    with_number = rng.random() < (0.3 if name.startswith(("Place", "Cours")) else 0.85)
    number = rng.randint(1, 60)
    return f"{number} {name}" if with_number else name


def place(rng: random.Random, commune_name: str, *, corpus: Corpus | None = None) -> PlaceTexts:
    """Where an action is carried out: a place name ("Médiathèque", "École maternelle Colette"...) and an address."""
    corpus = corpus or load_corpus()
    template = rng.choice(corpus.place_labels)
    label = template.format_map({**_name_values(commune_name), "patron": rng.choice(corpus.patrons)})
    return PlaceTexts(label=label, address=street_address(rng, corpus=corpus))
