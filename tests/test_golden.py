"""Golden output: each sample built on its own must give exactly the reviewed archive.json.

And the pages of one sample, as a tree of files (`golden/site/`). Refresh both only with
`bash scripts/update-golden.sh`, then read the diff it shows against the source before committing it.
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
    build_site(make_content(tmp_path, sample_files(sample)), out, search=False)
    produced = (out / "data" / "archive.json").read_text(encoding="utf-8")
    golden = GOLDEN / f"{sample.stem}.archive.json"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file yet: run pytest {__file__} --update-golden and review it"
    assert json.loads(produced) == json.loads(golden.read_text(encoding="utf-8"))
    assert produced == golden.read_text(encoding="utf-8")  # byte for byte: the output is stable


GOLDEN_SITE = GOLDEN / "site"
GOLDEN_SAMPLE = "001_904572338a83fb72.txt"  # a meeting with agenda items, reports, appendices and minutes


def site_files(site: Path) -> dict[str, str]:
    """The pages, feeds, calendar and sitemap of a built site (not the copied assets, the search index, the
    plain texts or archive.json, which has goldens of its own)."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*"))
            if p.suffix in (".html", ".xml", ".ics") and p.is_file()
            and not p.relative_to(site).as_posix().startswith(("assets/", "pagefind/"))}


def test_the_html_of_a_small_site_matches_its_golden_tree(tmp_path, update_golden):
    """Pelican's way: one sample built and compared, file by file, with a reviewed tree. Refresh it only with
    `bash scripts/update-golden.sh`, and read its diff before committing it."""
    import difflib
    import shutil
    sample = next(s for s in SAMPLES if s.name == GOLDEN_SAMPLE)
    out = tmp_path / "_site"
    build_site(make_content(tmp_path, sample_files(sample)), out, search=False)
    produced = site_files(out)
    if update_golden:
        shutil.rmtree(GOLDEN_SITE, ignore_errors=True)
        for name, text in produced.items():
            (GOLDEN_SITE / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN_SITE / name).write_text(text, encoding="utf-8")
    assert GOLDEN_SITE.is_dir(), "no golden site yet: run `bash scripts/update-golden.sh` and review it"
    golden = site_files(GOLDEN_SITE)
    assert sorted(produced) == sorted(golden), "pages made or gone: " + ", ".join(sorted(set(produced) ^ set(golden)))
    differing = [name for name in golden if produced[name] != golden[name]]
    diff = "".join(line for name in differing[:3] for line in difflib.unified_diff(
        golden[name].splitlines(True), produced[name].splitlines(True), f"golden/{name}", f"built/{name}", n=1))
    assert not differing, f"{len(differing)} files differ from the golden site:\n{diff[:6000]}"
