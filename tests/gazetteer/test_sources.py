"""Sources: the overlay loader, the GeoNames dump readers and the packaged data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gazetteer.sources import AirportSource, AliasSource, CountrySource, OverlaySource
from gazetteer.sources.geonames import (
    GeoNamesDump,
    detect_format,
    kind_of,
    read_admin1_codes,
    read_alternate_names,
)
from gazetteer.sources.packaged import short_names
from geo.errors import InputError

DERNA = (
    "87205\tDarnah\tDarnah\tDerna,Darna,درنة\t32.76704\t22.63669\tP\tPPLA\tLY\t\t67\t\t\t\t"
    "102581\t\t15\tAfrica/Tripoli\t2022-01-01"
)


def test_overlay_reads_rows(overlay_path: Path) -> None:
    records = list(OverlaySource(overlay_path).records())
    derna = records[0]
    assert (derna.id, derna.name, derna.country_code, derna.population) == (
        "test:derna",
        "Darnah",
        "LY",
        102581,
    )
    assert derna.alternate_names == ("Derna", "Darna", "درنة")
    assert derna.source == "overlay"
    district = next(r for r in records if r.id == "test:derna-district")
    assert district.population is None and district.kind == "district"


@pytest.mark.parametrize(
    ("row", "line", "field"),
    [
        ("x:a,A,,95,10,LY,city,,src", 2, "lat"),
        ("x:a,A,,nan,10,LY,city,,src", 2, "lat"),
        ("x:a,A,,10,181,LY,city,,src", 2, "lon"),
        ("x:a,A,,10,10,LYB,city,,src", 2, "country_code"),
        ("x:a,A,,10,10,LY,city,many,src", 2, "population"),
        ("x:a,A,,10,10,LY,city,-5,src", 2, "population"),
        ("x:a,A,,10,10,LY,city,,", 2, "source"),
        ("x:a,,,10,10,LY,city,,src", 2, "name"),
        ("nocolon,A,,10,10,LY,city,,src", 2, "id"),
        ("x:a,A,,10,10,LY,city,src", 2, None),
    ],
)
def test_overlay_errors_name_file_line_and_field(
    make_overlay: Callable[[str], Path], row: str, line: int, field: str | None
) -> None:
    path = make_overlay(row + "\n")
    with pytest.raises(InputError) as err:
        list(OverlaySource(path).records())
    assert err.value.file == str(path)
    assert err.value.line == line
    assert err.value.field == field


def test_overlay_rejects_duplicate_ids_and_wrong_header(
    tmp_path: Path, make_overlay: Callable[[str], Path]
) -> None:
    path = make_overlay("x:a,A,,1,1,LY,city,,s\nx:a,B,,1,1,LY,city,,s\n")
    with pytest.raises(InputError, match="duplicate id") as err:
        list(OverlaySource(path).records())
    assert err.value.line == 3
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nx:a,A\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected the columns"):
        list(OverlaySource(bad).records())


def test_overlay_fingerprint_follows_content(make_overlay: Callable[[str], Path]) -> None:
    path = make_overlay("x:a,A,,1,1,LY,city,,s\n")
    before = OverlaySource(path).fingerprint()
    make_overlay("x:a,A,,1,2,LY,city,,s\n")
    assert OverlaySource(path).fingerprint() != before


def test_geonames_dump_reads_19_columns(tmp_path: Path) -> None:
    path = tmp_path / "LY.txt"
    path.write_text(DERNA + "\n", encoding="utf-8")
    [record] = list(GeoNamesDump(path).records())
    assert record.id == "geonames:87205"
    assert (record.lat, record.lon, record.population) == (32.76704, 22.63669, 102581)
    assert record.kind == "city" and record.feature_code == "PPLA" and record.admin1 == "67"
    assert set(record.alternate_names) == {"Derna", "Darna", "درنة"}
    assert detect_format(path) == "geoname"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (DERNA.rsplit("\t", 5)[0], "columns"),  # truncated row
        (DERNA.replace("87205", "x87205", 1), "geonameid"),
        (DERNA.replace("32.76704", "132.7"), "latitude"),
        (DERNA.replace("22.63669", "abc"), "longitude"),
        (DERNA.replace("102581", "1e5"), "population"),
    ],
)
def test_geonames_dump_errors(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "cities500.txt"
    path.write_text(DERNA + "\n" + text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        list(GeoNamesDump(path).records())
    assert (err.value.file, err.value.line, err.value.field) == (str(path), 2, field)


def test_geonames_dump_rejects_binary(tmp_path: Path) -> None:
    path = tmp_path / "XX.txt"
    path.write_bytes(b"\xff\xfe\x00garbage\n")
    with pytest.raises(InputError, match="UTF-8") as err:
        list(GeoNamesDump(path).records())
    assert err.value.line == 1


def test_alternate_names_and_admin1(tmp_path: Path) -> None:
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(
        "1\t87205\ten\tDerna\t1\t\t\t\t\t\n"
        "2\t87205\tlink\thttps://example.org/Derna\t\t\t\t\t\t\n"
        "3\t87205\tiata\tDNF\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    names = list(read_alternate_names(alt))
    assert [(n.geonameid, n.name, n.is_code) for n in names] == [
        (87205, "Derna", False),
        (87205, "DNF", True),
    ]
    adm = tmp_path / "admin1CodesASCII.txt"
    adm.write_text("LY.67\tDarnah\tDarnah\t87204\n", encoding="utf-8")
    [row] = list(read_admin1_codes(adm))
    assert (row.country_code, row.admin1, row.name, row.geonameid) == ("LY", "67", "Darnah", 87204)
    adm.write_text("LY67\tDarnah\tDarnah\t87204\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"CC\.code"):
        list(read_admin1_codes(adm))


@pytest.mark.parametrize(
    ("fclass", "fcode", "kind"),
    [
        ("P", "PPLC", "city"),
        ("P", "PPL", "city"),
        ("A", "ADM1", "region"),
        ("A", "PCLI", "country"),
        ("L", "OILF", "oil field"),
        ("T", "MTS", "landform"),
        ("S", "AIRP", "airport"),
    ],
)
def test_feature_kinds(fclass: str, fcode: str, kind: str) -> None:
    assert kind_of(fclass, fcode) == kind


def test_countries_carry_iso_codes_and_airports_iata() -> None:
    countries = CountrySource()
    libya = next(r for r in countries.records() if r.country_code == "LY")
    assert libya.name == "Libya" and countries.codes(libya) == ("LY", "LBY")
    assert 20 < libya.lat < 32 and 9 < libya.lon < 25
    airports = AirportSource()
    benina = next(r for r in airports.records() if r.id == "icao:HLLB")
    assert airports.codes(benina) == ("HLLB", "BEN")
    assert benina.kind == "airport" and benina.country_code == "LY"


@pytest.mark.parametrize(
    ("name", "city", "short"),
    [
        ("London Heathrow Airport", "London", ("London Heathrow", "Heathrow")),
        ("Benina International Airport", "Benghazi", ("Benina",)),
        ("Matan al-Sarra Air Base", "", ("Matan al-Sarra",)),
        ("Dubai International Airport", "Dubai", ()),  # the city answers "Dubai"
        ("Air Force Base", "", ()),
    ],
)
def test_airport_short_names(name: str, city: str, short: tuple[str, ...]) -> None:
    assert short_names(name, city) == short


def test_alias_source_targets_places_of_the_index(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text(
        "# a comment\nalias,name,country_code,kind,source\n"
        "U.S.,United States,US,country,s\nW.Va.,West Virginia,US,region,s\n"
        "Bay of Pigs,Nowhere,XX,region,s\n",
        encoding="utf-8",
    )
    demonyms = tmp_path / "demonyms.csv"
    demonyms.write_text("country_code,country,demonym\nLY,Libya,Libyan\n", encoding="utf-8")
    source = AliasSource(aliases, demonyms)
    by_id = {r.id: r.alternate_names for r in source.records()}
    assert by_id["geonames:6252001"] == ("U.S.",)
    assert by_id["geonames:4826850"] == ("W.Va.",)
    assert by_id["geonames:2215636"] == ("Libyan",)
    assert by_id["region:XX:Nowhere"] == ("Bay of Pigs",)  # skipped by the build: no place
    assert source.names_only
