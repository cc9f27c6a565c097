import gzip
import json

import pytest

from arobase.actions import services as action_services
from arobase.actions.models import Action
from arobase.actions.tests.factories import ActionFactory, PlaceFactory

URL = "/api/v1/map/points"


def points(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_compact_format_published_only(client, amiens, brest, services):
    a = ActionFactory(owner=amiens, published=True)
    PlaceFactory(action=a, latitude=49.89, longitude=2.29, position=0)
    PlaceFactory(action=a, latitude=50.0, longitude=2.5, position=1)
    draft = ActionFactory(owner=brest)
    PlaceFactory(action=draft, latitude=48.39, longitude=-4.49)
    ActionFactory(owner=brest, published=True)  # no place: no point
    data = points(client)
    assert data["fields"] == ["id", "lat", "lon", "status"]
    assert data["count"] == 1
    assert data["points"] == [[a.pk, 49.89, 2.29, 1]]


def test_filters_and_bbox(client, amiens, brest, services):
    a = ActionFactory(owner=amiens, published=True, status="done")
    PlaceFactory(action=a, latitude=49.89, longitude=2.29)
    b = ActionFactory(owner=brest, published=True)
    PlaceFactory(action=b, latitude=48.39, longitude=-4.49)
    assert [p[0] for p in points(client, bbox="-5,48,-4,49")["points"]] == [b.pk]
    assert [p[0] for p in points(client, status="done")["points"]] == [a.pk]
    assert [p[0] for p in points(client, territory="29019")["points"]] == [b.pk]
    assert client.get(URL, {"bbox": "x"}).status_code == 422


def test_gzip(client, amiens, services):
    a = ActionFactory(owner=amiens, published=True)
    PlaceFactory(action=a)
    response = client.get(URL, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["count"] == 1


def test_unpublished_action_leaves_the_cached_map(client, amiens, services, staff_user):
    action = ActionFactory(owner=amiens, published=True)
    PlaceFactory(action=action)
    assert points(client)["count"] == 1
    assert points(client)["count"] == 1  # cached
    action_services.unpublish_action(actor=staff_user, action=Action.objects.get(pk=action.pk), reason="Doublon")
    assert points(client)["count"] == 0


def test_edit_bumps_version_direct_save(client, amiens, services):
    action = ActionFactory(owner=amiens, published=True)
    PlaceFactory(action=action)
    assert points(client)["count"] == 1
    action.is_published = False
    action.save()
    assert points(client)["count"] == 0


@pytest.fixture
def staff_user(db):
    from arobase.accounts.tests.factories import StaffFactory

    return StaffFactory()


def test_arobases_filter_follows_the_ceremony_without_any_action_write(client, amiens, services, edition_2019):
    """Cached map points filtered by arobases never show a secret result, and show it once the ceremony is past
    even though no action was written in between."""
    from datetime import timedelta

    from django.utils import timezone

    from arobase.label.models import Campaign
    from arobase.label.tests.factories import add_result, make_campaign

    action = ActionFactory(owner=amiens, published=True)
    PlaceFactory(action=action)
    campaign = make_campaign(edition_2019, state="closed", published="future")
    add_result(amiens, campaign.year, 4, campaign=campaign)
    assert points(client, arobases=4)["count"] == 0
    assert points(client, arobases=4)["count"] == 0  # cached, still secret
    Campaign.objects.filter(pk=campaign.pk).update(ceremony_at=timezone.now() - timedelta(minutes=1))
    assert [p[0] for p in points(client, arobases=4)["points"]] == [action.pk]


def test_titles_of_the_points_published_only(client, amiens, services):
    shown = ActionFactory(owner=amiens, published=True, title="Fablab municipal")
    draft = ActionFactory(owner=amiens, title="Brouillon secret")
    response = client.get("/api/v1/map/titles", {"ids": f"{shown.pk},{draft.pk},999999"})
    assert response.status_code == 200
    assert response.json() == {"titles": {str(shown.pk): "Fablab municipal"}}
    assert client.get("/api/v1/map/titles", {"ids": ""}).json() == {"titles": {}}
    for bad in ("1,x", "-1"):
        response = client.get("/api/v1/map/titles", {"ids": bad})
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["loc"] == ["query", "ids"]
    # Ids no action can have, and those past the first 200, are ignored like unknown ones.
    overlong = f"{'1' * 20},{shown.pk}"
    assert client.get("/api/v1/map/titles", {"ids": overlong}).json() == {"titles": {str(shown.pk): "Fablab municipal"}}
    past_the_limit = ",".join(["999999"] * 200 + [str(shown.pk)])
    assert client.get("/api/v1/map/titles", {"ids": past_the_limit}).json() == {"titles": {}}
