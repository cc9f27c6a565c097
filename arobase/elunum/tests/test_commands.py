import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from arobase.elunum import search
from arobase.elunum.models import Page, Source, SourceStatus
from arobase.elunum.search import SearchFilters
from arobase.elunum.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_demo_corpus_answers_without_network(capsys):
    call_command("load_elunum_demo")
    assert 30 <= Page.objects.filter(is_demo=True).count() <= 60
    assert Source.objects.filter(is_demo=True).count() >= 10
    assert search.search(SearchFilters(q="numérique")).count >= 10
    assert search.search(SearchFilters(q="rançongiciel")).count == 2
    assert {hit.source_kind for hit in search.search(SearchFilters(q="données")).hits} >= {"ministere", "collectivite"}
    call_command("load_elunum_demo")  # once only
    assert Page.objects.filter(is_demo=True).count() <= 60
    assert "déjà chargé" in capsys.readouterr().out


def test_import_sources_command(tmp_path, capsys):
    good = tmp_path / "sources.csv"
    good.write_text("url,name,kind\nhttps://ville.example.fr/,Ville,collectivite\n", encoding="utf-8")
    call_command("import_sources", str(good), "--dry-run")
    assert not Source.objects.exists()
    call_command("import_sources", str(good))
    assert Source.objects.get().status == SourceStatus.APPROVED
    bad = tmp_path / "bad.csv"
    bad.write_text("url,name,kind\nhttps://a.fr/,A,collectivite\nhttps://b.fr/,B,blog\n", encoding="utf-8")
    with pytest.raises(CommandError, match="rien n'a été importé"):
        call_command("import_sources", str(bad))
    assert "ligne 3 : type « blog » inconnu" in capsys.readouterr().err
    assert Source.objects.count() == 1


def test_help_texts_describe_the_options(capsys):
    for name, words in (
        ("import_sources", ["collectivite", "ministere", "territory", "candidate", "--dry-run"]),
        ("crawl", ["--source", "--once"]),
        ("reindex_elunum", ["index"]),
    ):
        with pytest.raises(SystemExit):
            call_command(name, "--help")
        out = capsys.readouterr().out
        assert all(word in out for word in words), name


def test_crawl_once_and_reindex(fixture_site, crawler_settings, capsys):
    crawler_settings.CRAWLER_MIN_DELAY_SECONDS = 0
    SourceFactory(url_prefix=f"{fixture_site.url}/services", host=f"127.0.0.1:{fixture_site.port}")
    call_command("crawl", "--once")
    line = capsys.readouterr().out.strip()
    assert line.startswith("Exploration : 1 source(s)") and "page(s) indexée(s)" in line
    assert Page.objects.filter(url__contains="/services/").count() == 2
    assert not Page.objects.exclude(url__contains="/services/").exists()
    call_command("reindex_elunum")
    assert "2 page(s) indexée(s)" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("crawl", "--source", "https://inconnue.fr/", "--once")


def test_crawl_one_source_hands_it_to_a_worker_even_when_not_due(fixture_site, crawler_settings, capsys):
    later = timezone.now() + timezone.timedelta(days=5)
    SourceFactory(url_prefix=f"{fixture_site.url}/services", host=f"127.0.0.1:{fixture_site.port}", next_crawl_at=later)
    other = SourceFactory(url_prefix=f"{fixture_site.url}/actualites", host=f"127.0.0.1:{fixture_site.port}")
    call_command("crawl", "--source", f"{fixture_site.url}/services/")  # the immediate backend runs the task here
    assert "1 hôte(s)" in capsys.readouterr().out
    assert Page.objects.filter(url__contains="/services/").count() == 2
    assert not Page.objects.filter(source=other).exists()
