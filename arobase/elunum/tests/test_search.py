"""The search over pages and actions, the same tests on SQLite and PostgreSQL."""

from datetime import date

import pytest

from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory
from arobase.elunum import search, services
from arobase.elunum.models import SourceKind, SourceStatus
from arobase.elunum.search import SearchFilters
from arobase.elunum.tests.factories import PageFactory, SourceFactory

pytestmark = pytest.mark.django_db


def make_page(source=None, **fields):
    page = PageFactory(source=source or SourceFactory(), **fields)
    search.index_pages([page.pk])
    return page


def found(q, **filters):
    return [hit.url for hit in search.search(SearchFilters(q=q, **filters)).hits]


def test_pages_are_found_stemmed_and_accent_insensitive():
    page = make_page(title="Médiation numérique", text="Des conseillers numériques accompagnent les habitants.")
    make_page(title="Voirie", text="Travaux de la rue principale.")
    assert found("mediation") == [page.url]
    assert found("Médiations numériques") == [page.url]
    assert found("CONSEILLER") == [page.url]


def test_pages_and_published_actions_together_and_unpublished_action_leaves_at_once(amiens, services):
    page = make_page(title="Tiers-lieu numérique", text="Un tiers-lieu ouvre ses portes.")
    action = ActionFactory(owner=amiens, published=True, title="Tiers-lieu de la gare", summary="Un lieu.")
    ActionFactory(owner=amiens, title="Tiers-lieu en brouillon", summary="Privé.")  # a draft
    results = search.search(SearchFilters(q="tiers-lieu"))
    assert results.count == 2
    assert {hit.type for hit in results.hits} == {"page", "action"}
    assert page.url in [hit.url for hit in results.hits]
    assert f"/actions/{action.pk}/" in [hit.url for hit in results.hits]
    action.is_published = False
    action.save()
    assert found("tiers-lieu") == [page.url]
    Action.objects.filter(pk=action.pk).update(is_published=True)
    assert found("tiers-lieu", type="page") == [page.url]


def test_filters_kind_region_type_and_date(amiens, services):
    region = amiens.region
    regional = SourceFactory(kind=SourceKind.COLLECTIVITE, territory=amiens)
    ministry = SourceFactory(kind=SourceKind.MINISTERE)
    local = make_page(regional, title="Fibre optique", text="Fibre.", published_at="2020-01-01")
    national = make_page(ministry, title="Fibre optique nationale", text="Fibre.", published_at="2099-01-01")
    assert set(found("fibre")) == {local.url, national.url}
    assert found("fibre", kind="ministere") == [national.url]
    assert found("fibre", region=region.code) == [local.url]
    assert found("fibre", type="action") == []
    assert found("fibre", since=__import__("datetime").date(2050, 1, 1)) == [national.url]


def test_suspended_sources_and_duplicates_are_not_searched():
    source = SourceFactory()
    page = make_page(source, title="Budget participatif", text="Votez.")
    copy = make_page(source, title="Budget participatif", text="Votez.", duplicate_of=page)
    assert found("budget participatif") == [page.url]
    assert copy.url not in found("budget participatif")
    source.status = SourceStatus.SUSPENDED
    source.save()
    assert found("budget participatif") == []


def test_typo_tolerance_uses_the_shared_vocabulary():
    page = make_page(title="Cybersécurité des collectivités", text="Protéger les systèmes d'information.")
    results = search.search(SearchFilters(q="cybersecrite"))
    assert results.corrected == "cybersécurité"
    assert [hit.url for hit in results.hits] == [page.url]


def test_excerpts_are_escaped_then_marked():
    make_page(title="<script>École</script>", text="Les <b>écoles</b> numériques & leurs tablettes.")
    hit = search.search(SearchFilters(q="écoles")).hits[0]
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<mark>École</mark>" in hit.title_html
    assert "&lt;b&gt;<mark>écoles</mark>&lt;/b&gt;" in hit.excerpt_html
    assert hit.excerpt == "Les <b>écoles</b> numériques & leurs tablettes."


@pytest.mark.parametrize("q", ['"', "'", "*", "AND OR NOT", "-", "(", "NEAR(", "a:b", "le", "   ", "\x00", "😀", "%_"])
def test_odd_queries_never_fail(q):
    make_page(title="Wifi", text="Wifi.")
    search.search(SearchFilters(q=q))


def test_rebuild_and_removal():
    page = make_page(title="Open data", text="Données ouvertes.")
    assert search.rebuild() == 1
    assert found("données") == [page.url]
    search.remove_pages([page.pk])
    assert found("données") == []


def test_bounded_ranking_finds_the_title_match_among_many_fresher_text_matches(monkeypatch):
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 3)
    source = SourceFactory()
    best = PageFactory(source=source, title="La fibre optique", text="Le réseau.", published_at="2019-01-01")
    weaker = PageFactory.create_batch(
        12, source=source, title="Compte rendu", text="La fibre arrive dans la rue.", published_at="2026-01-01"
    )
    others = PageFactory.create_batch(30, source=source, text="La voirie.")  # bm25 ignores a word of most pages
    search.index_pages([page.pk for page in [best, *weaker, *others]])
    results = search.search(SearchFilters(q="fibre"), page_size=5)
    assert results.count == 13
    assert results.hits[0].url == best.url
    assert len(results.hits) == 5
    second_page = search.search(SearchFilters(q="fibre"), page=3, page_size=5)
    assert len(second_page.hits) == 3 and best.url not in [hit.url for hit in second_page.hits]


def test_bounded_ranking_goes_deeper_when_the_filters_leave_out_the_best_matches(monkeypatch):
    monkeypatch.setattr(search, "RANKED_CANDIDATES", 2)
    ministry = PageFactory.create_batch(
        10, source=SourceFactory(kind=SourceKind.MINISTERE), title="Wifi public", text="Le wifi public."
    )
    local = PageFactory.create_batch(6, source=SourceFactory(kind=SourceKind.COLLECTIVITE), text="Du wifi.")
    others = PageFactory.create_batch(30, text="La voirie.")  # bm25 ignores a word of most pages
    search.index_pages([page.pk for page in [*ministry, *local, *others]])
    results = search.search(SearchFilters(q="wifi", kind="collectivite", type="page"), page_size=2)
    assert results.count == 6
    assert len(results.hits) == 2
    assert {hit.url for hit in results.hits} <= {page.url for page in local}


@pytest.mark.parametrize("candidates", [100, 2], ids=["all-ranked", "bounded"])
def test_the_count_stays_exact_after_every_write_that_changes_what_is_searchable(monkeypatch, staff, candidates):
    monkeypatch.setattr(search, "RANKED_CANDIDATES", candidates)
    kept_source, suspended_source = SourceFactory(), SourceFactory()
    kept = PageFactory.create_batch(4, source=kept_source, title="Tiers-lieu", text="Un tiers-lieu numérique.")
    suspended = PageFactory.create_batch(3, source=suspended_source, text="Un atelier numérique.")
    search.index_pages([page.pk for page in [*kept, *suspended]])

    def count(**filters):
        return search.search(SearchFilters(q="numérique", type="page", **filters), page_size=2).count

    assert count() == 7
    services.suspend_source(user=staff, source=suspended_source)
    assert count() == 4
    services.approve_source(user=staff, source=suspended_source)
    assert count() == 7

    duplicate = suspended[0]  # what the crawler does on finding a page repeating another
    duplicate.duplicate_of = kept[0]
    duplicate.save()
    search.remove_pages([duplicate.pk])
    assert count() == 6
    search.index_pages([duplicate.pk])  # reindexing a duplicate leaves it out
    assert count() == 6

    kept[1].delete()  # a page gone, even before its FTS5 row is removed
    assert count() == 5

    redated = kept[2]
    redated.published_at = "2099-01-01"
    redated.save()
    search.index_pages([redated.pk])  # the crawler reindexes what it stored
    assert count(since=date(2050, 1, 1)) == 1
    assert count() == 5
