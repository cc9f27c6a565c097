import io
import threading

import pytest
from django.db import OperationalError, connection

from arobase.accounts.tests.factories import StaffFactory, UserFactory
from arobase.elunum import services
from arobase.elunum.errors import InvalidSource, PermissionDenied
from arobase.elunum.models import DailySearchCount, HostLease, Source, SourceStatus, SourceStatusChange
from arobase.elunum.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "url,name,kind,territory,status\n"
    "https://www.amiens.fr/,Ville d'Amiens,collectivite,80021,\n"
    "https://www.numerique.gouv.fr/actualites,DINUM,ministere,,approved\n"
    "https://www.example-asso.fr,Une association,association,,candidate\n"
)


def test_import_is_idempotent_and_records_who_and_when(amiens):
    staff = StaffFactory()
    report = services.import_sources(io.StringIO(GOOD_CSV), user=staff)
    assert (report.created, report.updated, report.errors, report.applied) == (3, 0, [], True)
    amiens_source = Source.objects.get(url_prefix="https://www.amiens.fr/")
    assert amiens_source.territory == amiens and amiens_source.status == SourceStatus.APPROVED
    assert amiens_source.host == "www.amiens.fr" and amiens_source.status_changed_by == staff
    assert Source.objects.get(name="Une association").status == SourceStatus.CANDIDATE
    report = services.import_sources(io.StringIO(GOOD_CSV), user=staff)
    assert (report.created, report.updated) == (0, 3)
    assert Source.objects.count() == 3
    assert SourceStatusChange.objects.count() == 3


def test_a_file_with_errors_imports_nothing_and_names_each_bad_row(amiens):
    bad = (
        GOOD_CSV
        + "ftp://x.fr,X,collectivite,,\nhttps://y.fr,Y,blog,,\nhttps://z.fr,,presse,,\nhttps://w.fr,W,presse,99999,\n"
    )
    report = services.import_sources(io.StringIO(bad), user=StaffFactory())
    assert not report.applied and Source.objects.count() == 0
    assert [error.split(" :")[0] for error in report.errors] == ["ligne 5", "ligne 6", "ligne 7", "ligne 8"]
    assert "type « blog » inconnu" in report.errors[1]
    assert "collectivité « 99999 » introuvable" in report.errors[3]
    report = services.import_sources(io.StringIO(bad), user=StaffFactory(), skip_errors=True)
    assert report.applied and report.created == 3


def test_import_requires_columns_and_staff():
    report = services.import_sources(io.StringIO("adresse,nom\nx,y\n"), user=StaffFactory())
    assert report.errors == ["en-tête : colonnes manquantes kind, name, url"]
    with pytest.raises(PermissionDenied):
        services.import_sources(io.StringIO(GOOD_CSV), user=UserFactory())
    assert Source.objects.count() == 0


def test_export_round_trips_through_import(amiens):
    staff = StaffFactory()
    services.import_sources(io.StringIO(GOOD_CSV), user=staff)
    SourceFactory(name="=HYPERLINK(1)")
    out = io.StringIO()
    assert services.export_sources(out) == 4
    assert "'=HYPERLINK(1)" in out.getvalue()  # neutralised for spreadsheets
    before = list(Source.objects.order_by("pk").values_list("url_prefix", "kind", "status", "territory_id"))
    report = services.import_sources(io.StringIO(out.getvalue()), user=staff)
    assert report.updated == 4 and report.created == 0
    assert list(Source.objects.order_by("pk").values_list("url_prefix", "kind", "status", "territory_id")) == before


def test_suggest_approve_suspend():
    member, staff = UserFactory(), StaffFactory()
    source = services.suggest_source(user=member, url="https://mairie.example.fr/", name="Mairie", kind="collectivite")
    assert source.status == SourceStatus.CANDIDATE and source.suggested_by == member
    with pytest.raises(InvalidSource):
        services.suggest_source(user=member, url="https://mairie.example.fr", name="Encore", kind="collectivite")
    with pytest.raises(InvalidSource):
        services.suggest_source(user=member, url="javascript:alert(1)", name="X", kind="collectivite")
    with pytest.raises(PermissionDenied):
        services.approve_source(user=member, source=source)
    source.refresh_from_db()
    assert source.status == SourceStatus.CANDIDATE
    services.approve_source(user=staff, source=source)
    assert source.status == SourceStatus.APPROVED and source.next_crawl_at is not None
    services.suspend_source(user=staff, source=source)
    statuses = list(source.status_changes.order_by("pk").values_list("status", "changed_by"))
    assert statuses == [("candidate", member.pk), ("approved", staff.pk), ("suspended", staff.pk)]


def test_a_host_lease_is_held_by_one_worker_until_it_expires_or_is_released():
    first = services.claim_host("ville.fr", holder="a")
    assert first == "a"
    assert services.claim_host("ville.fr", holder="b") is None
    services.release_host("ville.fr", "b")  # not the holder: nothing released
    assert services.claim_host("ville.fr", holder="b") is None
    services.release_host("ville.fr", "a")
    assert services.claim_host("ville.fr", holder="b") == "b"
    HostLease.objects.filter(host="ville.fr").update(expires_at="2000-01-01T00:00:00Z")
    assert services.claim_host("ville.fr", holder="c") == "c"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_claims_one_wins():
    HostLease.objects.create(host="concurrent.fr")
    barrier = threading.Barrier(8)
    won, errors = [], []

    def claim(name):
        try:
            barrier.wait()
            if services.claim_host("concurrent.fr", holder=name):
                won.append(name)
        except OperationalError as error:
            # SQLite's shared-cache test database refuses a locked table at once instead of waiting:
            # that worker simply did not get the lease. Any other database error is a failure.
            if connection.vendor != "sqlite":
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(f"w{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(won) == 1
    assert HostLease.objects.get(host="concurrent.fr").holder == won[0]


def test_only_daily_counts_are_kept():
    services.count_search()
    services.count_search()
    assert list(DailySearchCount.objects.values_list("count", flat=True)) == [2]
