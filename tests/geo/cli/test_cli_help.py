"""Every command and sub-command has help."""

from __future__ import annotations

from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from geo.cli import app, main


def _paths(cmd: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    if hasattr(cmd, "commands"):
        for name, sub in sorted(cmd.commands.items()):
            out += _paths(sub, (*prefix, name))
    return out


def test_every_command_has_help() -> None:
    root = typer.main.get_command(app)
    runner = CliRunner()
    paths = _paths(root)
    assert len(paths) > 1
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage" in result.output
        cmd = root
        for part in path:
            cmd = cmd.commands[part]
        assert (cmd.help or "").strip(), f"{' '.join(path)} has no help text"


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["lookup", "--limit", "abc", "Derna"], ["frobnicate"], ["map", "--bogus"]):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("geo: error: ") and err.count("\n") == 1, err


def test_bare_geo_shows_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 0
    assert "lookup" in capsys.readouterr().out


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    from geo import __version__

    with pytest.raises(SystemExit) as info:
        main([flag])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"geo {__version__}\n"


@pytest.mark.parametrize("argv", [["-h"], ["lookup", "-h"], ["gazetteer", "build", "-h"]])
def test_short_help(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    assert "Usage" in capsys.readouterr().out


def test_help_texts_name_every_readable_format() -> None:
    from geo.io.formats import readable

    result = CliRunner().invoke(app, ["validate", "--help"])
    for fmt in readable():
        assert fmt.title in result.output


def test_library_warnings_are_one_line_without_paths(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import warnings

    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)
    with pytest.raises(SystemExit):
        main(["--version"])
    capsys.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = warnings.showwarning  # catch_warnings keeps main's hook
        warnings.warn("Measured (M) geometry types are not supported.\nOriginal type", stacklevel=1)
    err = capsys.readouterr().err
    assert err == "geo: warning: Measured (M) geometry types are not supported. Original type\n"
