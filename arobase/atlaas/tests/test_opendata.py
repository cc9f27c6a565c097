import csv
import json

from django.core.management import call_command
from frictionless import Resource, Schema, validate

from arobase.actions.tests.factories import ActionFactory, ActorFactory, PlaceFactory
from arobase.atlaas import opendata


def check_rfc7946(document: dict) -> int:
    """The rules of RFC 7946 the export relies on; returns the number of point features."""
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document  # removed by RFC 7946
    assert isinstance(document["features"], list)
    located = 0
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) >= {"type", "geometry", "properties"}
        assert "crs" not in feature
        assert isinstance(feature["properties"], dict)
        assert isinstance(feature.get("id"), str | int)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"][:2]
        assert len(geometry["coordinates"]) in (2, 3)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        located += 1
    return located


def test_export_validates(tmp_path, amiens, brest, services):
    consenting = ActionFactory(owner=amiens, published=True, title="Fablab, « solidaire »\nà Amiens")
    PlaceFactory(action=consenting, latitude=49.897443, longitude=2.290084, citycode="80021")
    ActorFactory(action=consenting, name="Asso Ouverte", contact_consent=True, email="ouvert@example.org")
    ActorFactory(action=consenting, kind="person", name="Jeanne Secret", contact_consent=False, email="js@example.org")
    ActionFactory(owner=brest, published=True, start_date=None)  # no place
    ActionFactory(owner=brest, title="Brouillon")  # not published

    call_command("export_opendata", output=tmp_path)

    csv_path = tmp_path / opendata.CSV_NAME
    schema_path = tmp_path / opendata.SCHEMA_NAME
    schema = Schema.from_descriptor(json.loads(schema_path.read_text(encoding="utf-8")))
    report = validate(Resource(path=opendata.CSV_NAME, basepath=str(tmp_path), schema=schema))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])

    text = csv_path.read_text(encoding="utf-8")
    assert "Jeanne Secret" not in text and "js@example.org" not in text
    assert "ouvert@example.org" in text and "Brouillon" not in text
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert len(rows) == 2
    row = next(r for r in rows if r["id"] == str(consenting.pk))
    assert row["collectivite_code"] == "80021" and row["collectivite_siren"] == "218000198"
    assert row["latitude"] == "49.897443" and row["lieux_codes_insee"] == "80021"

    geojson = json.loads((tmp_path / opendata.GEOJSON_NAME).read_text(encoding="utf-8"))
    assert check_rfc7946(geojson) == 1
    point = next(f for f in geojson["features"] if f["id"] == consenting.pk)
    assert point["geometry"]["coordinates"] == [2.290084, 49.897443]  # longitude first
    assert "contacts" not in point["properties"]


def test_validator_rejects_lat_lon_order():
    bad = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": 1, "properties": {}, "geometry": {"type": "Point", "coordinates": [2, 95]}}
        ],
    }
    try:
        check_rfc7946(bad)
    except AssertionError:
        return
    raise AssertionError("a latitude of 95 must be refused")


def test_download(client, settings, tmp_path, amiens, services):
    settings.ATLAAS_OPENDATA_DIR = tmp_path
    ActionFactory(owner=amiens, published=True)
    opendata.export_opendata()
    response = client.get("/atlaas/donnees/atlaas-actions.geojson")
    assert response.status_code == 200
    assert b"FeatureCollection" in b"".join(response.streaming_content)
    assert "atlaas-actions.csv" in client.get("/atlaas/donnees/").content.decode()


def test_csv_neutralises_formulas_and_stays_valid(tmp_path, brest, services):
    hostile = ActionFactory(
        owner=brest, published=True, title='=HYPERLINK("http://evil.example","Voir")', summary="+cmd|' /C calc'!A0"
    )
    PlaceFactory(action=hostile, latitude=48.390394, longitude=-4.486076, citycode="29019")
    ActorFactory(action=hostile, name="@Association", contact_consent=True, email="asso@example.org")

    opendata.export_opendata(tmp_path)

    schema = Schema.from_descriptor(json.loads((tmp_path / opendata.SCHEMA_NAME).read_text(encoding="utf-8")))
    report = validate(Resource(path=opendata.CSV_NAME, basepath=str(tmp_path), schema=schema))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    row = next(csv.DictReader((tmp_path / opendata.CSV_NAME).open(encoding="utf-8")))
    assert row["titre"] == '\'=HYPERLINK("http://evil.example","Voir")'
    assert row["resume"] == "'+cmd|' /C calc'!A0"
    assert row["acteurs"] == "'@Association"
    assert row["longitude"] == "-4.486076"  # a number, left as it is
