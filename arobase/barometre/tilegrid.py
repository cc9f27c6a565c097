"""A tile-grid cartogram of France: one square per département at a (column, row) position that approximates its
place on the map (no contours are needed, every tile has the same weight). Overseas départements and collectivités
get tiles of their own in a separate band at the bottom. Pure data."""

from __future__ import annotations

# Rows from north to south, each "column:code" placing one département of metropolitan France.
_METROPOLE = """
6:62 7:59
5:76 6:80 7:02 8:08
2:50 3:14 4:27 5:60 6:95 7:51 8:55 9:57 10:67
0:29 1:22 2:35 3:61 4:28 5:78 6:93 7:77 8:52 9:54 10:88 11:68
1:56 2:53 3:72 4:45 5:92 6:75 7:94 8:10 9:70 10:90
1:44 2:49 3:37 4:41 5:91 6:89 7:21 8:25
1:85 2:79 3:86 4:36 5:18 6:58 7:71 8:39 9:01 10:74
2:17 3:16 4:87 5:23 6:03 7:42 8:69 9:38 10:73
2:33 3:24 4:19 5:63 6:43 7:07 8:26 9:05
2:40 3:47 4:46 5:15 6:48 7:30 8:84 9:04 10:06
2:64 3:32 4:82 5:81 6:12 7:34 8:13 9:83 11:2B
3:65 4:31 5:11 11:2A
4:09 5:66
"""
# Overseas, in a band of their own under the mainland (DROM first, then the collectivités d'outre-mer).
_OVERSEAS = ("971", "972", "973", "974", "976", "975", "977", "978", "984", "986", "987", "988", "989")
OVERSEAS_ROW_GAP = 1


def _positions() -> dict[str, tuple[int, int]]:
    positions: dict[str, tuple[int, int]] = {}
    rows = _METROPOLE.strip().splitlines()
    for row, line in enumerate(rows):
        for item in line.split():
            column, code = item.split(":")
            positions[code] = (int(column), row)
    overseas_row = len(rows) + OVERSEAS_ROW_GAP
    for column, code in enumerate(_OVERSEAS):
        positions[code] = (column, overseas_row)
    return positions


TILES: dict[str, tuple[int, int]] = _positions()
COLUMNS = max(column for column, _row in TILES.values()) + 1
ROWS = max(row for _column, row in TILES.values()) + 1
OVERSEAS_FIRST_ROW = ROWS - 1
