"""Police force area boundaries: the shipped layer, or a user's own ONS file, checked.

The shipped file is RFC 7946 GeoJSON: WGS84 longitude/latitude, exterior rings
anticlockwise (the right-hand rule), no ``crs`` member, so any web tool places it right.
Every layer returned here is reprojected to British National Grid (EPSG:27700, metres),
which the maps draw in, with the columns ``code``, ``name``, ``geometry``, ``anchor_x``
and ``anchor_y``. The anchor is a point inside the force area (the pole of inaccessibility
of its largest part), where flow lines start and end.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.ops import polylabel

from countylines.settings import DATA_DIR

BNG = "EPSG:27700"
WGS84 = "EPSG:4326"
# Six decimal places of a degree is about 0.1 m: the 10 m grid of the simplified layer
# comes back to the same whole metres in British National Grid.
DECIMALS = 6
SHIPPED_LAYER = DATA_DIR / "boundaries" / "police_force_areas.geojson"
FORCES_CSV = DATA_DIR / "forces.csv"

# Metres. Keeps all 43 areas at about 0.3 MB while every force but the 3 km² City of
# London still overlaps the ONS outline by more than 95%.
SIMPLIFY_TOLERANCE_M = 250.0
# Coordinates are kept to 10 m: finer detail cannot be seen at national scale.
GRID_M = 10.0
# Islands smaller than this (0.2 km²) are rocks at national scale and only add weight.
MIN_PART_AREA_M2 = 200_000.0

ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government "
    "Licence v.3.0. Contains OS data © Crown copyright and database right 2011."
)

_CODE_PATTERN = re.compile(r"^(E23|W15)\d{6}$")


class BoundaryError(ValueError):
    """A boundary file that cannot be used; the message is one sentence for a user."""


def expected_forces() -> pd.DataFrame:
    """The 43 forces (code, name) the dashboard knows, from data/forces.csv."""
    return pd.read_csv(FORCES_CSV, usecols=["code", "name"], dtype=str)


def load_force_areas(path: str | Path | None = None) -> gpd.GeoDataFrame:
    """Read the shipped layer (path None) or a user's ONS police force area file, checked."""
    if path is None:
        return _read_shipped_layer()
    return _read_user_layer(Path(path))


def load_force_areas_or_default(
    path: str | Path | None,
) -> tuple[gpd.GeoDataFrame, str | None]:
    """The user's layer if it can be used, else the shipped layer and a sentence saying why."""
    if path is None:
        return load_force_areas(None), None
    try:
        return load_force_areas(path), None
    except BoundaryError as problem:
        message = f"{problem} The map uses the boundaries shipped with the dashboard instead."
        return load_force_areas(None), message


def simplify_areas(geometries, tolerance: float = SIMPLIFY_TOLERANCE_M) -> np.ndarray:
    """Simplify a coverage of areas (metres) so neighbours keep identical shared edges."""
    snapped = shapely.set_precision(np.asarray(geometries, dtype=object), 1.0)
    simplified = shapely.coverage_simplify(snapped, tolerance)
    rounded = shapely.set_precision(simplified, GRID_M)
    return np.array([_drop_specks(geometry) for geometry in rounded], dtype=object)


def anchor_points(geometries) -> tuple[np.ndarray, np.ndarray]:
    """A point inside each area: the pole of inaccessibility of its largest part."""
    xs, ys = [], []
    for geometry in geometries:
        parts = shapely.get_parts(geometry)
        largest = parts[np.argmax(shapely.area(parts))]
        # 50 m is finer than any shape detail left after simplification.
        point = polylabel(largest, tolerance=50.0)
        if not largest.contains(point):
            point = largest.point_on_surface()
        xs.append(round(point.x))
        ys.append(round(point.y))
    return np.array(xs), np.array(ys)


def force_areas_geojson(areas: gpd.GeoDataFrame) -> str:
    """RFC 7946 GeoJSON text of a layer: WGS84 longitude/latitude to six decimals, exterior
    rings anticlockwise and holes clockwise, no ``crs`` member; each area's anchor as
    ``anchor_lon`` / ``anchor_lat``."""
    lonlat = areas.to_crs(WGS84)
    anchors = gpd.GeoSeries(gpd.points_from_xy(areas["anchor_x"], areas["anchor_y"]), crs=areas.crs).to_crs(WGS84)
    features = []
    for row, anchor in zip(lonlat.itertuples(index=False), anchors, strict=True):
        geometry = shapely.geometry.mapping(shapely.orient_polygons(row.geometry, exterior_cw=False))
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": row.code,
                    "name": row.name,
                    "anchor_lon": round(anchor.x, DECIMALS),
                    "anchor_lat": round(anchor.y, DECIMALS),
                },
                "geometry": {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])},
            }
        )
    collection = {"type": "FeatureCollection", "name": "police_force_areas", "features": features}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False)


def _read_shipped_layer() -> gpd.GeoDataFrame:
    # RFC 7946 has one coordinate system, so the file names none; say so for the reader.
    areas = gpd.read_file(SHIPPED_LAYER).set_crs(WGS84, allow_override=True)
    anchors = gpd.GeoSeries(gpd.points_from_xy(areas["anchor_lon"], areas["anchor_lat"]), crs=WGS84).to_crs(BNG)
    areas = areas.to_crs(BNG)
    # int64: int32 overflows when distances are squared.
    areas["anchor_x"] = np.round(anchors.x.to_numpy()).astype("int64")
    areas["anchor_y"] = np.round(anchors.y.to_numpy()).astype("int64")
    return areas[["code", "name", "geometry", "anchor_x", "anchor_y"]]


def _read_user_layer(path: Path) -> gpd.GeoDataFrame:
    if not path.exists():
        raise BoundaryError(f"The boundary file {path} does not exist.")
    try:
        raw = gpd.read_file(path)
    except Exception as problem:  # pyogrio raises several types; all mean "cannot read"
        reason = str(problem).splitlines()[0] if str(problem) else type(problem).__name__
        raise BoundaryError(
            f"The boundary file {path} could not be read as GeoJSON, GeoPackage or shapefile ({reason})."
        ) from problem
    if raw.empty or raw.geometry.isna().all():
        raise BoundaryError(f"The boundary file {path} holds no areas.")

    code_column = _find_code_column(raw)
    if code_column is None:
        raise BoundaryError(
            f"The boundary file {path} has no column of police force area codes "
            "(like PFA23CD, with values such as E23000001)."
        )
    raw = raw[raw.geometry.notna() & ~raw.geometry.is_empty]
    codes = raw[code_column].astype(str).str.strip()
    _check_codes(path, set(codes))

    raw = raw.assign(code=codes)
    raw = _to_bng(path, raw)
    raw["geometry"] = shapely.make_valid(raw.geometry.values)
    polygons = raw.geometry.apply(_polygonal_part)
    areas = gpd.GeoDataFrame({"code": raw["code"].values}, geometry=polygons.values, crs=BNG)
    areas = areas.dissolve("code", as_index=False)

    forces = expected_forces()
    areas = forces.merge(areas, on="code", how="left")
    areas = gpd.GeoDataFrame(areas, geometry="geometry", crs=BNG)
    areas["geometry"] = simplify_areas(areas.geometry.values)
    areas["anchor_x"], areas["anchor_y"] = anchor_points(areas.geometry.values)
    return areas[["code", "name", "geometry", "anchor_x", "anchor_y"]]


def _find_code_column(frame: pd.DataFrame) -> str | None:
    """The column whose values most look like E23/W15 force codes, if any does."""
    best, best_share = None, 0.0
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        values = frame[column].dropna().astype(str).str.strip()
        if values.empty:
            continue
        share = values.map(lambda value: bool(_CODE_PATTERN.match(value))).mean()
        if share > best_share:
            best, best_share = column, share
    return best if best_share >= 0.5 else None


def _check_codes(path: Path, codes: set[str]) -> None:
    forces = expected_forces()
    names = dict(zip(forces["code"], forces["name"], strict=True))
    missing = [code for code in forces["code"] if code not in codes]
    unexpected = sorted(codes - set(names))
    problems = []
    if missing:
        listed = ", ".join(f"{code} {names[code]}" for code in missing)
        problems.append(f"missing {listed}")
    if unexpected:
        shown = ", ".join(unexpected[:5]) + (" and more" if len(unexpected) > 5 else "")
        problems.append(f"areas that are not among the 43 forces: {shown}")
    if problems:
        found = len(set(names) & codes)
        raise BoundaryError(
            f"The boundary file {path} has {found} of the 43 force areas: " + "; ".join(problems) + "."
        )


def _to_bng(path: Path, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if frame.crs is None:
        # Some exports lose their .prj; the numbers tell degrees from metres.
        minx, miny, maxx, maxy = frame.total_bounds
        if minx >= -9 and maxx <= 3 and miny >= 49 and maxy <= 56:
            frame = frame.set_crs("EPSG:4326")
        elif minx >= 0 and maxx <= 700_000 and miny >= 0 and maxy <= 1_300_000:
            frame = frame.set_crs(BNG)
        else:
            raise BoundaryError(f"The boundary file {path} does not say which coordinate system it uses.")
    try:
        return frame.to_crs(BNG)
    except Exception as problem:
        raise BoundaryError(
            f"The boundary file {path} could not be converted to British National Grid ({problem})."
        ) from problem


def _polygonal_part(geometry):
    """Only the polygons of a geometry (make_valid can add stray lines or points)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [part for part in shapely.get_parts(geometry) if part.geom_type == "Polygon"]
    return shapely.multipolygons(parts) if parts else shapely.Polygon()


def _drop_specks(geometry):
    """Drop islands under MIN_PART_AREA_M2, keeping at least the largest part."""
    parts = shapely.get_parts(geometry)
    parts = parts[shapely.get_type_id(parts) == shapely.GeometryType.POLYGON]
    if len(parts) == 0:
        return geometry
    areas = shapely.area(parts)
    keep = parts[(areas >= MIN_PART_AREA_M2) | (areas == areas.max())]
    return keep[0] if len(keep) == 1 else shapely.multipolygons(keep)


def _rounded(coordinates):
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [round(value, DECIMALS) for value in coordinates[:2]]
    return [_rounded(inner) for inner in coordinates]
