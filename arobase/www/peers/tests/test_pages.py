"""The comparison pages through the client, with the parameters the real forms send."""

import pytest

from arobase.actions.models import Action, ActionStatus
from arobase.actions.tests.factories import ActorFactory
from arobase.mosaic.services import refresh_coverage
from arobase.peers.tests.factories import YEAR

pytestmark = pytest.mark.django_db


def compare_url(territory, suffix="se-comparer/"):
    return f"/territoires/{territory.kind}/{territory.code}/{suffix}"


def test_the_compare_page_shows_criteria_relaxation_side_by_side_and_gaps(client, world):
    example = world.elsewhere[-1]
    action = Action.objects.filter(owner=example).first()
    ActorFactory(action=action, name="Claire Dupont", email="claire@example.org", contact_consent=True)
    ActorFactory(action=action, name="Paul Secret", email="paul@example.org", contact_consent=False, kind="person")
    response = client.get(compare_url(world.village), {"annee": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert "16 collectivités comparables" in html
    assert "strates de population voisines incluses, toutes les régions" in html
    assert "Médiane des pairs" in html and "<svg" in html
    assert "Ce que font les pairs" in html
    assert "claire@example.org" in html and "Paul Secret" not in html and "paul@example.org" not in html
    # Anonymous visitors see no button to plan an action.
    assert "Prévoir une action" not in html


def test_the_criteria_form_with_empty_fields_keeps_the_defaults(client, world):
    empty = client.get(
        compare_url(world.village),
        {"annee": "", "population_min": "", "population_max": "", "region": "", "categorie": ""},
    )
    assert empty.status_code == 200 and "16 collectivités comparables" in empty.content.decode()
    narrowed = client.get(
        compare_url(world.village),
        {"annee": YEAR, "population_min": "2000", "population_max": "3499", "region": "32", "categorie": ""},
    )
    assert "5 collectivités comparables" in narrowed.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"population_min": "-3"},
        {"population_min": "abc"},
        {"population_min": "900", "population_max": "10"},
        {"region": "99"},
        {"categorie": "metropole"},
        {"annee": "1850"},
    ],
)
def test_bad_criteria_get_a_french_message(client, world, params):
    response = client.get(compare_url(world.village), params)
    assert response.status_code == 400
    assert "collectivités comparables" not in response.content.decode()


def test_unknown_or_non_comparable_collectivites_are_404(client, world):
    assert client.get("/territoires/commune/00000/se-comparer/").status_code == 404
    assert client.get(f"/territoires/region/{world.region.code}/se-comparer/").status_code == 404


def test_the_compare_page_runs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    refresh_coverage()
    # Whatever the number of peers, actions and gaps.
    with django_assert_max_num_queries(40):
        assert client.get(compare_url(world.village), {"annee": YEAR}).status_code == 200


def test_a_member_plans_a_draft_action_for_a_gap(client, world, village_member):
    client.force_login(village_member)
    page = client.get(compare_url(world.village), {"annee": YEAR}).content.decode()
    assert "Prévoir une action" in page
    response = client.post(compare_url(world.village, "se-comparer/prevoir/"), {"service": "T1E1S02"})
    assert response.status_code == 302
    action = Action.objects.get(owner=world.village, status=ActionStatus.PLANNED)
    assert not action.is_published
    assert list(action.services.values_list("code", flat=True)) == ["T1E1S02"]
    assert response["Location"] == f"/actions/{action.pk}/modifier/"


def test_outsiders_cannot_plan_an_action(client, world, outsider, staff):
    before = Action.objects.count()
    url = compare_url(world.village, "se-comparer/prevoir/")
    # Anonymous: to the login page.
    assert client.post(url, {"service": "T1E1S02"}).status_code == 302
    client.force_login(outsider)
    assert "Prévoir une action" not in client.get(compare_url(world.village)).content.decode()
    response = client.post(url, {"service": "T1E1S02"})
    assert response.status_code == 403
    client.force_login(staff)
    assert client.post(url, {"service": "T1E1S02"}).status_code == 403
    assert client.get(url).status_code == 405
    assert Action.objects.count() == before


def test_a_forged_service_changes_nothing(client, world, village_member):
    client.force_login(village_member)
    before = Action.objects.count()
    url = compare_url(world.village, "se-comparer/prevoir/")
    assert client.post(url, {"service": "NOPE"}).status_code == 400
    assert client.post(url, {"service": ""}).status_code == 400
    assert Action.objects.count() == before


def test_the_similar_page_shows_the_similarity(client, world):
    response = client.get(compare_url(world.village, "qui-me-ressemblent/"), {"annee": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    assert "50 %" in html and world.neighbours[0].name in html
    assert client.get(compare_url(world.village, "qui-me-ressemblent/"), {"annee": "abc"}).status_code == 200
