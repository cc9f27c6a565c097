"""Open data of the Atlaas: the published actions as CSV (with its Table Schema) and GeoJSON (RFC 7946).

Written by `manage.py export_opendata` into `settings.ATLAAS_OPENDATA_DIR` (files replaced atomically), served by
/atlaas/donnees/. Licence Ouverte 2.0 (Etalab). No personal data of anyone who did not consent: actors are listed
by name only when they are organisations or people who agreed to publish their details (`contact_consent`), and
contact details only with that consent. See docs/opendata.md.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch

from arobase.actions.models import ActionStatus, Actor
from arobase.atlaas.public_selectors import ActionFilters, public_actions
from arobase.core.spreadsheet import SafeDictWriter

CSV_NAME = "atlaas-actions.csv"
SCHEMA_NAME = "atlaas-actions.schema.json"
GEOJSON_NAME = "atlaas-actions.geojson"
FILES = {
    CSV_NAME: "text/csv; charset=utf-8",
    SCHEMA_NAME: "application/json",
    GEOJSON_NAME: "application/geo+json",
}
LICENCE = "Licence Ouverte 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"

SCHEMA = {
    "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
    "name": "atlaas-actions",
    "title": "Actions publiées de l'Atlaas (label Territoires, Villes et Villages Internet)",
    "description": "Une ligne par action publiée. Les listes de codes sont séparées par « | ».",
    "licenses": [{"name": "etalab-2.0", "title": LICENCE, "path": LICENCE_URL}],
    "primaryKey": "id",
    "missingValues": [""],
    "fields": [
        {"name": "id", "type": "integer", "title": "Identifiant", "constraints": {"required": True, "unique": True}},
        {"name": "titre", "type": "string", "constraints": {"required": True}},
        {"name": "resume", "type": "string", "title": "Résumé"},
        {"name": "statut", "type": "string", "constraints": {"enum": ["planned", "ongoing", "done"]},
         "description": "planned (prévue), ongoing (en cours), done (réalisée)"},
        {"name": "statut_libelle", "type": "string", "title": "Statut (en français)",
         "constraints": {"enum": ["prévue", "en cours", "réalisée"]}},
        {"name": "date_debut", "type": "date", "format": "%Y-%m-%d"},
        {"name": "date_fin", "type": "date", "format": "%Y-%m-%d"},
        {"name": "derniere_mise_a_jour", "type": "datetime", "format": "%Y-%m-%dT%H:%M:%SZ",
         "description": "Dernière publication ou mise à jour publiée (UTC) : la date qui compte pour le label."},
        {"name": "edition_referentiel", "type": "integer"},
        {"name": "services", "type": "string", "description": "Codes des services du référentiel, séparés par « | »."},
        {"name": "collectivite_code", "type": "string", "title": "Code INSEE (commune) ou SIREN (EPCI)",
         "constraints": {"required": True}},
        {"name": "collectivite_siren", "type": "string", "constraints": {"pattern": "[0-9]{9}"}},
        {"name": "collectivite_nom", "type": "string"},
        {"name": "collectivite_type", "type": "string"},
        {"name": "partenaires", "type": "string", "description": "Codes des collectivités partenaires, « | »."},
        {"name": "latitude", "type": "number", "constraints": {"minimum": -90, "maximum": 90},
         "description": "WGS 84, premier lieu géolocalisé de l'action."},
        {"name": "longitude", "type": "number", "constraints": {"minimum": -180, "maximum": 180}},
        {"name": "lieux_codes_insee", "type": "string", "description": "Codes INSEE des lieux, « | »."},
        {"name": "acteurs", "type": "string",
         "description": "Organisations, et personnes ayant accepté la publication, séparées par « | »."},
        {"name": "contacts", "type": "string",
         "description": "Coordonnées des seuls acteurs ayant accepté leur publication, « | »."},
        {"name": "url", "type": "string", "format": "uri"},
    ],
}  # fmt: skip
COLUMNS = [field["name"] for field in SCHEMA["fields"]]
# French labels beside the codes, fixed in the file whatever the language of the request or the worker.
STATUS_LABELS = {ActionStatus.PLANNED: "prévue", ActionStatus.ONGOING: "en cours", ActionStatus.DONE: "réalisée"}


def output_dir() -> Path:
    return Path(settings.ATLAAS_OPENDATA_DIR)


def _actions():
    listed = Actor.objects.only("id", "action_id", "kind", "name", "email", "phone", "contact_consent")
    return (
        public_actions(ActionFilters())
        .prefetch_related(Prefetch("actors", queryset=listed.order_by("position", "pk")))
        .order_by("pk")
    )


def _utc(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def _row(action, base_url: str) -> dict:
    places = list(action.places.all())
    located = next((p for p in places if p.latitude is not None and p.longitude is not None), None)
    actors = list(action.actors.all())
    owner = action.owner
    return {
        "id": action.pk,
        "titre": action.title,
        "resume": action.summary,
        "statut": action.status,
        "statut_libelle": STATUS_LABELS.get(action.status, ""),
        "date_debut": action.start_date.isoformat() if action.start_date else "",
        "date_fin": action.end_date.isoformat() if action.end_date else "",
        "derniere_mise_a_jour": _utc(action.last_activity_at),
        "edition_referentiel": action.edition.year,
        "services": "|".join(s.code for s in action.services.all()),
        "collectivite_code": owner.code,
        "collectivite_siren": owner.siren if owner.siren and len(owner.siren) == 9 else "",
        "collectivite_nom": owner.name,
        "collectivite_type": owner.kind,
        "partenaires": "|".join(p.territory.code for p in action.partnerships.all()),
        "latitude": round(located.latitude, 6) if located else "",
        "longitude": round(located.longitude, 6) if located else "",
        "lieux_codes_insee": "|".join(dict.fromkeys(p.citycode for p in places if p.citycode)),
        "acteurs": "|".join(a.name for a in actors if a.is_public),
        "contacts": "|".join(
            " ".join(filter(None, (a.name, a.public_contact.get("email"), a.public_contact.get("phone"))))
            for a in actors
            if a.contact_consent and a.public_contact
        ),
        "url": f"{base_url}{action.get_absolute_url()}",
    }


def _feature(row: dict) -> dict:
    geometry = None
    if row["latitude"] != "" and row["longitude"] != "":
        geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}  # RFC 7946: lon, lat
    properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude", "contacts")}
    return {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": properties}


def _atomic_write(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            write(handle)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export_opendata(directory: Path | None = None, *, base_url: str = "") -> dict[str, int]:
    """Write the three files; returns {"actions": n, "located": m}."""
    directory = Path(directory or output_dir())
    directory.mkdir(parents=True, exist_ok=True)
    base_url = (base_url or getattr(settings, "SITE_URL", "") or "").rstrip("/")
    counts = {"actions": 0, "located": 0}

    def write_csv(handle):
        writer = SafeDictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for action in _actions().iterator(chunk_size=2000):
            writer.writerow(_row(action, base_url))

    def write_geojson(handle):
        handle.write('{"type":"FeatureCollection","features":[')
        first = True
        for action in _actions().iterator(chunk_size=2000):
            row = _row(action, base_url)
            counts["actions"] += 1
            counts["located"] += row["latitude"] != ""
            handle.write(("" if first else ",\n") + json.dumps(_feature(row), ensure_ascii=False))
            first = False
        handle.write("]}\n")

    _atomic_write(directory / CSV_NAME, write_csv)
    _atomic_write(directory / SCHEMA_NAME, lambda h: json.dump(SCHEMA, h, ensure_ascii=False, indent=2))
    _atomic_write(directory / GEOJSON_NAME, write_geojson)
    return counts


def available_files() -> list[dict]:
    found = []
    for name, content_type in FILES.items():
        path = output_dir() / name
        if path.is_file():
            stat = path.stat()
            modified = datetime.fromtimestamp(stat.st_mtime, tz=UTC)
            found.append({"name": name, "size": stat.st_size, "modified": modified, "type": content_type})
    return found


def file_path(name: str) -> Path | None:
    if name not in FILES:
        return None
    path = output_dir() / name
    return path if path.is_file() else None


def content_type(name: str) -> str:
    return FILES.get(name, "application/octet-stream")
