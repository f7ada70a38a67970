"""A large archive is indexed in parts and merged: the bundle is the one a single Pagefind run makes."""
from __future__ import annotations

import gzip
import shutil
import sys

from conftest import ROOT
from papersite.messages import Log
from papersite.pipeline import Paths, build
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
    globs = search_parts(site, most=25)
    assert len(globs) >= 4 and globs[0].startswith("documents/")  # documents, and several years and committees
    shutil.rmtree(site / "pagefind")
    log = Log()
    assert index_site(site, log, most=25) and not log.warnings
    assert files(site / "pagefind") == one_run
    assert not (tmp_path / "._site.search-parts").exists()
