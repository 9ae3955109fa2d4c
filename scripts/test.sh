#!/usr/bin/env bash
# Run the test suite; installs whatever the tests need when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
# the PDF brief and the browser tests use headless Chromium and the CJK fonts; poppler-utils checks the PDF
# (apt only when missing)
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 \
   || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk poppler-utils >/dev/null
  else
    echo "scripts/test.sh: chromium, fonts-noto-cjk or poppler-utils missing and apt-get unavailable: PDF and browser tests skip" >&2
  fi
fi
# the Spark engine's tests run PySpark (the test extra) on a Java 17 runtime (apt only when missing)
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
  else
    echo "scripts/test.sh: no Java runtime and apt-get unavailable: the Spark tests fail" >&2
  fi
fi
# the browser tests drive that same Chromium with Playwright's Python package (the test extra; no browser download)
.venv/bin/python -c "import playwright" 2>/dev/null || .venv/bin/python -m pip install --quiet "playwright>=1.40"
# one pytest worker per core (pytest-xdist; the tests share no files, ports, schemas or databases); pass -n 0 to
# run in one process
exec .venv/bin/python -m pytest -n auto "$@"
