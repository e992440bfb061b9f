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


@pytest.mark.parametrize(
    ("lat", "lon"),
    [(31.205, 16.588), (32.375, 15.092), (32.115, 20.068), (32.888, 13.191), (32.793, 12.488)],
)
def test_libyan_coastal_towns_are_on_land(lat: float, lon: float) -> None:
    # Sirte, Misrata, Benghazi, Tripoli, Sabratha: at 1:110m, Sirte and Misrata were at sea.
    assert shape(_country("Libya")["geometry"]).contains(ShapelyPoint(lon, lat))


def test_libya_does_not_claim_tripoli_lebanon() -> None:
    assert not shape(_country("Libya")["geometry"]).contains(ShapelyPoint(35.85, 34.44))


def test_small_enough_to_embed() -> None:
    assert 200_000 < len(offline_basemap_bytes()) < 1_000_000


def test_callers_get_fresh_copies() -> None:
    first = offline_basemap_geojson()
    first["features"].clear()
    assert offline_basemap_geojson()["features"]


def test_generator_decodes_topojson_arcs() -> None:
    # A made-up quantized topology: two squares sharing an edge (arc 1, used reversed by
    # the second), with delta-encoded positions and a transform back to degrees.
    script = runpy.run_path(str(ROOT / "scripts" / "make_basemap.py"))
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [10.0, 20.0]},
        "arcs": [
            [[2, 0], [-2, 0], [0, 4], [2, 0]],  # (11,20) (10,20) (10,21) (11,21)
            [[2, 4], [0, -4]],  # (11,21) (11,20): the shared edge
            [[2, 4], [2, 0], [0, -4], [-2, 0]],  # (11,21) (12,21) (12,20) (11,20)
        ],
    }
    arcs = script["decode_arcs"](topology)
    assert arcs[0] == [(11.0, 20.0), (10.0, 20.0), (10.0, 21.0), (11.0, 21.0)]
    west = script["geometry"]({"type": "Polygon", "arcs": [[0, 1]]}, arcs)
    east = script["geometry"]({"type": "MultiPolygon", "arcs": [[[2, ~1]]]}, arcs)
    assert west.is_valid and east.is_valid
    assert west.area == pytest.approx(1.0) and east.area == pytest.approx(1.0)
    assert west.union(east).area == pytest.approx(2.0)  # they meet along the shared arc
    assert script["ring_coords"]([2, ~1], arcs)[-1] == (11.0, 21.0)


def test_asset_is_written_deterministically() -> None:
    # Sorted by name, one feature per line, two decimals: what the generator writes.
    lines = offline_basemap_bytes().decode("utf-8").splitlines()
    names = [f["properties"]["name"] for f in offline_basemap_geojson()["features"]]
    assert names == sorted(names) and len(lines) == len(names)
    assert not any(
        len(x.split(".")[1].rstrip("],}")) > 2 for x in lines[1].split(",")[3:40] if "." in x
    )
