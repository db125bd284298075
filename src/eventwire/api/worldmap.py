"""Builds the dashboard's offline base map, `static/world.json`, from a Natural Earth countries shapefile.

Run once by a maintainer, not at run time:
    python -m eventwire.api.worldmap path/to/naturalearth_lowres.shp src/eventwire/api/static/world.json
The source is Natural Earth 1:110m admin-0 countries (public domain), as shipped in the PyPI wheel
geopandas==0.14.4 (geopandas/datasets/naturalearth_lowres/). Rings are simplified (Douglas-Peucker) and
stored as integer tenths of a degree, lon/lat interleaved, so the file stays small.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

TOLERANCE = 0.3  # degrees; enough for a dashboard-sized world map


def read_shapes(shp: Path) -> list[list[list[tuple[float, float]]]]:
    """The polygon rings of each record of an ESRI shapefile (polygon type only)."""
    data = shp.read_bytes()
    pos = 100
    out: list[list[list[tuple[float, float]]]] = []
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + 2 * words]
        pos += 8 + 2 * words
        (kind,) = struct.unpack("<i", body[:4])
        if kind != 5:
            out.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44 : 44 + 4 * n_parts])) + [n_points]
        xy = struct.unpack(f"<{2 * n_points}d", body[44 + 4 * n_parts : 44 + 4 * n_parts + 16 * n_points])
        points = list(zip(xy[0::2], xy[1::2], strict=True))
        out.append([points[parts[i] : parts[i + 1]] for i in range(n_parts)])
    return out


def read_dbf(dbf: Path) -> list[dict[str, str]]:
    data = dbf.read_bytes()
    n, header, size = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode()
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n):
        rec, off, row = data[header + i * size : header + (i + 1) * size], 1, {}
        for name, width in fields:
            row[name] = rec[off : off + width].decode("utf-8", "replace").strip()
            off += width
        rows.append(row)
    return rows


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = points[a], points[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, idx = 0.0, -1
        for i in range(a + 1, b):
            x, y = points[i]  # distance to the chord, or to its end when the chord is a point (closed ring)
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, idx = d, i
        if best > tol and idx > 0:
            keep[idx] = True
            stack += [(a, idx), (idx, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def build(shp: Path) -> dict:
    countries = []
    for rings, row in zip(read_shapes(shp), read_dbf(shp.with_suffix(".dbf")), strict=True):
        flat_rings = []
        for ring in rings:
            small = simplify(ring, TOLERANCE)
            flat = [v for x, y in small for v in (round(x * 10), round(y * 10))]
            if len(flat) >= 8:  # a triangle at least (closed ring)
                flat_rings.append(flat)
        if flat_rings:
            iso3 = row.get("iso_a3", "")
            countries.append({"iso3": "" if iso3 == "-99" else iso3, "name": row.get("name", ""), "rings": flat_rings})
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14.4",
        "scale": 10,
        "countries": countries,
    }


if __name__ == "__main__":
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    Path(dst).write_text(json.dumps(build(src), separators=(",", ":")))
    print(f"wrote {dst} ({Path(dst).stat().st_size // 1024} KiB)")
