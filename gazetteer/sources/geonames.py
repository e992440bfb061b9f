"""Readers of the GeoNames dump formats, streamed line by line.

- ``allCountries.txt``, ``cities500.txt`` ... ``XX.txt``: 19 tab-separated columns
  (geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature
  code, country code, cc2, admin1..admin4, population, elevation, dem, timezone, date);
- ``alternateNamesV2.txt``: alternateNameId, geonameid, isolanguage, name, flags, from, to;
- ``admin1CodesASCII.txt``: ``CC.code``, name, ascii name, geonameid.

A ``.zip`` as GeoNames serves it is read directly. A corrupt or truncated row raises
:class:`~geo.errors.InputError` naming the file, the line and the field.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from gazetteer.records import PlaceRecord
from gazetteer.sources.base import Source
from geo.errors import InputError

Format = Literal["geoname", "alternate", "admin1"]
Progress = Callable[[int], None]

GEONAME_COLUMNS = 19
ALTERNATE_COLUMNS = (8, 10)  # alternateNames.txt (old) and alternateNamesV2.txt
ADMIN1_COLUMNS = 4

# Feature codes with a kind of their own; otherwise the feature class decides.
KIND_BY_CODE = {
    "PPLC": "city",
    "PCLI": "country",
    "PCLD": "country",
    "PCLF": "country",
    "PCLS": "country",
    "PCLIX": "country",
    "PCL": "country",
    "CONT": "continent",
    "ADM1": "region",
    "ADM1H": "historical region",
    "ADM2": "county",
    "ADM3": "district",
    "ADM4": "district",
    "ADMD": "district",
    "RGN": "region",
    "RGNH": "historical region",
    "AIRP": "airport",
    "AIRB": "airport",
    "AIRF": "airport",
    "AIRH": "airport",
    "OILF": "oil field",
    "GASF": "oil field",
    "OILT": "terminal",
    "PRT": "terminal",
    "PPLL": "locality",
    "PPLX": "locality",
    "PPLF": "locality",
}
KIND_BY_CLASS = {
    "P": "city",
    "A": "region",
    "L": "region",
    "T": "landform",
    "V": "landform",
    "U": "landform",
    "H": "water",
    "S": "site",
    "R": "road",
}
# isolanguage values of alternate names that are codes, and ones that are not names at all.
CODE_LANGUAGES = frozenset({"iata", "icao", "faac", "abbr", "unlc", "tcid"})
SKIP_LANGUAGES = frozenset({"link", "post", "wkdt", "phon", "piny"})


@dataclass(frozen=True, slots=True)
class AlternateName:
    """One row of alternateNamesV2.txt that names a place (links and postcodes skipped)."""

    geonameid: int
    name: str
    is_code: bool


@dataclass(frozen=True, slots=True)
class Admin1Code:
    """One row of admin1CodesASCII.txt."""

    country_code: str
    admin1: str
    name: str
    ascii_name: str
    geonameid: int


def detect_format(path: Path) -> Format:
    """Which GeoNames format a file holds, from its name, else its first row."""
    stem = path.name.lower().removesuffix(".zip").removesuffix(".txt")
    if stem.startswith("alternatenames"):
        return "alternate"
    if stem.startswith("admin1codes"):
        return "admin1"
    for line in _lines(path, None):
        columns = line[1].count("\t") + 1
        if columns == ADMIN1_COLUMNS:
            return "admin1"
        if columns in ALTERNATE_COLUMNS:
            return "alternate"
        return "geoname"
    return "geoname"


def _open(path: Path) -> BinaryIO:
    try:
        if path.suffix.lower() == ".zip":
            archive = zipfile.ZipFile(path)
            members = [n for n in archive.namelist() if n.lower().endswith(".txt")]
            if not members:
                raise InputError("no .txt file in the archive", file=str(path))
            # The data file, not readme.txt.
            members.sort(key=lambda n: (n.lower() == "readme.txt", n))
            return archive.open(members[0])  # type: ignore[return-value]
        return path.open("rb")
    except (OSError, zipfile.BadZipFile) as exc:
        message = getattr(exc, "strerror", None) or str(exc)
        raise InputError(f"cannot read: {message}", file=str(path)) from exc


def _lines(path: Path, progress: Progress | None) -> Iterator[tuple[int, str]]:
    """(line number, text without the newline) for each non-comment line."""
    file = str(path)
    done = 0
    with _open(path) as handle:
        for number, raw in enumerate(handle, 1):
            done += len(raw)
            if progress is not None and number % 20000 == 0:
                progress(done)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise InputError("not UTF-8 text", file=file, line=number) from None
            text = text.rstrip("\r\n")
            if not text or text.startswith("#"):
                continue
            yield number, text
    if progress is not None:
        progress(done)


def _int(text: str, file: str, line: int, field: str, *, empty: int | None = None) -> int:
    if not text and empty is not None:
        return empty
    try:
        return int(text)
    except ValueError:
        raise InputError(
            f"not a whole number: {text[:40]!r}", file=file, line=line, field=field
        ) from None


def _coordinate(text: str, limit: float, file: str, line: int, field: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > limit:
        raise InputError(f"not a {field}: {text[:40]!r}", file=file, line=line, field=field)
    return value


def _columns(text: str, expected: tuple[int, ...], file: str, line: int) -> list[str]:
    cells = text.split("\t")
    if len(cells) not in expected:
        want = " or ".join(str(n) for n in expected)
        raise InputError(
            f"expected {want} tab-separated columns, found {len(cells)} (truncated or corrupt)",
            file=file,
            line=line,
            field="columns",
        )
    return cells


def kind_of(feature_class: str, feature_code: str) -> str:
    """The gazetteer's kind for a GeoNames feature class and code."""
    return KIND_BY_CODE.get(feature_code) or KIND_BY_CLASS.get(feature_class, "locality")


class GeoNamesDump(Source):
    """Places from a GeoNames dump in the 19-column format (allCountries, cities, XX).

    Parameters
    ----------
    path : Path
        The ``.txt`` file (or the ``.zip`` GeoNames serves).
    progress : callable, optional
        Called now and then with the number of bytes read so far.
    """

    name = "geonames dump"
    title = "GeoNames dump"

    def __init__(self, path: Path | str, progress: Progress | None = None) -> None:
        self.path = Path(path)
        self.progress = progress

    def fingerprint(self) -> str:
        stat = self.path.stat()
        return f"geonames dump {self.path.name} {stat.st_size} {stat.st_mtime_ns}"

    def records(self) -> Iterator[PlaceRecord]:
        file = str(self.path)
        for line, text in _lines(self.path, self.progress):
            c = _columns(text, (GEONAME_COLUMNS,), file, line)
            gid = _int(c[0], file, line, "geonameid")
            if not c[1]:
                raise InputError("empty name", file=file, line=line, field="name")
            lat = _coordinate(c[4], 90, file, line, "latitude")
            lon = _coordinate(c[5], 180, file, line, "longitude")
            population = _int(c[14], file, line, "population", empty=0)
            cc = c[8]
            if cc and (len(cc) != 2 or not cc.isalpha()):
                raise InputError(
                    f"not a country code: {cc[:40]!r}", file=file, line=line, field="country code"
                )
            names = {c[2]} if c[2] and c[2] != c[1] else set()
            names.update(n for n in c[3].split(",") if n)
            names.discard(c[1])
            yield PlaceRecord(
                id=f"geonames:{gid}",
                name=c[1],
                lat=lat,
                lon=lon,
                country_code=cc,
                kind=kind_of(c[6], c[7]),
                population=population or None,
                source=self.name,
                admin1=c[10],
                feature_code=c[7],
                alternate_names=tuple(sorted(names)),
                raw={"geonameid": gid, "feature_class": c[6], "feature_code": c[7]},
            )


def read_alternate_names(
    path: Path | str, progress: Progress | None = None
) -> Iterator[AlternateName]:
    """The names in an alternateNames(V2).txt file; links, postcodes and the like skipped."""
    path = Path(path)
    file = str(path)
    for line, text in _lines(path, progress):
        c = _columns(text, ALTERNATE_COLUMNS, file, line)
        _int(c[0], file, line, "alternateNameId")
        gid = _int(c[1], file, line, "geonameid")
        language = c[2]
        if language in SKIP_LANGUAGES or not c[3]:
            continue
        yield AlternateName(gid, c[3], language in CODE_LANGUAGES)


def read_admin1_codes(path: Path | str, progress: Progress | None = None) -> Iterator[Admin1Code]:
    """The rows of an admin1CodesASCII.txt file."""
    path = Path(path)
    file = str(path)
    for line, text in _lines(path, progress):
        c = _columns(text, (ADMIN1_COLUMNS,), file, line)
        cc, dot, admin1 = c[0].partition(".")
        if not dot or len(cc) != 2 or not admin1:
            raise InputError(f"expected 'CC.code', got {c[0][:40]!r}", file=file, line=line)
        if not c[1]:
            raise InputError("empty name", file=file, line=line, field="name")
        yield Admin1Code(cc, admin1, c[1], c[2], _int(c[3], file, line, "geonameid"))
