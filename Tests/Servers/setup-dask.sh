#!/usr/bin/env bash
# Installs Dask distributed (from PyPI) into .build/venv-dask for Tests/cluster-test.sh
# and scripts/dask-sweep.py. Idempotent; a failed download only warns (the cluster test
# then skips, saying why), so a PyPI outage costs that test, not the whole run.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=.build/venv-dask
if "$VENV/bin/python" -c 'import distributed' 2>/dev/null; then exit 0; fi
mkdir -p .build
python3 -m venv "$VENV"
for attempt in 1 2; do
  if "$VENV/bin/pip" install --quiet --disable-pip-version-check "dask[distributed]==2026.8.0"; then exit 0; fi
  sleep 5
done
echo "setup-dask.sh: could not install dask[distributed] from PyPI; the cluster test will be skipped" >&2
