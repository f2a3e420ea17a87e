"""The shipped force area layer, compared with ONS, and loading a user's own file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import shapely

from countylines.draw.maps import boundaries
from countylines.draw.maps.boundaries import BoundaryError, load_force_areas, load_force_areas_or_default

REPO = Path(__file__).resolve().parents[1]
ONS_PFA = Path(__file__).resolve().parents[2] / "shared/reference/ons_pfa_dec2023_bsc/PFA_DEC_2023_EW_BSC.shp"
needs_ons = pytest.mark.skipif(
    not ONS_PFA.exists(), reason="the ONS Dec 2023 PFA reference layer (../shared) is not here"
)

CITY = "E23000034"


@pytest.fixture(scope="module")
def shipped():
    return load_force_areas()


@pytest.fixture(scope="module")
def forces():
    return pd.read_csv(REPO / "data" / "forces.csv", dtype=str)


def test_shipped_layer_has_the_43_forces_named_as_in_forces_csv(shipped, forces):
    assert len(shipped) == 43
    assert dict(zip(shipped["code"], shipped["name"], strict=True)) == dict(
        zip(forces["code"], forces["name"], strict=True)
    )
    assert list(shipped.columns) == ["code", "name", "geometry", "anchor_x", "anchor_y"]


def test_shipped_layer_is_reprojected_to_british_national_grid_to_draw(shipped):
    assert shipped.crs.to_epsg() == 27700
    minx, miny, maxx, maxy = shipped.total_bounds
    # Scilly to Lowestoft, the Lizard to the Scottish border, in metres.
    assert 70_000 < minx < 140_000 and 640_000 < maxx < 660_000
    assert 0 <= miny < 20_000 and 640_000 < maxy < 660_000


SHIPPED_FILE = REPO / "data" / "boundaries" / "police_force_areas.geojson"


@pytest.fixture(scope="module")
def shipped_json():
    return json.loads(SHIPPED_FILE.read_text(encoding="utf-8"))


def _rings(geometry: dict):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        yield polygon[0], polygon[1:]


def test_shipped_file_is_rfc_7946_geojson(shipped_json, forces):
    assert SHIPPED_FILE.stat().st_size < 1_000_000
    assert "crs" not in shipped_json  # RFC 7946 section 4: WGS84 only, no crs member
    assert sorted(f["properties"]["code"] for f in shipped_json["features"]) == sorted(forces["code"])
    points = [
        point
        for feature in shipped_json["features"]
        for exterior, holes in _rings(feature["geometry"])
        for ring in (exterior, *holes)
        for point in ring
    ]
    longitudes = [p[0] for p in points]
    latitudes = [p[1] for p in points]
    # Longitude then latitude, in degrees: the Isles of Scilly to Lowestoft, the Lizard to
    # the Scottish border (British National Grid metres would be in the hundreds of thousands).
    assert -6.5 < min(longitudes) < -6.2 and 1.7 < max(longitudes) < 1.8
    assert 49.8 < min(latitudes) < 50.0 and 55.7 < max(latitudes) < 55.9
    assert all(len(p) == 2 for p in points)


def test_shipped_file_rings_follow_the_right_hand_rule(shipped_json):
    for feature in shipped_json["features"]:
        for exterior, holes in _rings(feature["geometry"]):
            assert exterior[0] == exterior[-1] and len(exterior) >= 4
            assert shapely.LinearRing(exterior).is_ccw, feature["properties"]["name"]  # exterior anticlockwise
            assert not any(shapely.LinearRing(hole).is_ccw for hole in holes)  # holes clockwise
        assert shapely.geometry.shape(feature["geometry"]).is_valid, feature["properties"]["name"]


def test_shipped_anchors_are_longitude_latitude_inside_their_areas(shipped_json):
    for feature in shipped_json["features"]:
        anchor = shapely.Point(feature["properties"]["anchor_lon"], feature["properties"]["anchor_lat"])
        assert shapely.geometry.shape(feature["geometry"]).contains(anchor), feature["properties"]["name"]


def test_maps_draw_the_same_shapes_as_the_10_m_grid_they_were_built_on(shipped):
    """Six decimals of a degree come back to within 0.2 m of the whole 10 m grid in British
    National Grid, so the maps (drawn in whole metres) are the shapes the build made."""
    import numpy as np

    coordinates = shapely.get_coordinates(shipped.geometry.values)
    off_grid = np.abs(coordinates - np.round(coordinates / 10) * 10)
    assert off_grid.max() < 0.2


def test_shipped_areas_are_valid_and_share_edges_exactly(shipped):
    assert shipped.geometry.is_valid.all()
    assert shapely.coverage_is_valid(shipped.geometry.values)


def test_every_anchor_is_inside_its_own_area_city_of_london_included(shipped):
    for row in shipped.itertuples():
        assert row.geometry.contains(shapely.Point(row.anchor_x, row.anchor_y)), row.name
    city = shipped.set_index("code").loc[CITY]
    assert city.geometry.area < 5_000_000  # about 3 km², so it still needs its own marker


@needs_ons
def test_shipped_layer_overlaps_the_ons_layer_for_every_force(shipped):
    import geopandas as gpd

    ons = gpd.read_file(ONS_PFA).to_crs(27700)
    ons_by_code = dict(zip(ons["PFA23CD"], ons.geometry.make_valid(), strict=True))
    assert set(ons_by_code) == set(shipped["code"])
    overlaps = {}
    for row in shipped.itertuples():
        official = ons_by_code[row.code]
        common = row.geometry.intersection(official).area
        overlaps[row.code] = min(common / official.area, common / row.geometry.area)
    low = {code: round(share, 3) for code, share in overlaps.items() if share < 0.95}
    assert set(low) <= {CITY}, low
    # The City is tiny, but the shipped shape must still be the City and not a blob.
    assert overlaps[CITY] > 0.75


# --- a user's own boundary file ------------------------------------------------------


def _as_ons_file(shipped, path: Path, drop: tuple[str, ...] = (), crs: int = 4326) -> Path:
    """Write the shipped layer the way ONS publishes it: PFA23CD/PFA23NM, another CRS."""
    chosen = shipped[~shipped["code"].isin(drop)]
    official = chosen.rename(columns={"code": "PFA23CD", "name": "PFA23NM"})
    official = official[["PFA23CD", "PFA23NM", "geometry"]].to_crs(crs)
    official.to_file(path)
    return path


def test_user_geopackage_in_wgs84_loads_as_27700_with_anchors(shipped, tmp_path):
    path = _as_ons_file(shipped, tmp_path / "pfa.gpkg")
    areas = load_force_areas(path)
    assert areas.crs.to_epsg() == 27700
    assert sorted(areas["code"]) == sorted(shipped["code"])
    assert list(areas.columns) == ["code", "name", "geometry", "anchor_x", "anchor_y"]
    for row in areas.itertuples():
        assert row.geometry.contains(shapely.Point(row.anchor_x, row.anchor_y)), row.name
    norfolk = areas.set_index("code").loc["E23000024"].geometry
    shipped_norfolk = shipped.set_index("code").loc["E23000024"].geometry
    assert norfolk.intersection(shipped_norfolk).area / shipped_norfolk.area > 0.97


def test_user_shapefile_with_other_field_names_loads(shipped, tmp_path):
    chosen = shipped.rename(columns={"code": "PFA22CD", "name": "PFA22NM"})
    path = tmp_path / "pfa.shp"
    chosen[["PFA22CD", "PFA22NM", "geometry"]].to_file(path)
    assert len(load_force_areas(path)) == 43


@needs_ons
def test_the_official_ons_file_loads_and_stays_small(tmp_path):
    areas = load_force_areas(ONS_PFA)
    assert len(areas) == 43
    path = tmp_path / "ons.geojson"
    path.write_text(boundaries.force_areas_geojson(areas), encoding="utf-8")
    assert path.stat().st_size < 1_000_000


def test_user_file_missing_two_forces_names_them(shipped, tmp_path):
    path = _as_ons_file(shipped, tmp_path / "short.gpkg", drop=(CITY, "W15000004"))
    with pytest.raises(BoundaryError) as raised:
        load_force_areas(path)
    message = str(raised.value)
    assert "41 of the 43" in message
    assert "E23000034 City of London" in message
    assert "W15000004 Dyfed-Powys" in message
    assert str(path) in message


def test_user_file_with_an_area_that_is_not_a_force_is_refused(shipped, tmp_path):
    extra = shipped.copy()
    extra.loc[0, "code"] = "E23000099"
    path = _as_ons_file(extra, tmp_path / "extra.gpkg")
    with pytest.raises(BoundaryError, match="E23000099"):
        load_force_areas(path)


def test_garbage_file_raises_boundary_error(tmp_path):
    path = tmp_path / "pfa.geojson"
    path.write_text("this is not a map", encoding="utf-8")
    with pytest.raises(BoundaryError, match="could not be read"):
        load_force_areas(path)


def test_file_without_a_code_column_raises_boundary_error(shipped, tmp_path):
    path = tmp_path / "nocode.gpkg"
    shipped[["name", "geometry"]].to_file(path)
    with pytest.raises(BoundaryError, match="no column of police force area codes"):
        load_force_areas(path)


def test_missing_file_raises_boundary_error(tmp_path):
    with pytest.raises(BoundaryError, match="does not exist"):
        load_force_areas(tmp_path / "nowhere.shp")


def test_fallback_returns_the_shipped_layer_and_says_why(shipped, tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text("{", encoding="utf-8")
    areas, message = load_force_areas_or_default(path)
    assert sorted(areas["code"]) == sorted(shipped["code"])
    assert message is not None
    assert str(path) in message and "shipped with the dashboard" in message


def test_fallback_is_silent_when_the_file_is_good_or_absent(shipped, tmp_path):
    areas, message = load_force_areas_or_default(None)
    assert message is None and len(areas) == 43
    areas, message = load_force_areas_or_default(_as_ons_file(shipped, tmp_path / "ok.gpkg"))
    assert message is None and len(areas) == 43


def test_attribution_names_ons_and_the_licence():
    assert boundaries.ATTRIBUTION.startswith("Source: Office for National Statistics")
    assert "Open Government Licence v.3.0" in boundaries.ATTRIBUTION
