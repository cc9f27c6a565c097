"""/api/v1/actions: published actions only, filters, bad parameters, constant number of queries, and agreement
with the mosaïque endpoint."""

import random
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from arobase.actions.models import Action, ActionStatus
from arobase.actions.tests.factories import ActionFactory, ActorFactory, PlaceFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/actions"


def local(year, month=6, day=15):
    return datetime(year, month, day, 12, tzinfo=timezone.get_current_timezone())


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def test_action_format(client, amiens, brest, services):
    action = ActionFactory(
        owner=amiens,
        published=True,
        title="Espace public numérique",
        last_activity_at=local(2025),
        services=[services["T3E2S02"], services["T3E2S01"]],
        shared_with=[brest, amiens.epci],
    )
    PlaceFactory(action=action, label="Médiathèque", latitude=49.89, longitude=2.29)
    response = client.get(URL)
    data = response.json()
    assert set(data) == {"count", "next", "results"} and data["count"] == 1 and data["next"] is None
    item = data["results"][0]
    assert item["id"] == action.pk and item["title"] == "Espace public numérique"
    assert item["status"] == "ongoing" and item["summary"] == action.summary
    # ISO 8601, to the millisecond.
    assert abs(datetime.fromisoformat(item["updated_at"]) - action.updated_at) < timedelta(milliseconds=1)
    assert item["services"] == ["T3E2S01", "T3E2S02"]
    assert item["territories"] == ["80021", "248000531", "29019"]  # owner first, then partners
    assert item["owner"] == {"code": "80021", "kind": "commune", "name": "Amiens"}
    assert item["places"] == [
        {
            "label": "Médiathèque",
            "address": "8 Boulevard du Port",
            "postcode": "80000",
            "city": "Amiens",
            "lat": 49.89,
            "lon": 2.29,
        }
    ]
    assert item["edition"] == 2019 and item["eligible_for"] == [2026, 2027]
    assert item["url"] == f"http://testserver/actions/{action.pk}/"


def test_eligible_for(client, amiens, services):
    planned = ActionFactory(owner=amiens, published=True, status=ActionStatus.PLANNED, last_activity_at=local(2020))
    done = ActionFactory(owner=amiens, published=True, status=ActionStatus.DONE, last_activity_at=local(2020))
    results = {item["id"]: item["eligible_for"] for item in client.get(URL).json()["results"]}
    assert results == {planned.pk: [], done.pk: [2021, 2022]}


def test_only_published_actions_are_public(client, amiens, services):
    published = ActionFactory(owner=amiens, published=True)
    draft = ActionFactory(owner=amiens)
    unpublished = ActionFactory(owner=amiens, published=True)
    Action.objects.filter(pk=unpublished.pk).update(is_published=False, unpublished_at=timezone.now())
    assert ids(client.get(URL)) == [published.pk]
    assert ids(client.get(URL, {"territory": "80021"})) == [published.pk]
    assert client.get(f"{URL}/{published.pk}").status_code == 200
    for hidden in (draft, unpublished):
        response = client.get(f"{URL}/{hidden.pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": f"Aucune action publiée ne porte le numéro {hidden.pk}."}
    assert client.get(f"{URL}/999999").status_code == 404


def test_detail(client, amiens, services):
    action = ActionFactory(owner=amiens, published=True, services=[services["T1E1S01"]])
    ActorFactory(action=action, name="Association A", contact_consent=True, email="a@example.org", phone="")
    ActorFactory(action=action, name="Personne B", contact_consent=False, email="b@example.org")
    PlaceFactory(action=action)
    data = client.get(f"{URL}/{action.pk}").json()
    assert data["id"] == action.pk and data["services"] == ["T1E1S01"] and len(data["places"]) == 1
    assert data["what_was_done"] == action.what_was_done and data["start_date"] == "2018-09-01"
    actors = {actor["name"]: actor for actor in data["actors"]}
    assert actors["Association A"]["email"] == "a@example.org" and actors["Association A"]["phone"] is None
    assert actors["Personne B"]["email"] is None and actors["Personne B"]["phone"] is None


def test_territory_filter_by_insee_code_or_siren_owned_or_shared(client, amiens, brest, services):
    owned = ActionFactory(owner=amiens, published=True)
    shared = ActionFactory(owner=brest, published=True, shared_with=[amiens])
    of_epci = ActionFactory(owner=amiens.epci, published=True)
    ActionFactory(owner=brest, published=True)
    assert set(ids(client.get(URL, {"territory": "80021"}))) == {owned.pk, shared.pk}
    assert set(ids(client.get(URL, {"territory": "218000198"}))) == {owned.pk, shared.pk}
    assert ids(client.get(URL, {"territory": "248000531"})) == [of_epci.pk]
    assert ids(client.get(URL, {"territory": "99999"})) == []


def test_referential_filters(client, amiens, services):
    a = ActionFactory(owner=amiens, published=True, services=[services["T1E1S01"], services["T1E1S02"]])
    b = ActionFactory(owner=amiens, published=True, services=[services["T1E2S01"]])
    c = ActionFactory(owner=amiens, published=True, services=[services["T3E2S01"]])
    assert ids(client.get(URL, {"service": "T1E1S02"})) == [a.pk]
    assert ids(client.get(URL, {"enjeu": "T1E1"})) == [a.pk]  # listed once despite two services of the enjeu
    assert set(ids(client.get(URL, {"theme": "T1"}))) == {a.pk, b.pk}
    assert ids(client.get(URL, {"theme": "T3", "enjeu": "T3E2", "service": "T3E2S01"})) == [c.pk]
    assert ids(client.get(URL, {"theme": "T3", "service": "T1E1S01"})) == []


def test_status_and_updated_since_filters(client, amiens, services):
    planned = ActionFactory(owner=amiens, published=True, status=ActionStatus.PLANNED)
    done = ActionFactory(owner=amiens, published=True, status=ActionStatus.DONE)
    ongoing = ActionFactory(owner=amiens, published=True, status=ActionStatus.ONGOING)
    assert ids(client.get(URL, {"status": "planned"})) == [planned.pk]
    assert ids(client.get(URL, {"status": "done"})) == [done.pk]
    assert ids(client.get(URL, {"status": "ongoing"})) == [ongoing.pk]
    Action.objects.filter(pk=planned.pk).update(updated_at=local(2020, 1, 10))
    Action.objects.filter(pk=done.pk).update(updated_at=local(2022, 3, 1))
    assert set(ids(client.get(URL, {"updated_since": "2021-01-01"}))) == {done.pk, ongoing.pk}
    assert set(ids(client.get(URL, {"updated_since": "2022-03-01"}))) == {done.pk, ongoing.pk}
    assert ids(client.get(URL, {"updated_since": "2022-03-01T13:00:00+01:00"})) == [ongoing.pk]
    since = (timezone.now() + timedelta(days=1)).isoformat()
    assert ids(client.get(URL, {"updated_since": since})) == []
    # Most recently updated first.
    assert ids(client.get(URL)) == [ongoing.pk, done.pk, planned.pk]


def test_text_search(client, amiens, services):
    a = ActionFactory(owner=amiens, published=True, title="Fablab de quartier", summary="Impression 3D.")
    b = ActionFactory(owner=amiens, published=True, title="Portail citoyen", summary="Un FABLAB itinérant.")
    ActionFactory(owner=amiens, published=True, title="Wifi public")
    assert set(ids(client.get(URL, {"q": "fablab"}))) == {a.pk, b.pk}
    assert ids(client.get(URL, {"q": "fablab impression"})) == [a.pk]
    assert ids(client.get(URL, {"q": "CITOYEN"})) == [b.pk]


def test_bbox_filter(client, amiens, brest, services):
    in_amiens = ActionFactory(owner=amiens, published=True)
    PlaceFactory(action=in_amiens, latitude=49.89, longitude=2.29)
    PlaceFactory(action=in_amiens, latitude=49.90, longitude=2.30)  # listed once
    in_brest = ActionFactory(owner=brest, published=True)
    PlaceFactory(action=in_brest, latitude=48.39, longitude=-4.49)
    ActionFactory(owner=brest, published=True)  # no place
    assert ids(client.get(URL, {"bbox": "2.2,49.8,2.4,50.0"})) == [in_amiens.pk]
    assert ids(client.get(URL, {"bbox": "-5,48,-4,49"})) == [in_brest.pk]
    assert set(ids(client.get(URL, {"bbox": "-5,42,8,51"}))) == {in_amiens.pk, in_brest.pk}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "finished"}, "Statut inconnu « finished »"),
        ({"status": "prévue"}, "Statut inconnu"),
        ({"updated_since": "hier"}, "Date « hier » invalide pour updated_since"),
        ({"updated_since": "2024-13-45"}, "invalide pour updated_since"),
        ({"bbox": "1,2,3"}, "bbox « 1,2,3 » invalide"),
        ({"bbox": "a,b,c,d"}, "bbox « a,b,c,d » invalide"),
        ({"bbox": "3,49,2,50"}, "chaque minimum ne dépasse pas le maximum"),
        ({"bbox": "2,95,3,96"}, "les latitudes de -90 à 90"),
        ({"bbox": "nan,1,2,3"}, "invalide"),
    ],
)
def test_bad_parameters_give_a_french_422(client, db, params, message):
    response = client.get(URL, params)
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_bad_pagination_gives_422(client, db):
    assert client.get(URL, {"page_size": 501}).status_code == 422
    assert client.get(URL, {"page": 0}).status_code == 422
    assert client.get(URL, {"page_size": 500}).status_code == 200


def test_pagination(client, amiens, services):
    created = [ActionFactory(owner=amiens, published=True).pk for _ in range(5)]
    first = client.get(URL, {"page_size": 2}).json()
    assert first["count"] == 5 and len(first["results"]) == 2 and "page=2" in first["next"]
    last = client.get(URL, {"page_size": 2, "page": 3}).json()
    assert last["next"] is None and [item["id"] for item in last["results"]] == [created[0]]


@pytest.mark.parametrize("n", [3, 30])
def test_list_query_count_is_constant(n, client, amiens, brest, services, django_assert_num_queries):
    codes = sorted(services)
    for i in range(n):
        action = ActionFactory(
            owner=amiens if i % 2 else brest,
            published=True,
            services=[services[codes[i % 138]], services[codes[(i * 7) % 138]]],
            shared_with=[amiens.epci, brest] if i % 2 else [amiens],
        )
        PlaceFactory(action=action)
        PlaceFactory(action=action, latitude=48.39, longitude=-4.49)
    # actions version + count + page + services + partners + places
    with django_assert_num_queries(6):
        data = client.get(URL, {"page_size": 100}).json()
    assert data["count"] == n
    with django_assert_num_queries(6):
        data = client.get(URL, {"territory": "80021", "theme": "T1", "bbox": "-5,42,8,51", "q": "action"}).json()
    # The same filters again: the count comes from the cache.
    with django_assert_num_queries(5):
        client.get(URL, {"territory": "80021", "theme": "T1", "bbox": "-5,42,8,51", "q": "action"})


def test_cached_count_follows_publication_and_unpublication(client, amiens, services, staff):
    from arobase.actions import services as action_services

    action = ActionFactory(owner=amiens, published=True)
    assert client.get(URL, {"territory": "80021"}).json()["count"] == 1
    assert client.get(URL, {"territory": "80021"}).json()["count"] == 1  # cached
    ActionFactory(owner=amiens, published=True)
    assert client.get(URL, {"territory": "80021"}).json()["count"] == 2
    action_services.unpublish_action(actor=staff, action=action, reason="Doublon")
    data = client.get(URL, {"territory": "80021"}).json()
    assert data["count"] == 1 and [item["id"] for item in data["results"]] != [action.pk]


def test_detail_query_count_is_constant(client, amiens, services, django_assert_max_num_queries):
    action = ActionFactory(owner=amiens, published=True)
    for _ in range(10):
        PlaceFactory(action=action)
        ActorFactory(action=action)
    # action + services + partners + places + links + actors
    with django_assert_max_num_queries(6):
        assert client.get(f"{URL}/{action.pk}").status_code == 200


def test_the_mosaic_agrees_with_the_actions_endpoint(client, amiens, brest, services):
    """For any collectivité, each service's `eligible_actions` in the mosaïque is the number of actions that the
    actions endpoint lists for that collectivité and service and says are eligible for that year."""
    rng = random.Random(2027)
    codes = sorted(services)[:24]
    territories = [amiens, amiens.epci, brest]
    for _ in range(60):
        owner = rng.choice(territories)
        partners = [t for t in territories if t != owner and rng.random() < 0.3]
        ActionFactory(
            owner=owner,
            is_published=rng.random() < 0.8,
            last_activity_at=local(rng.choice([2017, 2018, 2019, 2020, 2021]), rng.randint(1, 12), rng.randint(1, 28)),
            status=rng.choice(list(ActionStatus.values)),
            services=[services[code] for code in rng.sample(codes, rng.randint(1, 3))],
            shared_with=partners,
        )
    checked = 0
    for territory in territories:
        for year in (2020, 2021, 2022):
            mosaic = client.get(f"/api/v1/territories/{territory.code}/mosaic", {"year": year}).json()
            assert mosaic["year"] == year and mosaic["territory"] == territory.code
            counts = {
                service["code"]: service["eligible_actions"]
                for theme in mosaic["themes"]
                for enjeu in theme["enjeux"]
                for service in enjeu["services"]
            }
            assert len(counts) == 138
            for code in codes:
                listed = client.get(URL, {"territory": territory.code, "service": code, "page_size": 500}).json()
                eligible = [item for item in listed["results"] if year in item["eligible_for"]]
                assert counts[code] == len(eligible), (territory.code, year, code)
                checked += counts[code]
            assert all(counts[code] == 0 for code in counts if code not in codes)
    assert checked > 20  # the data set is not trivially empty
