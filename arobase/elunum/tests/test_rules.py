import pytest
from hypothesis import given
from hypothesis import strategies as st

from arobase.elunum import rules

paths = st.lists(st.text(alphabet="abcdefghij-", min_size=1, max_size=6), max_size=4).map("/".join)


@given(paths, paths)
def test_a_url_is_inside_a_prefix_exactly_when_its_path_is_under_it(prefix_path, rest):
    prefix = f"https://ville.fr/{prefix_path}"
    assert rules.inside_prefix(f"{prefix}/{rest}".rstrip("/") or prefix, prefix)
    assert not rules.inside_prefix(f"https://autre.fr/{prefix_path}/{rest}", prefix)
    if prefix_path:
        assert not rules.inside_prefix(f"https://ville.fr/{prefix_path}x", prefix)


def test_inside_prefix_examples():
    assert rules.inside_prefix("https://ville.fr/actu", "https://ville.fr/actu")
    assert rules.inside_prefix("http://ville.fr/actu/x?y=1", "https://ville.fr/actu")
    assert not rules.inside_prefix("https://ville.fr/actualites", "https://ville.fr/actu")
    assert not rules.inside_prefix("ftp://ville.fr/actu", "https://ville.fr/")
    assert not rules.inside_prefix("https://ville.fr.evil.com/", "https://ville.fr/")
    assert not rules.inside_prefix("https://[::1", "https://ville.fr/")


@given(st.text())
def test_normalised_prefix_accepts_only_http_addresses(text):
    try:
        prefix = rules.normalised_prefix(text)
    except ValueError:
        return
    assert prefix.startswith(("http://", "https://"))
    assert rules.normalised_prefix(prefix) == prefix


def test_normalised_prefix_examples():
    assert rules.normalised_prefix("HTTPS://Ville.FR") == "https://ville.fr/"
    assert rules.normalised_prefix("https://ville.fr/actu/?x#y") == "https://ville.fr/actu"
    with pytest.raises(ValueError):
        rules.normalised_prefix("javascript:alert(1)")


@given(st.integers(min_value=0, max_value=10_000))
def test_backoff_grows_and_is_capped(failures):
    delay = rules.backoff_seconds(failures)
    assert 0 <= delay <= rules.BACKOFF_MAX_SECONDS
    assert rules.backoff_seconds(failures + 1) >= delay
    assert (delay == 0) == (failures == 0)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2a00:1450:4007:80e::200e", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("224.0.0.1", False),
        ("0.0.0.0", False),  # noqa: S104 (an address to refuse, not to bind)
        ("::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("not an address", False),
    ],
)
def test_public_addresses(address, public):
    assert rules.is_public_address(address) is public


words = st.lists(
    st.sampled_from(["numérique", "mairie", "wifi", "fibre", "école", "démarche", "atelier", "réseau"]), min_size=8
)


@given(words)
def test_simhash_is_stable_and_signed_64_bits(text_words):
    text = " ".join(text_words)
    value = rules.simhash(text)
    assert -(2**63) <= value < 2**63
    assert rules.simhash(text) == value
    assert rules.near_duplicates(value, value)


def test_near_duplicates_and_distinct_texts():
    base = "La commune ouvre un espace public numérique avec des ateliers hebdomadaires pour tous les habitants. " * 5
    assert rules.near_duplicates(rules.simhash(base), rules.simhash(base + " Mis à jour."))
    other = "Le département déploie la fibre optique dans les collèges et finance des tablettes pour les élèves. " * 5
    assert not rules.near_duplicates(rules.simhash(base), rules.simhash(other))


@given(st.integers(0, 64), st.integers(-(2**63), 2**63 - 1))
def test_hamming_counts_flipped_bits(bits, value):
    flipped = value ^ ((1 << bits) - 1)
    signed = flipped - (1 << 64) if flipped >= 1 << 63 else flipped
    assert rules.hamming(value, signed) == bits


relevance = st.floats(min_value=0, max_value=1e6, allow_nan=False)
ages = st.one_of(st.none(), st.floats(min_value=0, max_value=1e5, allow_nan=False))
kinds = st.sampled_from(list(rules.KIND_WEIGHTS))


@given(relevance, relevance, ages, kinds)
def test_score_grows_with_relevance(a, b, age, kind):
    low, high = sorted((a, b))
    assert rules.score(relevance=low, age_days=age, kind=kind) <= rules.score(relevance=high, age_days=age, kind=kind)


@given(relevance, st.floats(min_value=0, max_value=1e5, allow_nan=False), kinds)
def test_score_prefers_fresher_and_is_bounded(rel, age, kind):
    fresh = rules.score(relevance=rel, age_days=0, kind=kind)
    old = rules.score(relevance=rel, age_days=age, kind=kind)
    undated = rules.score(relevance=rel, age_days=None, kind=kind)
    assert undated <= old <= fresh <= max(rules.KIND_WEIGHTS.values())


def test_robots_rules():
    robots = rules.RobotsRules("User-agent: *\nDisallow: /prive/\nCrawl-delay: 2\nSitemap: https://v.fr/s.xml\n")
    assert robots.allows("https://v.fr/public", "ElunumBot")
    assert not robots.allows("https://v.fr/prive/x", "ElunumBot")
    assert robots.crawl_delay("ElunumBot", 1.0) == 2.0
    assert robots.crawl_delay("ElunumBot", 5.0) == 5.0
    assert robots.sitemaps() == ["https://v.fr/s.xml"]
    assert rules.RobotsRules("").allows("https://v.fr/x", "ElunumBot")
