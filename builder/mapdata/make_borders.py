"""Make ``borders.json`` from a Natural Earth admin-0 countries shapefile (run by hand, not by the build).

Usage (with the pyshp package, which the build does not need)::

    python builder/mapdata/make_borders.py ne_10m_admin_0_countries_deu.shp builder/mapdata/borders.json

Each country keeps its ISO 3166-1 numeric code, its name and its rings,
simplified (Douglas–Peucker, :data:`TOLERANCE` degrees) and quantized to
:data:`QUANTUM` degrees, each ring written as its first point and then steps,
so the whole world fits in a few hundred kilobytes; the maps draw at most a
few pixels per tenth of a degree.
"""

from __future__ import annotations

import json
import sys
from itertools import pairwise

TOLERANCE = 0.02
"""Largest distance, in degrees, by which a simplified border may stray from the original (about 2 km)."""
QUANTUM = 0.01
"""Grid, in degrees, the coordinates are rounded to."""


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: the fewest of ``points`` that keep the line within ``tolerance`` of the original."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
        far, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                distance = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if distance > far:
                far, index = distance, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def main(shapefile_path: str, out_path: str) -> None:
    import shapefile  # pyshp

    reader = shapefile.Reader(shapefile_path)
    fields = [f[0] for f in reader.fields[1:]]
    countries = []
    for shape_record in reader.iterShapeRecords():
        record = dict(zip(fields, shape_record.record))
        points = shape_record.shape.points
        starts = [*shape_record.shape.parts, len(points)]
        rings = []
        for a, b in pairwise(starts):
            ring = simplify([(x, y) for x, y in points[a:b]], TOLERANCE)
            grid = [(round(x / QUANTUM), round(y / QUANTUM)) for x, y in ring]
            grid = [p for i, p in enumerate(grid) if i == 0 or p != grid[i - 1]]
            if len(grid) < 4:
                continue  # an islet smaller than the grid
            steps = [grid[0][0], grid[0][1]]
            for (x0, y0), (x1, y1) in pairwise(grid):
                steps += [x1 - x0, y1 - y0]
            rings.append(steps)
        if rings:
            code = str(record.get("ISO_N3", "")).strip()
            countries.append({"id": code if code and code != "-99" else record["ADM0_A3"], "name": record["NAME"], "rings": rings})
    countries.sort(key=lambda c: (c["name"], c["id"]))
    document = {
        "source": "Natural Earth 5.1.1, ne_10m_admin_0_countries_deu (point of view of Germany), public domain",
        "tolerance": TOLERANCE,
        "quantum": QUANTUM,
        "countries": countries,
    }
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(document, out, separators=(",", ":"), ensure_ascii=False)
        out.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
