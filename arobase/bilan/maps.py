"""Maps drawn on the server as SVG, from coordinates alone (no tiles): a pure projection, no database.

Points are projected equirectangularly around their mean latitude (longitudes shrunk by its cosine, so that
shapes are not stretched at French latitudes), then scaled to fit the drawing with a margin, north up. A single
point, or points at one place, land in the centre.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MEMBER_RADIUS = (4, 20)  # smallest and largest disc of a member commune, in map units


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float


def project(
    coordinates: Sequence[tuple[float, float]], *, width: float = 600, height: float = 400, margin: float = 20
) -> list[MapPoint]:
    """`(latitude, longitude)` pairs to points inside `width` × `height`, keeping proportions."""
    if not coordinates:
        return []
    mean_latitude = sum(lat for lat, _lon in coordinates) / len(coordinates)
    shrink = math.cos(math.radians(mean_latitude))
    xs = [lon * shrink for _lat, lon in coordinates]
    ys = [-lat for lat, _lon in coordinates]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    scale = min(inner_w / span_x if span_x else math.inf, inner_h / span_y if span_y else math.inf)
    if math.isinf(scale):
        scale = 0.0
    offset_x = margin + (inner_w - span_x * scale) / 2
    offset_y = margin + (inner_h - span_y * scale) / 2
    return [
        MapPoint(x=round(offset_x + (x - min(xs)) * scale, 1), y=round(offset_y + (y - min(ys)) * scale, 1))
        for x, y in zip(xs, ys, strict=True)
    ]


def member_radius(lit_services: int, most_lit: int) -> float:
    """The disc of a member commune on the map: its area grows with its lit services, from the smallest disc (none)
    to the largest (the most lit member), so that a commune lighting 90 services does not cover the map."""
    smallest, largest = MEMBER_RADIUS
    if lit_services <= 0 or most_lit <= 0:
        return smallest
    return round(smallest + (largest - smallest) * math.sqrt(lit_services / most_lit), 1)
