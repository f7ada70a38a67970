"""Golden open data: each sample built on its own must give exactly the reviewed archive.json.

Refresh with `python -m pytest tests/test_golden.py --update-golden`, then read the diff
(`git diff tests/golden`) against the source before committing it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLES, build_site, make_content

GOLDEN = Path(__file__).parent / "golden"


def sample_files(sample: Path) -> dict:
    files = {f"{sample.parent.name}/{sample.name}": sample}
    for sidecar in sample.parent.glob(sample.stem + ".y*ml"):
        files[f"{sample.parent.name}/{sidecar.name}"] = sidecar
    return files


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_archive_json_matches_golden(sample, tmp_path, update_golden):
    out = tmp_path / "_site"
    build_site(make_content(tmp_path, sample_files(sample)), out)
    produced = (out / "data" / "archive.json").read_text(encoding="utf-8")
    golden = GOLDEN / f"{sample.stem}.archive.json"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file yet: run pytest {__file__} --update-golden and review it"
    assert json.loads(produced) == json.loads(golden.read_text(encoding="utf-8"))
    assert produced == golden.read_text(encoding="utf-8")  # byte for byte: the output is stable
