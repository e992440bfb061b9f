"""What the wheel is made of: declared dependencies that are used, packages and data found.

The wheel itself is built, installed into a fresh venv and run by ``scripts/smoke-wheel``
(called from ``scripts/test``); these tests hold the rules that make that work.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the test extra installs tomli
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("geo", "gazetteer", "maps", "seeds")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirement_name(spec: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _used_modules() -> set[str]:
    """Top-level modules the project's packages import, or look up by name (find_spec)."""
    used: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    used.update(a.name.split(".")[0] for a in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    used.add(node.module.split(".")[0])
                elif (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "attr", getattr(node.func, "id", None))
                    in {"find_spec", "import_module"}
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    used.add(node.args[0].value.split(".")[0])
    return used


def _modules_of(distribution: str) -> set[str]:
    """The top-level import names an installed distribution provides."""
    found = {
        module
        for module, dists in importlib.metadata.packages_distributions().items()
        if distribution in {d.lower().replace("_", "-") for d in dists}
    }
    if not found:
        pytest.fail(f"{distribution} is declared but not installed in this environment")
    return found


def test_every_declared_dependency_is_used() -> None:
    used = _used_modules()
    unused = [
        name
        for name in map(_requirement_name, _pyproject()["project"]["dependencies"])
        if not (_modules_of(name) & used)
    ]
    assert unused == [], f"declared in pyproject.toml but never imported: {unused}"


def test_geopy_is_not_a_dependency() -> None:
    # No remote geocoder: geodesy is pyproj's Geod (geo/geodesy.py).
    names = [_requirement_name(d) for d in _pyproject()["project"]["dependencies"]]
    assert "geopy" not in names
    assert "geopy" not in _used_modules()


def test_the_entry_point_is_the_cli() -> None:
    assert _pyproject()["project"]["scripts"] == {"geo": "geo.cli:main"}


def _package_dirs() -> list[Path]:
    return sorted(
        p.parent
        for package in PACKAGES
        for p in (ROOT / package).rglob("__init__.py")
        if "__pycache__" not in p.parts
    )


def test_package_find_includes_every_subpackage() -> None:
    from fnmatch import fnmatchcase

    include = _pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    missed = [
        dotted
        for dotted in (".".join(d.relative_to(ROOT).parts) for d in _package_dirs())
        if not any(fnmatchcase(dotted, pattern) for pattern in include)
    ]
    assert missed == []


def test_package_data_covers_every_data_file() -> None:
    from fnmatch import fnmatchcase

    data = _pyproject()["tool"]["setuptools"]["package-data"]
    missed = []
    for folder in _package_dirs():
        dotted = ".".join(folder.relative_to(ROOT).parts)
        for path in folder.rglob("*"):
            if path.is_dir() or path.suffix in {".py", ".pyc"} or "__pycache__" in path.parts:
                continue
            owner = path.parent
            while not (owner / "__init__.py").exists():
                owner = owner.parent
            if owner != folder:
                continue  # a file of a subpackage: checked with that package
            relative = path.relative_to(folder).as_posix()
            if not any(fnmatchcase(relative, g) for g in data.get(dotted, [])):
                missed.append(f"{dotted}: {relative}")
    assert missed == [], f"not package data, so not in the wheel: {missed}"


def _check_wheel():  # type: ignore[no-untyped-def]
    import runpy

    return runpy.run_path(str(ROOT / "scripts" / "check_wheel.py"))["missing_from_wheel"]


def test_check_wheel_names_a_missing_data_file(tmp_path: Path) -> None:
    import zipfile

    (tmp_path / "pkg" / "data").mkdir(parents=True)
    for name in ("pkg/__init__.py", "pkg/data/a.csv", "pkg/data/b.csv"):
        (tmp_path / name).write_text("x")
    wheel = tmp_path / "pkg-1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("pkg/__init__.py", "x")
        z.writestr("pkg/data/a.csv", "x")
    missing = _check_wheel()(wheel, ["pkg/__init__.py", "pkg/data/a.csv", "pkg/data/b.csv"])
    assert missing == ["pkg/data/b.csv"]


def test_a_fresh_install_of_the_same_data_keeps_the_index_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Each install gives the packaged data files new times; the wheel's smoke test and CI
    # install into fresh venvs and must find the index the cache already holds.
    import pathlib

    from gazetteer.index import fingerprint
    from gazetteer.sources import default_sources

    before = fingerprint(default_sources())
    real_stat = pathlib.Path.stat

    class Later:
        """A file's stat, a day later."""

        def __init__(self, real: object) -> None:
            self._real = real

        def __getattr__(self, name: str) -> object:
            value = getattr(self._real, name)
            shift = {"st_mtime": 86400, "st_mtime_ns": 86400 * 10**9, "st_ctime": 86400}
            return value + shift[name] if name in shift else value  # type: ignore[operator]

    monkeypatch.setattr(pathlib.Path, "stat", lambda self, **kw: Later(real_stat(self, **kw)))
    assert fingerprint(default_sources()) == before
