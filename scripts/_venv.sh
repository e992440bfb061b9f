# Sourced by scripts/run and scripts/test: create .venv and install geo into it when needed.
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.geo-installed-$(cat pyproject.toml | sha1sum | cut -c1-12)${GEO_EXTRAS:+-$GEO_EXTRAS}
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${GEO_EXTRAS:+[$GEO_EXTRAS]}"
  touch "$stamp"
fi
