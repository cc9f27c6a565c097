"""The geocoders. The BAN is never reached: its network calls are replaced (there is no internet here)."""

import io
import json
import urllib.error

import pytest

from arobase.actions import geocoding
from arobase.actions.geocoding import (
    AddressCandidate,
    BanGeocoder,
    Geocoder,
    GeocoderUnavailable,
    StaticGeocoder,
    get_geocoder,
)

BAN_ANSWER = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [2.290084, 49.897443]},
            "properties": {
                "label": "8 Boulevard du Port 80000 Amiens",
                "name": "8 Boulevard du Port",
                "postcode": "80000",
                "citycode": "80021",
                "city": "Amiens",
                "score": 0.97,
            },
        }
    ],
}


class FakeResponse(io.BytesIO):
    status = 200

    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


def fake_urlopen(answer=None, error=None, status=200, calls=None):
    def urlopen(request, timeout):
        if calls is not None:
            calls.append((request.full_url, timeout))
        if error is not None:
            raise error
        response = FakeResponse(answer if isinstance(answer, bytes) else json.dumps(answer).encode())
        response.status = status
        return response

    return urlopen


def test_ban_parses_answers(monkeypatch):
    calls = []
    monkeypatch.setattr(geocoding.urllib.request, "urlopen", fake_urlopen(BAN_ANSWER, calls=calls))
    result = BanGeocoder().search("8 bd du port amiens", limit=3)
    assert result == [
        AddressCandidate(
            label="8 Boulevard du Port 80000 Amiens",
            name="8 Boulevard du Port",
            postcode="80000",
            city="Amiens",
            citycode="80021",
            lat=49.897443,
            lon=2.290084,
        )
    ]
    url, timeout = calls[0]
    assert url.startswith("https://api-adresse.data.gouv.fr/search/?q=8+bd+du+port+amiens") and "limit=3" in url
    assert timeout == 3


@pytest.mark.parametrize(
    "error",
    [
        urllib.error.URLError("Name or service not known"),
        TimeoutError("timed out"),
        TimeoutError(),
        ConnectionResetError(),
    ],
)
def test_ban_network_errors(monkeypatch, error):
    monkeypatch.setattr(geocoding.urllib.request, "urlopen", fake_urlopen(error=error))
    with pytest.raises(GeocoderUnavailable):
        BanGeocoder().search("8 boulevard du port")


@pytest.mark.parametrize("answer", [b"<html>erreur</html>", {"features": [{"properties": {}}]}, {"nope": 1}])
def test_ban_bad_answers(monkeypatch, answer):
    monkeypatch.setattr(geocoding.urllib.request, "urlopen", fake_urlopen(answer))
    with pytest.raises(GeocoderUnavailable):
        BanGeocoder().search("8 boulevard du port")


def test_ban_http_error(monkeypatch):
    monkeypatch.setattr(geocoding.urllib.request, "urlopen", fake_urlopen(BAN_ANSWER, status=503))
    with pytest.raises(GeocoderUnavailable):
        BanGeocoder().search("8 boulevard du port")


def test_ban_ignores_too_short_queries(monkeypatch):
    monkeypatch.setattr(geocoding.urllib.request, "urlopen", fake_urlopen(error=AssertionError("no call")))
    assert BanGeocoder().search(" a ") == []


def test_ban_unreachable_for_real_is_unavailable():
    """On this machine (no internet) the real call fails fast with the domain error, never another one."""
    try:
        result = BanGeocoder(timeout=1).search("8 boulevard du port amiens")
    except GeocoderUnavailable:
        result = None
    assert result is None or isinstance(result, list)


def test_static_geocoder_and_setting(settings):
    assert isinstance(get_geocoder(), StaticGeocoder)
    assert isinstance(StaticGeocoder(), Geocoder) and isinstance(BanGeocoder(), Geocoder)
    assert StaticGeocoder().search("boulevard du port amiens")[0].citycode == "80021"
    assert StaticGeocoder().search("rue inconnue") == []
    with pytest.raises(GeocoderUnavailable):
        StaticGeocoder().search("adresse indisponible")
    settings.GEOCODER = "arobase.actions.geocoding.BanGeocoder"
    assert isinstance(get_geocoder(), BanGeocoder)
