import gzip
import json
from collections import Counter
from pathlib import Path

from django.conf import settings

from arobase.barometre import tilegrid


def _snapshot_departements() -> list[str]:
    path = Path(settings.BASE_DIR) / "data" / "territories.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        snapshot = json.load(handle)
    return [row[0] for row in snapshot["departements"]]


def test_every_departement_of_the_snapshot_has_exactly_one_tile():
    listed = Counter(item.split(":")[1] for item in tilegrid._METROPOLE.split()) + Counter(tilegrid._OVERSEAS)
    codes = _snapshot_departements()
    assert sorted(codes) == sorted(listed)
    assert all(count == 1 for count in listed.values())
    assert set(tilegrid.TILES) == set(codes)


def test_tiles_never_overlap_and_overseas_are_apart():
    positions = list(tilegrid.TILES.values())
    assert len(positions) == len(set(positions))
    mainland_rows = {row for code, (_c, row) in tilegrid.TILES.items() if code not in tilegrid._OVERSEAS}
    assert max(mainland_rows) < tilegrid.OVERSEAS_FIRST_ROW
    assert {tilegrid.TILES[code][1] for code in tilegrid._OVERSEAS} == {tilegrid.OVERSEAS_FIRST_ROW}
