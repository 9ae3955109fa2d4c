#!/usr/bin/env bash
# Set up icatlas in ./.venv (idempotent): Python packages from PyPI, the package itself in editable mode.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! .venv/bin/python -c "import icatlas, pytest, httpx, psycopg, hypothesis, schemathesis, pyspark, pyarrow, xdist" 2>/dev/null \
   || [ pyproject.toml -nt .venv/.icatlas-installed ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch .venv/.icatlas-installed
fi
# Web app assets (not committed): Apache ECharts and the China province shapes from npm, into the static folder.
# The pages render without them (no chart); nothing is ever loaded from a CDN.
VENDOR=src/icatlas/serve/static/vendor
if [ ! -s "$VENDOR/echarts.min.js" ] || [ ! -s "$VENDOR/china.json" ]; then
  if command -v npm >/dev/null 2>&1; then
    mkdir -p "$VENDOR"
    TMP=$(mktemp -d)
    trap 'rm -rf "$TMP"' EXIT
    if [ ! -s "$VENDOR/echarts.min.js" ]; then
      npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$TMP/e5" echarts@5 \
        && cp "$TMP/e5/node_modules/echarts/dist/echarts.min.js" "$VENDOR/echarts.min.js"
    fi
    if [ ! -s "$VENDOR/china.json" ]; then
      npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$TMP/e4" echarts@4.9.0 \
        && cp "$TMP/e4/node_modules/echarts/map/json/china.json" "$VENDOR/china.json"
    fi
  else
    echo "install.sh: npm not found; the web app's map and charts are off until ECharts is installed" >&2
  fi
fi
