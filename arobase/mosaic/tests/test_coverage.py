"""The coverage table always equals what `territory_mosaic` computes, whatever is written."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from arobase.actions.models import Action, ActionStatus
from arobase.actions.tests.factories import ActionFactory
from arobase.mosaic import selectors
from arobase.mosaic.models import RECENT_ACTIONS, CoverageYear, ServiceCoverage, TerritoryCoverage
from arobase.mosaic.services import ensure_coverage, refresh_coverage
from arobase.mosaic.tests.factories import local
from arobase.referential.models import Service
from arobase.referential.services import copy_edition, publish_edition, set_mapping
from arobase.territories.tests.factories import CommuneFactory, EpciFactory

pytestmark = pytest.mark.django_db


def mosaic_counts(territory, year):
    mosaic = selectors.territory_mosaic(territory=territory, year=year)
    return {service.code: service.eligible_actions for service in mosaic.services() if service.eligible_actions}


def table_counts(territory, year):
    return dict(
        ServiceCoverage.objects.filter(territory=territory, year=year).values_list("service_code", "eligible_actions")
    )


def total_of(territory, year):
    row = TerritoryCoverage.objects.filter(territory=territory, year=year).first()
    return (row.eligible_actions, row.lit_services) if row else (0, 0)


def recent_ids(territory, year):
    return {
        code: [action_id for action_id, _moment in recent]
        for code, recent in ServiceCoverage.objects.filter(territory=territory, year=year).values_list(
            "service_code", "recent_actions"
        )
    }


def expected_recent_ids(territory, year, code):
    """The owner's 3 most recent eligible actions classified in `code` (actions of the year's edition only)."""
    owned = Action.objects.eligible_for(year).filter(owner=territory, services__code=code)
    return list(owned.order_by("-last_activity_at", "-pk").values_list("pk", flat=True)[:RECENT_ACTIONS])


def assert_table_matches(territories):
    years = selectors.label_years()
    assert years.years
    for territory in territories:
        for year in years.years:
            expected = mosaic_counts(territory, year)
            assert table_counts(territory, year) == expected, (territory, year)
            eligible = selectors.eligible_actions_of(territory=territory, year=year).count()
            assert total_of(territory, year) == (eligible, len(expected)), (territory, year)
            owned = Action.objects.eligible_for(year).filter(owner=territory)
            if owned.exclude(edition_id=years.edition_id_for(year)[1]).exists():
                continue  # classified through the mappings: checked by the test of the mappings
            for code, recent in recent_ids(territory, year).items():
                assert recent == expected_recent_ids(territory, year, code), (territory, year, code)


def test_each_row_keeps_the_owners_most_recent_actions(places, services):
    a, b = places["a"], places["b"]
    s1, s2 = services["T1E1S01"], services["T2E1S01"]
    moment = local(2025)
    # Five of a's actions light s1, two of them at the same moment (the newer id first); one is only shared with b.
    older = ActionFactory(owner=a, published=True, last_activity_at=local(2024), services=[s1])
    same_a = ActionFactory(owner=a, published=True, last_activity_at=moment, services=[s1, s2])
    same_b = ActionFactory(owner=a, published=True, last_activity_at=moment, services=[s1])
    newest = ActionFactory(owner=a, published=True, last_activity_at=moment + timedelta(microseconds=1), services=[s1])
    ActionFactory(
        owner=a, published=True, last_activity_at=local(2024) - timedelta(days=1), services=[s1], shared_with=[b]
    )
    assert recent_ids(a, 2026)["T1E1S01"] == [newest.pk, same_b.pk, same_a.pk]
    assert recent_ids(a, 2026)["T2E1S01"] == [same_a.pk]
    # b lights s1 through the shared action, which it does not own: no example of its own.
    assert table_counts(b, 2026) == {"T1E1S01": 1} and recent_ids(b, 2026) == {"T1E1S01": []}
    row = ServiceCoverage.objects.get(territory=a, year=2026, service_code="T1E1S01")
    assert (row.latest_action_id, row.latest_activity_at) == (newest.pk, newest.last_activity_at)
    # The newest one stops counting: the next one moves up, the older one enters.
    newest.status = ActionStatus.PLANNED
    newest.save()
    assert recent_ids(a, 2026)["T1E1S01"] == [same_b.pk, same_a.pk, older.pk]
    assert_table_matches([a, b])


@pytest.fixture
def places(services):
    epci = EpciFactory()
    return {
        "a": CommuneFactory(epci=epci),
        "b": CommuneFactory(epci=epci),
        "c": CommuneFactory(),
        "epci": epci,
    }


def test_every_write_keeps_the_table_equal_to_the_mosaic(places, services):
    a, b, c, epci = places["a"], places["b"], places["c"], places["epci"]
    s1, s2, s3 = services["T1E1S01"], services["T2E1S01"], services["T3E2S01"]
    one = ActionFactory(owner=a, published=True, last_activity_at=local(2024), services=[s1, s2])
    two = ActionFactory(owner=a, published=True, last_activity_at=local(2025), services=[s1], shared_with=[b, epci])
    ActionFactory(owner=b, published=True, last_activity_at=local(2023), status=ActionStatus.DONE, services=[s3])
    ActionFactory(owner=c, published=True, last_activity_at=local(2024), status=ActionStatus.PLANNED, services=[s3])
    ActionFactory(owner=c, is_published=False, last_activity_at=local(2024), services=[s3])
    everyone = [a, b, c, epci]
    assert_table_matches(everyone)
    assert table_counts(a, 2026) == {"T1E1S01": 2, "T2E1S01": 1}
    assert table_counts(b, 2026) == {"T1E1S01": 1}

    # Update: the activity moves out of the window of some years, the status stops counting.
    one.last_activity_at = local(2020)
    one.save()
    assert_table_matches(everyone)
    one.status = ActionStatus.PLANNED
    one.save()
    assert_table_matches(everyone)
    # Services changed.
    two.services.set([s3])
    assert_table_matches(everyone)
    # Partners removed one by one, then all at once, then added back.
    two.shared_with.remove(b)
    assert table_counts(b, 2026) == {}
    assert_table_matches(everyone)
    two.shared_with.clear()
    assert table_counts(epci, 2026) == {}
    assert_table_matches(everyone)
    two.shared_with.add(c)
    assert table_counts(c, 2026) == {"T3E2S01": 1}
    assert_table_matches(everyone)
    # Unpublication, then deletion.
    two.is_published = False
    two.save()
    assert_table_matches(everyone)
    two.is_published = True
    two.save()
    assert_table_matches(everyone)
    two.delete()
    assert table_counts(c, 2026) == {}
    assert_table_matches(everyone)


def test_the_full_rebuild_and_the_command_give_the_same_table(places, services):
    a, b = places["a"], places["b"]
    ActionFactory(owner=a, published=True, last_activity_at=local(2024), services=[services["T1E1S01"]])
    ActionFactory(owner=b, published=True, last_activity_at=local(2025), services=[services["T1E1S02"]])
    before = set(ServiceCoverage.objects.values_list("territory_id", "year", "service_code", "eligible_actions"))
    ServiceCoverage.objects.all().delete()
    TerritoryCoverage.objects.all().delete()
    call_command("rebuild_coverage", stdout=io.StringIO())
    after = set(ServiceCoverage.objects.values_list("territory_id", "year", "service_code", "eligible_actions"))
    assert before == after and after
    assert set(CoverageYear.objects.values_list("year", flat=True)) == set(selectors.label_years().years)
    assert_table_matches([a, b, places["epci"]])
    # The planner knows the new table: statistics were gathered by the rebuild.
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'mosaic_servicecoverage'")
            assert cursor.fetchone()[0] > 0
        else:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'mosaic_servicecoverage'")
            assert cursor.fetchone()[0] == ServiceCoverage.objects.count()


def test_a_year_never_computed_is_built_on_first_read(places, services):
    ActionFactory(owner=places["a"], published=True, last_activity_at=local(2024), services=[services["T1E1S01"]])
    CoverageYear.objects.all().delete()
    ServiceCoverage.objects.all().delete()
    ensure_coverage(year=2026)
    assert table_counts(places["a"], 2026) == {"T1E1S01": 1}
    assert CoverageYear.objects.filter(year=2026).exists()


def test_refresh_of_no_collectivite_writes_nothing(places):
    assert refresh_coverage(territory_ids=[]) == 0
    assert Action.objects.count() == 0


def test_actions_of_an_older_edition_count_through_the_mapping(places, services, edition_2019):
    a = places["a"]
    action = ActionFactory(
        owner=a,
        published=True,
        last_activity_at=local(2024),
        services=[services["T1E1S01"], services["T1E1S02"], services["T1E1S03"]],
    )
    edition_2025 = publish_edition(edition=copy_edition(source=edition_2019, year=2025))
    new = {s.code: s for s in Service.objects.filter(edition=edition_2025)}
    set_mapping(from_service=services["T1E1S01"], to_services=[new["T1E1S04"], new["T1E1S05"]])
    set_mapping(from_service=services["T1E1S02"], to_services=[], edition=edition_2025)
    # A new edition makes every stored year stale: the next read rebuilds it.
    ensure_coverage(year=2026)
    assert table_counts(a, 2026) == mosaic_counts(a, 2026) == {"T1E1S03": 1, "T1E1S04": 1, "T1E1S05": 1}
    refresh_coverage()
    assert_table_matches([a, places["b"]])
    assert recent_ids(a, 2026) == {code: [action.pk] for code in ["T1E1S03", "T1E1S04", "T1E1S05"]}
