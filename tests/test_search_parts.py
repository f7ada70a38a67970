"""A large archive is indexed in parts and merged: the bundle is the one a single Pagefind run makes; what did
not change is not indexed or merged again."""
from __future__ import annotations

import gzip
import shutil
import sys

import pytest

from conftest import ROOT
from papersite.messages import Log
from papersite.pipeline import Paths, build
from papersite import search
from papersite.search import index_site, search_parts

sys.path.insert(0, str(ROOT / "benchmarks"))
from run import synthesise  # noqa: E402


def files(folder):
    """Each file's name and content (compressed files uncompressed: the two gzip writers differ only in
    their header and compression)."""
    def content(path):
        data = path.read_bytes()
        return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    return {p.relative_to(folder).as_posix(): content(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_bundle_merged_from_parts_is_the_bundle_of_one_run(tmp_path):
    content, config = synthesise(tmp_path / "archive", 9)
    (content / "strategy.txt").write_bytes((ROOT / "content/documents").glob("*.txt").__next__().read_bytes())
    site = tmp_path / "_site"
    build(Paths(content, site, config, ROOT / "templates", ROOT / "assets"), Log(), use_cache=False)
    one_run = files(site / "pagefind")
    parts = search_parts(site, most=25)
    assert len(parts) >= 4 and parts[0] == ["documents/*/**/*.html"]  # documents, and several years and committees
    shutil.rmtree(site / "pagefind")
    log = Log()
    assert index_site(site, log, most=25) and not log.warnings
    assert files(site / "pagefind") == one_run
    assert not (tmp_path / "._site.search-parts").exists()


def test_parts_whose_pages_are_unchanged_are_not_indexed_again(tmp_path, monkeypatch):
    content, config = synthesise(tmp_path / "archive", 6)
    site = tmp_path / "_site"
    build(Paths(content, site, config, ROOT / "templates", ROOT / "assets"), Log(), use_cache=False)
    kept = tmp_path / "kept"
    assert index_site(site, Log(), most=25, kept=kept)
    first = files(site / "pagefind")
    shutil.rmtree(site / "pagefind")
    monkeypatch.setattr(search, "_pagefind", lambda *args: pytest.fail("Pagefind ran for an unchanged part"))
    monkeypatch.setattr(search, "merge_bundles", lambda *args, **kw: pytest.fail("merged again, nothing changed"))
    assert index_site(site, Log(), most=25, kept=kept)
    assert files(site / "pagefind") == first
    monkeypatch.undo()
    changed = next(site.glob("meetings/*/2016-*/index.html"))
    page = changed.read_text(encoding="utf-8")
    assert page.count("data-pagefind-body>") == 1
    changed.write_text(page.replace("data-pagefind-body>", "data-pagefind-body><p>Corrected.</p>"), encoding="utf-8")
    shutil.rmtree(site / "pagefind")
    ran = []
    real = search._pagefind
    monkeypatch.setattr(search, "_pagefind", lambda *args: ran.append(args) or real(*args))
    assert index_site(site, Log(), most=25, kept=kept)
    assert len(ran) == 1  # only the part holding the changed page
    merged = files(site / "pagefind")
    assert merged != first and any(b"Corrected." in data for name, data in merged.items() if "fragment" in name)
