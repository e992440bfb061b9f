"""geo gazetteer import: GeoNames dumps into the user's index, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.importer import import_files
from gazetteer.index import build_index, connect
from gazetteer.lookup import Gazetteer
from gazetteer.sources import OverlaySource
from geo.errors import InputError


def row(
    gid: int,
    name: str,
    alt: str,
    lat: float,
    lon: float,
    fcode: str,
    cc: str,
    admin1: str = "",
    pop: int = 0,
) -> str:
    fclass = "P" if fcode.startswith("PPL") else "A" if fcode.startswith(("ADM", "PCL")) else "L"
    cells = [
        str(gid),
        name,
        name,
        alt,
        str(lat),
        str(lon),
        fclass,
        fcode,
        cc,
        "",
        admin1,
        "",
        "",
        "",
        str(pop),
        "",
        "10",
        "Africa/Tripoli",
        "2024-01-01",
    ]
    return "\t".join(cells) + "\n"


DUMP = (
    row(2215001, "Qaryat Test", "Test Village,Testville", 30.5, 15.5, "PPL", "LY", "99", 300)
    + row(2215002, "Sharara Field", "El Sharara,Sharara", 26.6, 12.2, "OILF", "LY")
    + row(2210247, "Tripoli", "Tarabulus", 32.88743, 13.18733, "PPLC", "LY", "77", 1_300_000)
)


@pytest.fixture
def setup(tmp_path: Path, overlay_path: Path) -> tuple[Path, Path]:
    embedded = build_index(
        [OverlaySource(overlay_path)], tmp_path / "embedded.sqlite", show_progress=False
    )
    return embedded, tmp_path / "user.sqlite"


def test_import_places_names_and_regions(tmp_path: Path, setup: tuple[Path, Path]) -> None:
    embedded, user = setup
    dump = tmp_path / "LY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(
        "1\t2215001\ten\tTesterberg\t\t\t\t\t\t\n"
        "2\t9999999\ten\tNowhere\t\t\t\t\t\t\n"
        "3\t2215002\ticao\tXXOF\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    adm = tmp_path / "admin1CodesASCII.txt"
    adm.write_text("LY.99\tTest Region\tTest Region\t7000001\n", encoding="utf-8")
    counts = import_files([adm, alt, dump], target=user, embedded=[embedded], show_progress=False)
    assert counts["places"] == 3 and counts["names"] == 2 and counts["skipped"] == 1
    assert counts["regions"] == 1
    g = Gazetteer([user, embedded])
    assert g.lookup("Testville")[0].name == "Qaryat Test"
    assert g.lookup("Testerberg")[0].name == "Qaryat Test"
    sharara = g.lookup("El Sharara")[0]
    assert sharara.kind == "oil field" and sharara.source == "geonames dump"
    assert g.lookup("XXOF")[0].name == "Sharara Field"
    region = g.lookup("Test Region")[0]
    assert region.kind == "region" and (region.lat, region.lon) == (30.5, 15.5)
    # typo index of imported main names
    assert g.lookup("Qaryat Tset")[0].name == "Qaryat Test"


def test_import_alternate_names_of_embedded_places(
    tmp_path: Path, setup: tuple[Path, Path]
) -> None:
    embedded, user = setup
    alt = tmp_path / "alternateNamesV2.txt"
    # test:derna is not a geonames id; a geonames id the embedded index holds is needed.
    dump = tmp_path / "cities500.txt"
    dump.write_text(DUMP, encoding="utf-8")
    import_files([dump], target=user, embedded=[embedded], show_progress=False)
    alt.write_text("1\t2210247\tar\tطرابلس الغرب\t\t\t\t\t\t\n", encoding="utf-8")
    import_files([alt], target=user, embedded=[embedded], show_progress=False)
    g = Gazetteer([user, embedded])
    assert g.lookup("طرابلس الغرب")[0].id == "geonames:2210247"


def test_corrupt_import_changes_nothing(tmp_path: Path, setup: tuple[Path, Path]) -> None:
    embedded, user = setup
    good = tmp_path / "LY.txt"
    good.write_text(DUMP, encoding="utf-8")
    import_files([good], target=user, embedded=[embedded], show_progress=False)
    before = connect(user).execute("SELECT COUNT(*) FROM names").fetchone()[0]
    bad = tmp_path / "allCountries.txt"
    bad.write_text(
        row(2215009, "New Place", "", 30.0, 15.0, "PPL", "LY") + DUMP[:60], encoding="utf-8"
    )
    with pytest.raises(InputError) as err:
        import_files([bad], target=user, embedded=[embedded], show_progress=False)
    assert (err.value.file, err.value.line, err.value.field) == (str(bad), 2, "columns")
    conn = connect(user)
    assert conn.execute("SELECT COUNT(*) FROM names").fetchone()[0] == before
    assert (
        conn.execute("SELECT COUNT(*) FROM places WHERE id = 'geonames:2215009'").fetchone()[0] == 0
    )


def test_missing_file_is_an_input_error(tmp_path: Path, setup: tuple[Path, Path]) -> None:
    embedded, user = setup
    with pytest.raises(InputError, match="no such file"):
        import_files([tmp_path / "nope.txt"], target=user, embedded=[embedded])
    assert not user.exists()
