#!/usr/bin/env bash
# Run the test suite; installs whatever the tests need when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/python -m pytest "$@"
