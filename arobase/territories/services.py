"""Writes of territories: the import of the official snapshot (see data/README.md)."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arobase.territories.models import Territory, TerritoryKind, search_key

SNAPSHOT_FORMAT = 1
BATCH_SIZE = 1000

# The columns the import owns; anything else (label_category, foreign collectivités...) is left untouched.
MANAGED_FIELDS = (
    "name",
    "search_name",
    "siren",
    "population",
    "epci_type",
    "postal_codes",
    "zone",
    "latitude",
    "longitude",
    "country",
    "is_obsolete",
    "obsolete_since",
    "region_id",
    "departement_id",
    "epci_id",
)

Row = dict[str, Any]
Key = tuple[str, str]


class SnapshotError(ValueError):
    """The snapshot file cannot be read or is not in the expected format."""


@dataclass
class StageReport:
    kind: str
    in_source: int = 0
    created: int = 0
    updated: int = 0
    obsoleted: int = 0
    restored: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.obsoleted)

    def describe(self) -> str:
        label = TerritoryKind(self.kind).label
        return _(
            "%(label)s : %(in_source)s dans la source, %(created)s créé(e)s, %(updated)s modifié(e)s "
            "(dont %(restored)s rétabli(e)s), %(obsoleted)s devenu(e)s obsolètes"
        ) % {
            "label": label,
            "in_source": self.in_source,
            "created": self.created,
            "updated": self.updated,
            "restored": self.restored,
            "obsoleted": self.obsoleted,
        }


@dataclass
class ImportReport:
    stages: list[StageReport] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(stage.changed for stage in self.stages)

    def stage(self, kind: str) -> StageReport:
        return next(stage for stage in self.stages if stage.kind == kind)

    @property
    def created(self) -> int:
        return sum(stage.created for stage in self.stages)

    @property
    def updated(self) -> int:
        return sum(stage.updated for stage in self.stages)

    @property
    def obsoleted(self) -> int:
        return sum(stage.obsoleted for stage in self.stages)

    def summary(self) -> str:
        if not self.changed:
            return _("Aucun changement : les territoires sont déjà à jour.")
        return _("%(created)s créations, %(updated)s mises à jour, %(obsoleted)s territoires devenus obsolètes.") % {
            "created": self.created,
            "updated": self.updated,
            "obsoleted": self.obsoleted,
        }


def read_snapshot(path: Path) -> dict:
    """The snapshot as a dict; gzip-compressed (.gz) or plain JSON."""
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as stream:
            snapshot = json.load(stream)
    except (OSError, ValueError) as error:
        raise SnapshotError(
            _("Fichier de territoires illisible (%(path)s) : %(error)s")
            % {
                "path": path,
                "error": error,
            }
        ) from error
    if not isinstance(snapshot, dict) or snapshot.get("format") != SNAPSHOT_FORMAT:
        raise SnapshotError(_("Format de fichier de territoires inconnu : %(path)s") % {"path": path})
    return snapshot


def import_territories(
    *, source: Path, progress: Callable[[str], None] | None = None, today: date | None = None
) -> ImportReport:
    """Create or update régions, départements, EPCI and communes from the official snapshot.

    Idempotent: only rows that differ are written (a second run changes nothing). Territories of those kinds that
    vanished from the source are marked obsolete (never deleted); one that comes back is restored.
    Département and région populations are the sums of their communes; an EPCI lies in the département and région
    of its most populated member.
    """
    snapshot = read_snapshot(Path(source))
    today = today or timezone.localdate()
    notify = progress or (lambda message: None)
    tables = {name: _rows(snapshot, name) for name in ("regions", "departements", "communes", "epci")}
    communes = tables["communes"]

    population_by_departement: dict[str, int] = defaultdict(int)
    population_by_region: dict[str, int] = defaultdict(int)
    commune_by_code = {}
    for commune in communes:
        commune_by_code[commune["code"]] = commune
        population_by_departement[commune["departement"]] += commune["population"] or 0
        population_by_region[commune["region"]] += commune["population"] or 0

    report = ImportReport()
    ids: dict[Key, int] = {}

    def ref(kind: str, code: str | None) -> int | None:
        return ids.get((kind, code)) if code else None

    with transaction.atomic():
        desired = {
            row["code"]: _fields(name=row["name"], zone=row["zone"], population=population_by_region.get(row["code"]))
            for row in tables["regions"]
        }
        report.stages.append(_sync(TerritoryKind.REGION, desired, ids, today, notify))

        desired = {
            row["code"]: _fields(
                name=row["name"],
                zone=row["zone"],
                population=population_by_departement.get(row["code"]),
                region_id=ref(TerritoryKind.REGION, row["region"]),
            )
            for row in tables["departements"]
        }
        report.stages.append(_sync(TerritoryKind.DEPARTEMENT, desired, ids, today, notify))

        desired = {}
        for row in tables["epci"]:
            members = [commune_by_code[code] for code in row["members"] if code in commune_by_code]
            main = min(members, key=lambda c: (-(c["population"] or 0), c["code"]), default=None)
            desired[row["siren"]] = _fields(
                name=row["name"],
                siren=row["siren"],
                epci_type=row["type"],
                population=row["population"],
                zone=main["zone"] if main else "",
                departement_id=ref(TerritoryKind.DEPARTEMENT, main and main["departement"]),
                region_id=ref(TerritoryKind.REGION, main and main["region"]),
            )
        report.stages.append(_sync(TerritoryKind.EPCI, desired, ids, today, notify))

        desired = {
            row["code"]: _fields(
                name=row["name"],
                siren=row["siren"],
                population=row["population"],
                postal_codes=f" {row['postal_codes']} " if row["postal_codes"] else "",
                zone=row["zone"],
                latitude=row["lat"],
                longitude=row["lon"],
                departement_id=ref(TerritoryKind.DEPARTEMENT, row["departement"]),
                region_id=ref(TerritoryKind.REGION, row["region"]),
                epci_id=ref(TerritoryKind.EPCI, row["epci"]),
            )
            for row in communes
        }
        report.stages.append(_sync(TerritoryKind.COMMUNE, desired, ids, today, notify))

    if report.changed:
        # Fresh statistics let the query planner pick the search indexes right after a bulk load.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Territory._meta.db_table)}")
    notify(report.summary())
    return report


def _rows(snapshot: dict, table: str) -> list[Row]:
    try:
        columns = snapshot["fields"][table]
        return [dict(zip(columns, values, strict=True)) for values in snapshot[table]]
    except (KeyError, TypeError, ValueError) as error:
        raise SnapshotError(
            _("Table « %(table)s » absente ou mal formée dans le fichier de territoires.") % {"table": table}
        ) from error


def _fields(
    *,
    name: str,
    zone: str = "",
    siren: str = "",
    population: int | None = None,
    epci_type: str = "",
    postal_codes: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    region_id: int | None = None,
    departement_id: int | None = None,
    epci_id: int | None = None,
) -> Row:
    """The full value of every managed field of one official territory present in the source."""
    return {
        "name": name,
        "search_name": search_key(name),
        "siren": siren,
        "population": population,
        "epci_type": epci_type,
        "postal_codes": postal_codes,
        "zone": zone,
        "latitude": latitude,
        "longitude": longitude,
        "country": "FR",
        "is_obsolete": False,
        "obsolete_since": None,
        "region_id": region_id,
        "departement_id": departement_id,
        "epci_id": epci_id,
    }


def _sync(
    kind: str, desired: dict[str, Row], ids: dict[Key, int], today: date, notify: Callable[[str], None]
) -> StageReport:
    """Bring the territories of one kind in line with `desired` (by code); record their ids in `ids`."""
    stage = StageReport(kind=kind, in_source=len(desired))
    now = timezone.now()
    existing = {row["code"]: row for row in Territory.objects.filter(kind=kind).values("id", "code", *MANAGED_FIELDS)}

    to_create = []
    to_update = []
    changed_fields: set[str] = set()
    for code, values in desired.items():
        current = existing.get(code)
        if current is None:
            to_create.append(Territory(kind=kind, code=code, **values))
            continue
        differences = [name for name, value in values.items() if current[name] != value]
        if differences:
            if current["is_obsolete"]:
                stage.restored += 1
            changed_fields.update(differences)
            to_update.append(Territory(id=current["id"], updated_at=now, **values))

    for code, current in existing.items():
        if code not in desired and not current["is_obsolete"]:
            stage.obsoleted += 1
            changed_fields.update(("is_obsolete", "obsolete_since"))
            values = {name: current[name] for name in MANAGED_FIELDS}
            values.update(is_obsolete=True, obsolete_since=today)
            to_update.append(Territory(id=current["id"], updated_at=now, **values))

    if to_create:
        Territory.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        Territory.objects.bulk_update(to_update, fields=_model_fields(changed_fields), batch_size=BATCH_SIZE)
    stage.created = len(to_create)
    stage.updated = len(to_update) - stage.obsoleted

    if to_create:
        ids.update(((kind, code), pk) for code, pk in Territory.objects.filter(kind=kind).values_list("code", "id"))
    else:
        ids.update(((kind, code), row["id"]) for code, row in existing.items())
    notify(stage.describe())
    return stage


def _model_fields(names: Iterable[str]) -> list[str]:
    """Model field names for bulk_update ("region_id" -> "region"), plus updated_at."""
    return sorted({name.removesuffix("_id") for name in names} | {"updated_at"})
