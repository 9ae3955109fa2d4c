#!/usr/bin/env bash
# Set up icatlas in ./.venv (idempotent): Python packages from PyPI, the package itself in editable mode.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! .venv/bin/python -c "import icatlas, pytest, httpx, psycopg" 2>/dev/null \
   || [ pyproject.toml -nt .venv/.icatlas-installed ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch .venv/.icatlas-installed
fi
