from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry import shape

from maps.basemap import offline_basemap_bytes, offline_basemap_geojson

ROOT = Path(__file__).resolve().parents[2]


def _country(name: str) -> dict:
    found = [f for f in offline_basemap_geojson()["features"] if f["properties"]["name"] == name]
    assert len(found) == 1, name
    return found[0]


def test_is_a_feature_collection_of_valid_polygons() -> None:
    data = offline_basemap_geojson()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) > 150
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "MultiPolygon"
        geom = shape(feature["geometry"])
        assert geom.is_valid, feature["properties"]["name"]
        west, south, east, north = geom.bounds
        assert -180 <= west <= east <= 180 and -90 <= south <= north <= 90


def test_names_its_source_and_licence() -> None:
    source = offline_basemap_geojson()["source"]
    assert "Natural Earth" in source["name"]
    assert source["license"] == "public domain"


@pytest.mark.parametrize(
    ("country", "lat", "lon"),
    [
        ("Libya", 27.04, 14.43),
        ("Libya", 29.03, 21.55),
        ("Sudan", 15.5, 32.5),
        ("Turkey", 39.9, 32.9),
    ],
)
def test_places_fall_in_their_country(country: str, lat: float, lon: float) -> None:
    # Sabha, Jalu, Khartoum and Ankara, in (lat, lon): GeoJSON order is (lon, lat).
    assert shape(_country(country)["geometry"]).contains(ShapelyPoint(lon, lat))


def test_libya_does_not_claim_tripoli_lebanon() -> None:
    assert not shape(_country("Libya")["geometry"]).contains(ShapelyPoint(35.85, 34.44))


def test_small_enough_to_embed() -> None:
    assert 50_000 < len(offline_basemap_bytes()) < 400_000


def test_callers_get_fresh_copies() -> None:
    first = offline_basemap_geojson()
    first["features"].clear()
    assert offline_basemap_geojson()["features"]


def test_generator_reproduces_the_asset_exactly() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "make_basemap.py"))
    assert script["render"]().encode("utf-8") == offline_basemap_bytes()
