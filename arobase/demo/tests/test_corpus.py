"""The demo corpus: complete for the 2019 referential, well-formed templates, deterministic generators."""

import json
import random
import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arobase.demo import corpus as corpus_module
from arobase.demo.corpus import (
    ALLOWED_FIELDS,
    CORPUS_PATH,
    NUMBER_RANGES,
    TITLE_MAX_LENGTH,
    ActionTexts,
    CorpusError,
    UnknownServiceError,
    a_commune,
    action_texts,
    actor,
    actor_organisation,
    actor_role,
    de_commune,
    is_intercommunal,
    load_corpus,
    parse_corpus,
    person_name,
    place,
    street_address,
)

REFERENTIAL_2019 = Path(__file__).resolve().parents[3] / "data" / "referential" / "2019.json"

COMMUNES = [
    "Angers",
    "Le Mans",
    "Les Ulis",
    "La Rochelle",
    "L'Isle-Adam",
    "Saint-Malo",
    "Yerres",
    "Métropole de Lyon",
    "CC du Pays de Gex",
    "Eurométropole de Strasbourg",
    "Nantes Métropole",
    "Y",
]


def _service_codes_2019() -> list[str]:
    data = json.loads(REFERENTIAL_2019.read_text(encoding="utf-8"))
    return [s["code"] for t in data["themes"] for e in t["enjeux"] for s in e["services"]]


def _raw() -> dict:
    return json.loads(CORPUS_PATH.read_text(encoding="utf-8"))


def _fields(template: str) -> set[str]:
    return {name for _t, name, _s, _c in string.Formatter().parse(template) if name is not None}


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


# ------------------------------------------------------------------------------------------------- the content


def test_every_2019_service_has_titles_and_summaries(corpus):
    codes = _service_codes_2019()
    assert len(codes) == 138
    for code in codes:
        texts = corpus.services[code]
        assert 3 <= len(texts.titles) <= 5, code
        assert len(texts.summaries) >= 2, code
        assert len(set(texts.titles)) == len(texts.titles), code
        assert len(set(texts.summaries)) == len(texts.summaries), code


def test_no_service_outside_the_2019_referential(corpus):
    assert set(corpus.services) == set(_service_codes_2019())


def test_titles_are_not_all_identical_across_services(corpus):
    all_titles = [title for texts in corpus.services.values() for title in texts.titles]
    assert len(set(all_titles)) == len(all_titles), "a title template is shared by two services"
    first_titles = {texts.titles[0] for texts in corpus.services.values()}
    assert len(first_titles) == len(corpus.services)
    summaries = [s for texts in corpus.services.values() for s in texts.summaries]
    assert len(set(summaries)) == len(summaries)


def test_shared_pools_are_large_enough(corpus):
    assert len(corpus.what_was_done) >= 15
    assert len(corpus.results) >= 15
    assert len(corpus.benefits) >= 15
    assert len(corpus.first_names) >= 150
    assert len(set(corpus.first_names)) == len(corpus.first_names)
    assert len(corpus.last_names) >= 150
    assert len(set(corpus.last_names)) == len(corpus.last_names)
    assert len(corpus.organisations) >= 20
    assert len(corpus.roles) >= 10
    assert len(corpus.streets) >= 20
    assert any(role.elected for role in corpus.roles)
    assert any(not role.elected for role in corpus.roles)
    assert "Place de la Mairie" in corpus.streets
    assert "Rue de l'École" in corpus.streets
    for organisation in ("Médiathèque municipale", "Espace France Services"):
        assert organisation in corpus.organisations
    assert any(o.startswith("Centre social") for o in corpus.organisations)
    assert any(o.startswith("Association") for o in corpus.organisations)
    assert any(o.startswith("École élémentaire") for o in corpus.organisations)
    labels = {role.label for role in corpus.roles}
    assert {"Chef de projet", "Conseiller numérique", "Adjoint au maire chargé du numérique"} <= labels


def test_results_use_numbers(corpus):
    assert all(_fields(template) & {"n", "m", "m2", "pct", "months"} for template in corpus.results)


def test_every_template_uses_only_its_allowed_placeholders():
    raw = _raw()
    for code, texts in raw["services"].items():
        for key in ("titles", "summaries"):
            for template in texts[key]:
                assert _fields(template) <= ALLOWED_FIELDS[key], (code, template)
    for key in ("what_was_done", "results", "benefits", "organisations", "place_labels", "title_suffixes"):
        for template in raw[key]:
            assert _fields(template) <= ALLOWED_FIELDS[key], (key, template)


def test_some_titles_name_the_commune(corpus):
    with_commune = [t for texts in corpus.services.values() for t in texts.titles if _fields(t)]
    assert len(with_commune) >= 10


def test_every_template_formats_for_every_kind_of_name(corpus):
    numbers = {key: high for key, (_low, high) in NUMBER_RANGES.items()}
    for name in COMMUNES:
        values = {"commune": name, "de_commune": de_commune(name), "a_commune": a_commune(name)}
        values |= numbers | {"title": "Un titre", "partner": "la médiathèque", "patron": "Jules-Ferry"}
        for texts in corpus.services.values():
            for template in (*texts.titles, *texts.summaries):
                text = template.format_map(values)
                assert "{" not in text and "}" not in text
        pools = (corpus.what_was_done, corpus.results, corpus.benefits, corpus.organisations, corpus.place_labels)
        for pool in pools:
            for template in pool:
                text = template.format_map(values)
                assert "{" not in text and "}" not in text


def test_texts_are_clean(corpus):
    """No stray spaces, sentences end with a full stop, no real e-mail or web address."""
    sentences = [
        *(s for texts in corpus.services.values() for s in texts.summaries),
        *corpus.what_was_done,
        *corpus.results,
        *corpus.benefits,
    ]
    titles = [t for texts in corpus.services.values() for t in texts.titles]
    for text in [*sentences, *titles]:
        assert text == text.strip() and "  " not in text, text
        assert "@" not in text and "http" not in text and "www." not in text, text
    numbers = {key: low for key, (low, _high) in NUMBER_RANGES.items()}
    for text in sentences:
        text = text.format_map(_names("Angers") | numbers | {"title": "Titre", "partner": "la médiathèque"})
        assert (text[0].isupper() or text[0].isdigit() or text.startswith("« ")) and text.endswith("."), text
    for title in titles:
        assert title[0].isupper() and not title.endswith("."), title
        assert len(title) <= 100, title


# ------------------------------------------------------------------------------------------------ the loader


def test_load_corpus_is_cached():
    assert load_corpus() is load_corpus()
    assert load_corpus(CORPUS_PATH) is load_corpus()


def test_parse_corpus_rejects_incomplete_data():
    raw = _raw()
    raw["services"]["T1E1S01"]["titles"] = raw["services"]["T1E1S01"]["titles"][:2]
    with pytest.raises(CorpusError, match="T1E1S01"):
        parse_corpus(raw)

    raw = _raw()
    raw["results"].append("{nombre} habitants")
    with pytest.raises(CorpusError, match="nombre"):
        parse_corpus(raw)

    raw = _raw()
    raw["benefits"].append("Un texte {mal formé")
    with pytest.raises(CorpusError):
        parse_corpus(raw)

    raw = _raw()
    raw["format"] = 2
    with pytest.raises(CorpusError):
        parse_corpus(raw)

    raw = _raw()
    raw["roles"][0]["organisations"] = ["Introuvable"]
    with pytest.raises(CorpusError, match="Introuvable"):
        parse_corpus(raw)


def test_load_corpus_reports_an_unreadable_file(tmp_path):
    path = tmp_path / "corpus.json"
    path.write_text("{pas du json", encoding="utf-8")
    with pytest.raises(CorpusError, match="illisible"):
        load_corpus(path)
    with pytest.raises(CorpusError, match="illisible"):
        load_corpus(tmp_path / "absent.json")


def test_corpus_module_has_no_django_dependency():
    source = Path(corpus_module.__file__).read_text(encoding="utf-8")
    assert "import django" not in source and "from django" not in source


# ------------------------------------------------------------------------------------------- French names


@pytest.mark.parametrize(
    ("name", "de", "a"),
    [
        ("Lyon", "de Lyon", "à Lyon"),
        ("Angers", "d'Angers", "à Angers"),
        ("Évry-Courcouronnes", "d'Évry-Courcouronnes", "à Évry-Courcouronnes"),
        ("Yerres", "d'Yerres", "à Yerres"),
        ("Le Mans", "du Mans", "au Mans"),
        ("Les Ulis", "des Ulis", "aux Ulis"),
        ("La Rochelle", "de La Rochelle", "à La Rochelle"),
        ("L'Isle-Adam", "de L'Isle-Adam", "à L'Isle-Adam"),
        ("Lesparre-Médoc", "de Lesparre-Médoc", "à Lesparre-Médoc"),
        ("Métropole de Lyon", "de la Métropole de Lyon", "à la Métropole de Lyon"),
        ("CC du Pays de Gex", "de la CC du Pays de Gex", "à la CC du Pays de Gex"),
        ("CA du Grand Angoulême", "de la CA du Grand Angoulême", "à la CA du Grand Angoulême"),
        ("Eurométropole de Strasbourg", "de l'Eurométropole de Strasbourg", "à l'Eurométropole de Strasbourg"),
        ("Nantes Métropole", "de Nantes Métropole", "à Nantes Métropole"),
        ("  Brest ", "de Brest", "à Brest"),
    ],
)
def test_de_and_a_forms(name, de, a):
    assert de_commune(name) == de
    assert a_commune(name) == a


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Angers", False),
        ("Le Mans", False),
        ("Grenoble-Alpes-Métropole", True),
        ("Nantes Métropole", True),
        ("CC du Pays de Gex", True),
        ("CA du Grand Angoulême", True),
        ("Eurométropole de Strasbourg", True),
        ("", False),
    ],
)
def test_is_intercommunal(name, expected):
    assert is_intercommunal(name) is expected


# ------------------------------------------------------------------------------------------------- generators


def _batch(seed: int):
    rng = random.Random(seed)
    codes = _service_codes_2019()
    out = []
    for i in range(60):
        commune = COMMUNES[i % len(COMMUNES)]
        out.append(
            (
                action_texts(rng, codes[i * 7 % len(codes)], commune),
                person_name(rng),
                street_address(rng),
                actor(rng, commune),
                place(rng, commune),
                actor_role(rng),
                actor_organisation(rng, commune),
            )
        )
    return out


def test_same_seed_same_output():
    assert _batch(42) == _batch(42)


def test_other_seed_other_output():
    assert _batch(42) != _batch(43)


def test_action_texts_shape(corpus):
    rng = random.Random(1)
    for code in _service_codes_2019():
        for commune in COMMUNES:
            texts = action_texts(rng, code, commune)
            assert isinstance(texts, ActionTexts)
            for value in (texts.title, texts.summary, texts.what_was_done, texts.results, texts.benefits):
                assert value and value == value.strip()
                assert "{" not in value and "}" not in value
            assert len(texts.title) <= TITLE_MAX_LENGTH
            assert len(texts.summary) <= 1000
            stem = texts.title.split(" : ")[0].split(" (")[0].split(" en lien")[0]
            templates = [t.format_map(_names(commune)) for t in corpus.services[code].titles]
            assert any(t.startswith(stem) for t in templates), (code, texts.title)


def _names(commune: str) -> dict[str, str]:
    return {"commune": commune, "de_commune": de_commune(commune), "a_commune": a_commune(commune)}


def test_action_texts_fill_the_commune():
    rng = random.Random(5)
    seen = set()
    for _ in range(400):
        texts = action_texts(rng, "T4E2S06", "Saint-Malo")  # one title is "Nouveau site internet {de_commune}"
        seen.add(texts.title)
    assert "Nouveau site internet de Saint-Malo" in seen


def test_action_texts_vary_for_one_service():
    rng = random.Random(7)
    titles = {action_texts(rng, "T1E3S02", "Angers").title for _ in range(200)}
    assert len(titles) >= 5  # the templates, sometimes with a suffix


def test_unknown_service_code():
    with pytest.raises(UnknownServiceError, match="T9E9S99"):
        action_texts(random.Random(0), "T9E9S99", "Angers")
    with pytest.raises(KeyError):
        action_texts(random.Random(0), "", "Angers")


def test_title_stays_within_the_field_length():
    long_name = "CC " + "Très Long Nom de Communauté " * 6
    rng = random.Random(3)
    for _ in range(300):
        # one template is "Annuaire en ligne des associations {de_commune}"
        title = action_texts(rng, "T1E2S05", long_name.strip()).title
        assert len(title) <= TITLE_MAX_LENGTH + len(long_name)


def test_person_name(corpus):
    rng = random.Random(9)
    people = [person_name(rng) for _ in range(300)]
    assert all(p.first_name in corpus.first_names and p.last_name in corpus.last_names for p in people)
    assert len({str(p) for p in people}) > 250
    assert str(people[0]) == f"{people[0].first_name} {people[0].last_name}" == people[0].full_name
    assert all(person_name(rng, gender="f").first_name in corpus.female_first_names for _ in range(50))
    assert all(person_name(rng, gender="m").first_name in corpus.male_first_names for _ in range(50))
    with pytest.raises(ValueError):
        person_name(rng, gender="x")


def test_street_address(corpus):
    rng = random.Random(11)
    addresses = [street_address(rng) for _ in range(500)]
    assert len(set(addresses)) > 200
    for address in addresses:
        assert address == address.strip() and "{" not in address
        first, _, rest = address.partition(" ")
        if first.isdigit():
            assert 1 <= int(first) <= 60
            assert rest
    assert any(not a.split(" ")[0].isdigit() for a in addresses)
    assert any(a.split(" ")[0].isdigit() for a in addresses)


def test_actor_roles_fit_the_collectivite_and_the_person(corpus):
    rng = random.Random(13)
    for i in range(400):
        commune = "Le Mans" if i % 2 else "CC du Pays de Gex"
        result = actor(rng, commune)
        if result.role.gender == "f":
            assert result.person.first_name in corpus.female_first_names
        if result.role.gender == "m":
            assert result.person.first_name in corpus.male_first_names
        if result.role.elected:
            assert result.organisation == ("Mairie du Mans" if commune == "Le Mans" else "CC du Pays de Gex")
            label = result.role.label.lower()
            intercommunal_role = any(w in label for w in ("vice-présid", "intercommunal", "communautaire"))
            assert intercommunal_role == (commune != "Le Mans"), result.role.label
        if result.role.organisations and not result.role.elected:
            assert result.organisation.startswith(result.role.organisations) or result.organisation.startswith(
                ("Mairie", "CC ")
            )


def test_place(corpus):
    rng = random.Random(17)
    for _ in range(100):
        result = place(rng, "Angers")
        assert result.label and "{" not in result.label
        assert result.address


@settings(max_examples=200, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    code=st.sampled_from(_service_codes_2019()),
    commune=st.text(
        alphabet=st.characters(codec="utf-8", categories=["L", "Zs", "Pd"], include_characters="'{}"),
        min_size=1,
        max_size=60,
    ).filter(str.strip),
)
def test_any_commune_name_and_seed(seed, code, commune):
    """Braces or odd characters in a name never break formatting; one seed, one output."""
    first = action_texts(random.Random(seed), code, commune)
    second = action_texts(random.Random(seed), code, commune)
    assert first == second
    assert first.title and first.summary and first.what_was_done and first.results and first.benefits
