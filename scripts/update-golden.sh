#!/usr/bin/env bash
# Regenerate the golden files (each sample's archive.json, and the golden site tree in tests/golden/site/)
# from the current code, then show what changed. Golden files change only when the diff has been read and
# agreed with: review `git diff tests/golden` before committing, and say in the commit why the pages changed.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pytest -q tests/test_golden.py --update-golden
git add -N tests/golden
git diff --stat -- tests/golden
