"""The mosaïque selector: which actions count, for which edition, in a fixed number of queries."""

from datetime import date

import pytest

from arobase.actions.models import ActionStatus
from arobase.actions.tests.factories import ActionFactory
from arobase.atlaas.selectors import actions_version
from arobase.mosaic import selectors
from arobase.mosaic.tests.factories import local
from arobase.referential.models import EditionStatus, ReferentialEdition, Service
from arobase.referential.services import copy_edition, publish_edition, set_mapping
from arobase.territories.tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)  # label being prepared: 2027


def counts_of(territory, year):
    mosaic = selectors.territory_mosaic(territory=territory, year=year, today=TODAY)
    return {service.code: service.eligible_actions for service in mosaic.services() if service.eligible_actions}


def panel_of(territory, **options):
    return selectors.mosaic_panel(territory=territory, actions_version=actions_version, today=TODAY, **options)


def test_only_eligible_actions_light_services(amiens, services):
    s1, s2, s3, s4, s5 = (services[c] for c in ("T1E1S01", "T1E1S02", "T1E1S03", "T1E1S04", "T1E1S05"))
    ActionFactory(owner=amiens, published=True, last_activity_at=local(2020), services=[s1, s2])
    ActionFactory(owner=amiens, published=True, last_activity_at=local(2019, 1, 1, 0), services=[s1])
    ActionFactory(owner=amiens, published=True, last_activity_at=local(2020), status=ActionStatus.DONE, services=[s2])
    # Not eligible for 2021: planned, unpublished (draft), too old, too recent.
    ActionFactory(
        owner=amiens, published=True, last_activity_at=local(2020), status=ActionStatus.PLANNED, services=[s3]
    )
    ActionFactory(owner=amiens, is_published=False, last_activity_at=local(2020), services=[s3])
    ActionFactory(owner=amiens, published=True, last_activity_at=local(2018, 12, 31, 23), services=[s4])
    ActionFactory(owner=amiens, published=True, last_activity_at=local(2021, 1, 1, 0), services=[s5])
    # Another collectivité's action does not count.
    ActionFactory(published=True, last_activity_at=local(2020), services=[s3])

    assert counts_of(amiens, 2021) == {"T1E1S01": 2, "T1E1S02": 2}
    # The year window moves with the label year.
    assert counts_of(amiens, 2022) == {"T1E1S01": 1, "T1E1S02": 2, "T1E1S05": 1}
    assert counts_of(amiens, 2020) == {"T1E1S01": 1, "T1E1S04": 1}


def test_a_shared_action_counts_for_the_partner_too(amiens, brest, services):
    ActionFactory(
        owner=brest,
        published=True,
        last_activity_at=local(2020),
        services=[services["T2E1S01"]],
        shared_with=[amiens, amiens.epci],
    )
    assert counts_of(amiens, 2021) == {"T2E1S01": 1}
    assert counts_of(amiens.epci, 2021) == {"T2E1S01": 1}
    assert counts_of(brest, 2021) == {"T2E1S01": 1}
    assert counts_of(CommuneFactory(), 2021) == {}


def test_mosaic_shape_and_weak_enjeux(amiens, services):
    ActionFactory(owner=amiens, published=True, last_activity_at=local(2020), services=[services["T1E1S01"]])
    mosaic = selectors.territory_mosaic(territory=amiens, year=2021, today=TODAY)
    assert mosaic.year == 2021 and mosaic.territory == "80021"
    assert len(mosaic.themes) == 4 and sum(1 for _ in mosaic.enjeux()) == 16 and mosaic.service_count == 138
    assert mosaic.lit_codes == {"T1E1S01"}
    assert mosaic.enjeu("T1E1").coverage_label == "1/11"
    assert len(mosaic.weak_enjeux) == 16


def test_edition_of_a_label_year(edition_2019, services, amiens):
    years = selectors.label_years(today=TODAY)
    assert years.default == 2027 and years.years[0] == 2027 and years.years[-1] == 2019
    assert selectors.edition_for_label_year(2021, today=TODAY) == edition_2019
    with pytest.raises(selectors.UnknownLabelYear):
        selectors.territory_mosaic(territory=amiens, year=2018, today=TODAY)
    with pytest.raises(selectors.UnknownLabelYear):
        selectors.territory_mosaic(territory=amiens, year=2028, today=TODAY)
    # A draft edition is not used until it is published.
    edition_2021 = copy_edition(source=edition_2019, year=2021)
    assert selectors.edition_for_label_year(2021, today=TODAY) == edition_2019
    publish_edition(edition=edition_2021)
    assert selectors.edition_for_label_year(2021, today=TODAY) == edition_2021
    assert selectors.edition_for_label_year(2024, today=TODAY) == edition_2021
    assert selectors.edition_for_label_year(2020, today=TODAY) == edition_2019


def test_no_published_edition_means_no_label_year(db, amiens):
    ReferentialEdition.objects.all().update(status=EditionStatus.DRAFT)
    assert selectors.label_years(today=TODAY).years == ()
    with pytest.raises(selectors.UnknownLabelYear):
        selectors.territory_mosaic(territory=amiens, year=2027, today=TODAY)
    panel = panel_of(amiens)
    assert panel.mosaic is None and panel.year == 2027


def test_actions_of_an_older_edition_count_through_the_mapping(edition_2019, services, amiens):
    edition_2021 = publish_edition(edition=copy_edition(source=edition_2019, year=2021))
    new = {s.code: s for s in Service.objects.filter(edition=edition_2021)}
    # T1E1S01 is split into two services of 2021; T1E1S02 is dropped; T1E1S03 continues (copy).
    set_mapping(from_service=services["T1E1S01"], to_services=[new["T1E1S04"], new["T1E1S05"]])
    set_mapping(from_service=services["T1E1S02"], to_services=[], edition=edition_2021)
    old_action = ActionFactory(
        owner=amiens,
        published=True,
        last_activity_at=local(2020),
        services=[services["T1E1S01"], services["T1E1S02"], services["T1E1S03"]],
    )
    ActionFactory(
        owner=amiens,
        published=True,
        last_activity_at=local(2020),
        edition=edition_2021,
        services=[new["T1E1S04"], new["T1E1S06"]],
    )
    assert old_action.edition == edition_2019
    assert counts_of(amiens, 2021) == {"T1E1S03": 1, "T1E1S04": 2, "T1E1S05": 1, "T1E1S06": 1}
    # The 2020 mosaïque uses the 2019 edition: an action of the newer edition counts by code.
    ActionFactory(
        owner=amiens, published=True, last_activity_at=local(2019), edition=edition_2021, services=[new["T1E1S07"]]
    )
    assert counts_of(amiens, 2020) == {"T1E1S07": 1}


def test_mapping_is_followed_through_intermediate_editions(edition_2019, services, amiens):
    edition_2020 = publish_edition(edition=copy_edition(source=edition_2019, year=2020))
    edition_2021 = publish_edition(edition=copy_edition(source=edition_2020, year=2021))
    mid = {s.code: s for s in Service.objects.filter(edition=edition_2020)}
    new = {s.code: s for s in Service.objects.filter(edition=edition_2021)}
    set_mapping(from_service=mid["T2E1S01"], to_services=[new["T2E1S09"]])
    ActionFactory(owner=amiens, published=True, last_activity_at=local(2020), services=[services["T2E1S01"]])
    assert counts_of(amiens, 2021) == {"T2E1S09": 1}


@pytest.mark.parametrize("n", [3, 30])
def test_query_count_does_not_grow_with_actions(n, amiens, brest, services, django_assert_num_queries):
    codes = sorted(services)
    for i in range(n):
        ActionFactory(
            owner=amiens,
            published=True,
            last_activity_at=local(2020),
            services=[services[codes[i % 20]], services[codes[(i * 7) % 138]]],
            shared_with=[brest] if i % 3 == 0 else [],
        )
        ActionFactory(
            owner=brest,
            published=True,
            last_activity_at=local(2020 - i % 3),
            services=[services[codes[(i * 5) % 138]]],
            shared_with=[amiens] if i % 4 == 0 else [],
        )
    # editions + tree (3) + aggregate + other-edition rows
    with django_assert_num_queries(6):
        selectors.territory_mosaic(territory=amiens, year=2021, today=TODAY)
    # Examples of the unlit services are loaded on their own page: nothing more.
    with django_assert_num_queries(6):
        panel = panel_of(amiens, year=2021)
    assert panel.mosaic.weak_enjeux and panel.most_lit == ()


def test_most_lit_services_show_where_to_start(amiens, brest, services, django_assert_num_queries):
    third = CommuneFactory(name="Caen")
    for owner in (brest, third):
        ActionFactory(owner=owner, published=True, last_activity_at=local(2020), services=[services["T3E2S01"]])
    ActionFactory(owner=third, published=True, last_activity_at=local(2020), services=[services["T1E1S01"]])
    ActionFactory(owner=third, published=True, last_activity_at=local(2020), services=[services["T1E1S01"]])
    ActionFactory(owner=third, last_activity_at=local(2020), services=[services["T2E1S01"]])  # a draft
    ActionFactory(owner=third, published=True, last_activity_at=local(2010), services=[services["T2E2S01"]])  # old
    # editions + tree (3) + aggregate + other-edition rows + actions version + most lit services
    with django_assert_num_queries(8):
        panel = panel_of(amiens, year=2021)
    assert panel.mosaic.lit_count == 0
    assert [(entry.code, entry.territories) for entry in panel.most_lit] == [("T3E2S01", 2), ("T1E1S01", 1)]
    with django_assert_num_queries(7):  # the ranking comes from the cache
        assert panel_of(amiens, year=2021).most_lit == panel.most_lit
    # A collectivité with a lit service is shown its weak enjeux instead.
    ActionFactory(owner=amiens, published=True, last_activity_at=local(2020), services=[services["T1E1S01"]])
    assert panel_of(amiens, year=2021).most_lit == ()


def test_panel_falls_back_to_the_default_year(amiens, services):
    panel = panel_of(amiens, year="abc")
    assert panel.year == 2027 and panel.requested_year_unknown
    panel = panel_of(amiens, year="1990")
    assert panel.year == 2027 and panel.requested_year_unknown
    panel = panel_of(amiens, year="2021")
    assert panel.year == 2021 and not panel.requested_year_unknown and panel.edition_year == 2019
    assert panel_of(amiens).requested_year_unknown is False
