"""A large archive is indexed in parts and merged: the bundle finds what a single Pagefind run's finds, the same
way; what did not change is not indexed or merged again."""
from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from papersite.messages import Log
from papersite.pipeline import Paths, build
from papersite.search import index as search
from papersite.search.index import (IndexedPage, glob_pattern, index_site, page_digest, pages_of_parts,
                                     search_parts)
from papersite.search.merge import read_pf

sys.path.insert(0, str(ROOT / "benchmarks"))
from run import synthesise  # noqa: E402



def told(site) -> dict[str, IndexedPage]:
    """What the render stage would tell the search stage of each page under `site`."""
    return {p.relative_to(site).as_posix(): IndexedPage(page_digest(p.read_bytes()), {})
            for p in sorted(site.rglob("index.html"))}

def globbed(site: Path, glob: str) -> set[Path]:
    """The files `glob` finds, as Pagefind's glob does: `{a,b}` either name (which `Path.glob` does not know)."""
    if match := re.search(r"\{([^}]*)\}", glob):
        return {path for name in match[1].split(",")
                for path in globbed(site, glob[:match.start()] + name + glob[match.end():])}
    return set(site.glob(glob))


def files(folder):
    """Each file's name and content (compressed files uncompressed: the two gzip writers differ only in
    their header and compression)."""
    def content(path):
        data = path.read_bytes()
        return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
    return {p.relative_to(folder).as_posix(): content(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def found(bundle, indexed):
    """What a bundle finds, whatever it numbers its pages: each page's fragment and length; each word's (and
    variant's) pages with their positions and meta positions; chunk bounds; filters; sort keys' values in
    order (the values the render stage gave, `indexed`); meta fields; and every other file as it is."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    result = {"entry": {**entry, "languages": {lang: {k: v for k, v in info.items() if k != "hash"}
                                               for lang, info in entry["languages"].items()}}}
    for lang, info in entry["languages"].items():
        meta = read_pf(bundle / f"pagefind.{info['hash']}.pf_meta")
        fragments = [gzip.decompress((bundle / "fragment" / f"{h}.pf_fragment").read_bytes()) for h, _ in meta[1]]
        urls = [json.loads(f[len(b"pagefind_dcd"):])["url"] for f in fragments]
        assert len(set(urls)) == len(urls)

        def pages(postings):
            page, out = 0, {}
            for i, (delta, locs, meta_locs) in enumerate(postings):
                page = delta if i == 0 else page + delta
                out[urls[page]] = (locs, [meta[5][-x - 1] if x < 0 else x for x in meta_locs])
            return out

        words = {}
        for _from, _to, h in meta[2]:
            for word, postings, variants in read_pf(bundle / "index" / f"{h}.pf_index")[0]:
                words[word] = (pages(postings), {form: pages(more) for form, more in variants})
        values = {url: indexed[url.lstrip("/") + "index.html"].sort for url in urls}
        result[lang] = {
            "pages": {url: (fragment, count) for url, fragment, (_, count) in zip(urls, fragments, meta[1])},
            "words": words,
            "chunks": [(a, b) for a, b, _ in meta[2]],
            "filters": {name: {value: sorted(urls[p] for p in ps)
                               for value, ps in read_pf(bundle / "filter" / f"{h}.pf_filter")[1]} for name, h in meta[3]},
            "sorts": {key: ([values[urls[p]][key] for p in order], sorted(urls[p] for p in order)) for key, order in meta[4]},
            "fields": meta[5],
        }
    for path in sorted(bundle.glob("*")):
        if path.is_file() and not path.name.endswith(".pf_meta") and path.name != "pagefind-entry.json":
            result[path.name] = path.read_bytes()
    return result


def test_a_bundle_merged_from_parts_finds_what_one_run_finds(tmp_path, monkeypatch):
    from papersite.search import merge
    decoded = []  # words whose postings the merge had to decode: parts numbering their meta fields otherwise
    monkeypatch.setattr(merge, "_renumbered", lambda *args, real=merge._renumbered: decoded.append(1) or real(*args))
    content, config = synthesise(tmp_path / "archive", 9)
    (content / "strategy.txt").write_bytes((ROOT / "content/documents").glob("*.txt").__next__().read_bytes())
    site = tmp_path / "_site"
    indexed = build(Paths(content, site, config, ROOT / "templates", ROOT / "assets"), Log(), use_cache=False).indexed
    one_run = found(site / "pagefind", indexed)
    parts = search_parts(indexed, most=25)
    assert len(parts) >= 4 and parts[0] == "documents/*/**/*.html"  # documents, and several years and committees
    assert any("{" in part for part in parts)  # a part of several committees: Pagefind reads its glob as we do
    for glob, names in pages_of_parts(parts, indexed).items():  # told, not globbed: what Pagefind's glob finds
        assert names and names == sorted(p.relative_to(site).as_posix() for p in globbed(site, glob)
                                         if "data-pagefind-body" in p.read_text(encoding="utf-8")), glob
    assert sum(map(len, pages_of_parts(parts, indexed).values())) == len(indexed)
    shutil.rmtree(site / "pagefind")
    log = Log()
    assert index_site(site, log, indexed, most=25) and not log.warnings
    merged = found(site / "pagefind", indexed)
    assert decoded == []  # every page has every meta field (templates/macros.html): each part numbers them alike
    assert merged.keys() == one_run.keys()
    for key in one_run:
        assert merged[key] == one_run[key], key
    words = one_run["en-gb"]["words"]
    assert len(words) > 1000 and sum(len(pages) > 1 for pages, _ in words.values()) > 100
    assert any(variants for _, variants in words.values()) and len(one_run["en-gb"]["chunks"]) > 3
    assert not (tmp_path / "._site.search-parts").exists()


def test_parts_whose_pages_are_unchanged_are_not_indexed_again(tmp_path, monkeypatch):
    """Told by the render stage, not by the pages' files: a page whose digest is unchanged is the same page."""
    content, config = synthesise(tmp_path / "archive", 6)
    site = tmp_path / "_site"
    indexed = build(Paths(content, site, config, ROOT / "templates", ROOT / "assets"), Log(), use_cache=False).indexed
    kept = tmp_path / "kept"
    assert index_site(site, Log(), indexed, most=25, kept=kept)
    first = files(site / "pagefind")
    shutil.rmtree(site / "pagefind")
    monkeypatch.setattr(search, "_pagefind", lambda *args: pytest.fail("Pagefind ran for an unchanged part"))
    monkeypatch.setattr(search, "merge_bundles", lambda *args, **kw: pytest.fail("merged again, nothing changed"))
    for path in site.glob("meetings/*/*/**/index.html"):  # the same pages, written again: new file times
        path.write_bytes(path.read_bytes())
    assert index_site(site, Log(), indexed, most=25, kept=kept)
    assert files(site / "pagefind") == first
    monkeypatch.undo()
    changed = next(site.glob("meetings/*/2016-*/index.html"))
    page = changed.read_text(encoding="utf-8")
    assert page.count("data-pagefind-body>") == 1
    changed.write_text(page := page.replace("data-pagefind-body>", "data-pagefind-body><p>Corrected.</p>"),
                       encoding="utf-8")
    name = changed.relative_to(site).as_posix()
    indexed = {**indexed, name: IndexedPage(page_digest(page.encode()), indexed[name].sort)}
    shutil.rmtree(site / "pagefind")
    ran = []
    real = search._pagefind
    monkeypatch.setattr(search, "_pagefind", lambda *args: ran.append(args) or real(*args))
    assert index_site(site, Log(), indexed, most=25, kept=kept)
    assert len(ran) == 1  # only the part holding the changed page
    merged = files(site / "pagefind")
    assert merged != first and any(b"Corrected." in data for name, data in merged.items() if "fragment" in name)


def test_parts_follow_the_calendar_and_the_committees_so_a_new_meeting_changes_only_its_share(tmp_path):
    """A year too large for one part is shared out among fixed groups of committees, a group's year too large
    among its months, a month too large among its committees: as the archive grows, every part but the one a
    new meeting falls in keeps its glob (and so its bundle)."""
    from papersite.search.index import committee_group
    assert committee_group("a") == committee_group("b") != committee_group("d")  # the names below are chosen so

    def add(meeting: str, pages: int) -> None:
        for n in range(pages):
            page = tmp_path / "meetings" / meeting / f"item-{n}" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text("<html></html>")

    def parts() -> list[str]:
        found = search_parts(told(tmp_path), most=40)
        for name in told(tmp_path):  # each page in one part, and one only
            assert sum(1 for part in found if glob_pattern(part).match(name)) == 1, name
        return found

    add("a/2021-01-05", 10)
    add("d/2021-02-05", 10)
    add("a/2022-01-05", 20)
    assert parts() == ["**/*.html"]  # small enough for one run
    add("d/2022-01-06", 15)
    before = parts()
    # A year of several committees is one part while it fits (one Pagefind run, not one a committee).
    assert before == ["meetings/*/2021-*/**/*.html", "meetings/*/2022-*/**/*.html"]
    add("c/2023-01-05", 8)
    assert parts() == [*before, "meetings/*/2023-*/**/*.html"]
    year, later = "meetings/*/2021-*/**/*.html", "meetings/*/2023-*/**/*.html"  # unchanged from here on
    add("a/2022-03-05", 8)  # 2022 no longer fits: its groups of committees each a part
    assert parts() == [year, "meetings/d/2022-*/**/*.html", "meetings/a/2022-*/**/*.html", later]
    add("b/2022-03-06", 10)  # in a's group, which still fits
    assert parts() == [year, "meetings/d/2022-*/**/*.html", "meetings/{a,b}/2022-*/**/*.html", later]
    add("b/2022-03-20", 5)  # a's group no longer fits: its months; d's part is as it was
    assert parts() == [year, "meetings/d/2022-*/**/*.html", "meetings/a/2022-01-*/**/*.html",
                       "meetings/{a,b}/2022-03-*/**/*.html", later]
    add("a/2022-03-25", 20)  # a month too large: its committees
    assert parts() == [year, "meetings/d/2022-*/**/*.html", "meetings/a/2022-01-*/**/*.html",
                       "meetings/a/2022-03-*/**/*.html", "meetings/b/2022-03-*/**/*.html", later]
    assert search_parts(told(tmp_path), most=40, split=20)[:2] == [year, "meetings/d/2022-*/**/*.html"]


def test_a_glob_for_several_committees_is_read_as_either_name():
    """As Pagefind's glob reads it (checked against Pagefind by the merge test above, whose parts have one)."""
    pattern = glob_pattern("meetings/{a,b-c}/2022-03-*/**/*.html")
    assert [name for name in ("meetings/a/2022-03-05/index.html", "meetings/b-c/2022-03-05/item-1/index.html",
                              "meetings/b/2022-03-05/index.html", "meetings/a/2022-04-05/index.html",
                              "meetings/xa/2022-03-05/index.html") if pattern.match(name)] == [
        "meetings/a/2022-03-05/index.html", "meetings/b-c/2022-03-05/item-1/index.html"]


def test_postings_joined_part_after_part_with_meta_fields_renumbered():
    from papersite.search.merge import _joined, _segment
    import cbor2
    first = [[2, [-13, 5], []], [3, [7], [-1, 0]]]  # pages 2 and 5 of the first part
    second = [[0, [9], [-1, 4]], [1, [1, 2], []]]  # pages 0 and 1 of the second part
    segments = [(0, _segment(first)), (1, _segment(second))]
    offsets = [0, 10]  # the first part has ten pages
    assert cbor2.loads(_joined(segments, offsets, [None, None])[0]) == [
        [2, [-13, 5], []], [3, [7], [-1, 0]], [5, [9], [-1, 4]], [1, [1, 2], []]]
    # The second part's only meta field is the merged bundle's second (field 0 there is field 1 here).
    assert cbor2.loads(_joined(segments, offsets, [None, [1]])[0]) == [
        [2, [-13, 5], []], [3, [7], [-1, 0]], [5, [9], [-2, 4]], [1, [1, 2], []]]


def test_the_postings_of_the_first_parts_joined_as_one_part_are_joined_as_they_were():
    """What the prefix keeps of a word (`_joined`'s head) is a segment of one part made of the first parts:
    joined after it to a later part, it gives the postings all the parts give."""
    from papersite.search.merge import _joined, _joined_segment, _segment
    import cbor2
    parts = [[[2, [-13, 5], []], [3, [7], [-1, 0]]], [[0, [9], [-1, 4]], [1, [1, 2], []]], [[4, [3], []]]]
    offsets = [0, 10, 20]
    segments = [(number, _segment(postings)) for number, postings in enumerate(parts)]
    whole, head = _joined(segments, offsets, [None] * 3, head=2)
    assert head == _joined_segment(segments[:2], offsets)
    assert _joined([(0, head), (1, segments[2][1])], [0, 20], [None, None]) == (whole, None)
    assert _joined(segments, offsets, [None] * 3, head=0)[1] is None
    assert _joined(segments[2:], offsets, [None] * 3, head=2) == (cbor2.dumps([[24, [3], []]]), None)
    # The first parts number their meta fields alike, the merged bundle otherwise: the head keeps their numbers
    renumbered, head = _joined(segments, offsets, [[1], [1], None], head=2)
    assert head == _joined_segment(segments[:2], offsets) and cbor2.loads(renumbered)[2] == [5, [9], [-2, 4]]
    assert _joined([(0, head), (1, segments[2][1])], [0, 20], [[1], None]) == (renumbered, None)


@pytest.mark.parametrize("damage", ["index truncated", "index not CBOR", "index of another shape", "prepared truncated"])
def test_a_damaged_part_falls_back_to_one_pagefind_run_with_a_warning(tmp_path, damage):
    """Whatever the merge meets in a part it cannot read (a new Pagefind's format: CBORDecodeError, KeyError,
    AssertionError…; a kept part cut short), the site still gets a whole, working index, from one run, and the
    clerk is told."""
    import cbor2
    from papersite.search.merge import MAGIC, PREPARED
    content, config = synthesise(tmp_path / "archive", 6)
    site = tmp_path / "_site"
    indexed = build(Paths(content, site, config, ROOT / "templates", ROOT / "assets"), Log(), use_cache=False).indexed
    one_run = found(site / "pagefind", indexed)
    kept = tmp_path / "kept"
    assert index_site(site, Log(), indexed, most=25, kept=kept)
    part = sorted(p for p in kept.iterdir() if p.name not in (search.MERGED, search.PREFIX))[1]
    if damage == "prepared truncated":
        prepared = part / PREPARED
        prepared.write_bytes(prepared.read_bytes()[: prepared.stat().st_size // 2])
    else:  # as a new Pagefind might write it: the part is prepared for the merge again
        (part / PREPARED).unlink()
        meta = next(part.glob("pagefind.*.pf_meta"))
        data = gzip.decompress(meta.read_bytes())
        meta.write_bytes(gzip.compress({"index truncated": data[: len(data) // 2],
                                        "index not CBOR": MAGIC + b"\xff\xfe\xfd",
                                        "index of another shape": MAGIC + cbor2.dumps({"pages": 1})}[damage]))
    shutil.rmtree(site / "pagefind")
    shutil.rmtree(kept / search.MERGED)  # else the bundle merged last time is linked in as it is,
    shutil.rmtree(kept / search.PREFIX)  # or the parts before the newest year, merged, stand in for the part
    log = Log()
    assert index_site(site, log, indexed, most=25, kept=kept)
    assert [w for w in log.warnings if "could not be built in parts" in w.text and "built in one run" in w.text]
    assert found(site / "pagefind", indexed) == one_run
    assert not kept.exists()  # its parts are indexed afresh next time, not met damaged again


def test_a_part_prepared_by_other_code_is_prepared_again_from_its_bundle(tmp_path, monkeypatch):
    """A kept part's prepared file names the code that prepared it (`merge.prepared_by`): after an upgrade that
    prepares parts otherwise, each is prepared again from Pagefind's bundle (not indexed again), with no
    warning and the same index; it was once trusted while a version raised by hand said nothing had changed."""
    from papersite.search import merge
    content, config = synthesise(tmp_path / "archive", 6)
    site = tmp_path / "_site"
    indexed = build(Paths(content, site, config, ROOT / "templates", ROOT / "assets"), Log(), use_cache=False).indexed
    kept = tmp_path / "kept"
    assert index_site(site, Log(), indexed, most=25, kept=kept)
    merged_before = found(site / "pagefind", indexed)
    parts = sorted(p for p in kept.iterdir() if p.name not in (search.MERGED, search.PREFIX))
    assert len(parts) > 1 and all(merge.is_prepared(part) for part in parts)
    monkeypatch.setattr(merge, "prepared_by", lambda: "other code")  # the code now is not what prepared them
    assert not any(merge.is_prepared(part) for part in parts)
    prepared, indexed_again = [], []
    monkeypatch.setattr(search, "prepare_part", lambda bundle, pages: (prepared.append(bundle),
                                                                        merge.prepare_part(bundle, pages)))
    real_pagefind = search._pagefind
    monkeypatch.setattr(search, "_pagefind", lambda *a: (indexed_again.append(a), real_pagefind(*a))[1])
    shutil.rmtree(site / "pagefind")
    shutil.rmtree(kept / search.MERGED)  # else the bundle merged last time is linked in as it is
    shutil.rmtree(kept / search.PREFIX, ignore_errors=True)
    log = Log()
    assert index_site(site, log, indexed, most=25, kept=kept)
    assert sorted(prepared) == parts and not indexed_again and not log.warnings
    assert all(merge.is_prepared(part) for part in parts) and found(site / "pagefind", indexed) == merged_before


def test_the_parts_before_the_two_newest_years_are_kept_merged_and_stand_in_for_them_with_the_same_result(tmp_path,
                                                                                                     monkeypatch):
    """A rebuild that changes the two newest years, or starts a year after them, joins the postings of the parts
    before them merged as one (`merge.PREFIX`), not part by part; one that changes an earlier year merges them all and
    keeps the new prefix. Each merge is byte for byte the merge of every part."""
    from papersite.search import merge
    content, config = synthesise(tmp_path / "archive", 9)
    site = tmp_path / "_site"
    indexed = build(Paths(content, site, config, ROOT / "templates", ROOT / "assets"), Log(), use_cache=False).indexed
    kept = tmp_path / "kept"
    merged_parts = []
    real_merge = merge._merge_language
    monkeypatch.setattr(merge, "_merge_language", lambda language, parts, *rest: merged_parts.append(
        [part.name for part in parts]) or real_merge(language, parts, *rest))

    tried = []  # merges each index took: two where the prefix failed

    def index_and_compare() -> tuple[list[str], list[str]]:
        """Index with the kept parts, then compare with every part merged: (the parts of the site, what the
        kept merge that made the bundle joined)."""
        parts = search_parts(indexed, most=25)
        merged_parts.clear()
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        log = Log()
        assert index_site(site, log, indexed, most=25, kept=kept) and not log.warnings
        with_prefix, attempts = files(site / "pagefind"), list(merged_parts)
        shutil.rmtree(site / "pagefind")
        assert index_site(site, Log(), indexed, most=25)  # every part made and merged afresh
        assert files(site / "pagefind") == with_prefix
        code, *covers = json.loads((kept / merge.PREFIX / "made-from").read_text())
        assert code == merge.merge_code() and [line.split("|")[0] for line in covers] == [
            search._part_state(glob, [], kept, {})[0].name for glob in parts[:search.before_recent_years(parts)]]
        assert len(attempts) == 1 or (len(attempts) == 2 and attempts[0][0] == merge.PREFIX)  # a failed prefix
        tried.append(len(attempts))
        return parts, attempts[-1]

    def change(glob: str, words: str) -> None:
        page = sorted(site.glob(glob))[0]
        html = page.read_text(encoding="utf-8").replace("data-pagefind-body>", f"data-pagefind-body><p>{words}</p>", 1)
        page.write_text(html, encoding="utf-8")
        name = page.relative_to(site).as_posix()
        indexed[name] = IndexedPage(page_digest(html.encode()), indexed[name].sort)

    parts, joined = index_and_compare()
    years = sorted({part.split("/")[2][:4] for part in parts if part.startswith("meetings/")})
    assert len(years) >= 3 and search.before_recent_years(parts) >= 3
    assert joined[0] != merge.PREFIX and len(joined) == len(parts)  # the first merge: every part
    change(f"meetings/*/{years[-1]}-*/**/index.html", "Corrected in the newest year.")
    parts, joined = index_and_compare()
    assert joined[0] == merge.PREFIX and len(joined) == 1 + len(parts) - search.before_recent_years(parts)
    # the year before the newest (where a new pack's minutes of its committee's last meeting fall): the same
    change(f"meetings/*/{years[-2]}-*/**/index.html", "Corrected in the year before the newest.")
    parts, joined = index_and_compare()
    assert joined[0] == merge.PREFIX and len(joined) == 1 + len(parts) - search.before_recent_years(parts)
    # A meeting in a year after the newest: the newest year joins the prefix
    newest = sorted(site.glob(f"meetings/*/{years[-1]}-*/"))[-1]
    later = newest.with_name(f"{int(years[-1]) + 1}{newest.name[4:]}")
    shutil.copytree(newest, later)
    for page in later.rglob("index.html"):
        old = page.relative_to(site).as_posix().replace(later.name, newest.name, 1)
        indexed[page.relative_to(site).as_posix()] = IndexedPage(page_digest(page.read_bytes()), indexed[old].sort)
    kept_before = search.before_recent_years(parts)
    parts, joined = index_and_compare()
    # the prefix as it was, the parts after it (the year the prefix now takes in, and the newest) and the new year
    assert joined[0] == merge.PREFIX and len(joined) == 1 + len(parts) - kept_before
    assert search.before_recent_years(parts) > kept_before
    assert len(json.loads((kept / merge.PREFIX / "made-from").read_text())) == 1 + search.before_recent_years(parts)
    change(f"meetings/*/{years[0]}-*/**/index.html", "Corrected in the first year.")
    parts, joined = index_and_compare()
    assert joined[0] != merge.PREFIX and len(joined) == len(parts)  # every part again, and the prefix made anew
    # A damaged prefix (cut short) is the cache's own: the parts themselves are merged, and it is made again.
    prepared = kept / merge.PREFIX / merge.PREPARED
    prepared.write_bytes(prepared.read_bytes()[: prepared.stat().st_size // 2])
    change(f"meetings/*/{later.name[:4]}-*/**/index.html", "Corrected again.")  # the newest year now
    parts, joined = index_and_compare()
    assert tried[-1] == 2 and joined[0] != merge.PREFIX and merge.is_prepared(kept / merge.PREFIX)
    assert tried[:-1] == [1] * (len(tried) - 1)
    # Keeping the prefix fails (a full disk, say): the bundle is whole all the same, and no prefix is left
    def no_room(kept, *args):
        (kept / f"{merge.PREFIX}.partial").mkdir()
        raise OSError("no room")
    monkeypatch.setattr(merge, "_keep_prefix", no_room)
    change(f"meetings/*/{years[0]}-*/**/index.html", "Corrected in the first year again.")
    shutil.rmtree(site / "pagefind")
    log = Log()
    assert index_site(site, log, indexed, most=25, kept=kept) and not log.warnings
    with_no_prefix = files(site / "pagefind")
    assert not (kept / merge.PREFIX).exists() and not (kept / f"{merge.PREFIX}.partial").exists()
    shutil.rmtree(site / "pagefind")
    assert index_site(site, Log(), indexed, most=25)
    assert files(site / "pagefind") == with_no_prefix


def test_the_search_stage_is_told_of_each_page_and_reads_none(tmp_path, monkeypatch):
    """The render stage tells the search stage each indexed page's digest and sort values; the parts are made
    and merged without this process opening a page (Pagefind's own runs read them, in their processes)."""
    content, config = synthesise(tmp_path / "archive", 6)
    site = tmp_path / "_site"
    indexed = build(Paths(content, site, config, ROOT / "templates", ROOT / "assets"), Log(), use_cache=False).indexed
    bodies = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text()}
    assert set(indexed) == bodies
    for name, page in indexed.items():
        html = (site / name).read_text(encoding="utf-8")
        assert page.digest == page_digest(html.encode()) and f'data-pagefind-sort="date">{page.sort["date"]}<' in html
    shutil.rmtree(site / "pagefind")
    assert len(search_parts(indexed, most=25)) > 1
    real_read = type(site).read_bytes

    def read_bytes(path):
        assert path.suffix != ".html", f"the search stage read {path}"
        return real_read(path)
    monkeypatch.setattr(type(site), "read_bytes", read_bytes)
    monkeypatch.setattr(type(site), "read_text", lambda path, *a, **k: read_bytes(path).decode())
    log = Log()
    assert index_site(site, log, indexed, most=25, kept=tmp_path / "kept") and not log.warnings
    monkeypatch.undo()
    assert (site / "pagefind" / "pagefind.js").exists()


def test_parts_are_indexed_side_by_side_within_the_page_budget_and_warn_in_order(tmp_path, monkeypatch):
    """Pagefind runs side by side (`jobs` of them) while the pages they index at once fit in the budget
    (`most`: Pagefind holds them in memory); a part larger than what is left runs alone. Whichever finishes
    first, warnings come in the parts' order."""
    import threading
    import time
    site = tmp_path / "_site"
    for year, pages in (("2019", 10), ("2020", 10), ("2021", 30), ("2022", 10)):
        for n in range(pages):
            page = site / "meetings" / "a" / f"{year}-01-05" / f"item-{n}" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(f"<html><body data-pagefind-body>{year} {n}</body></html>")
    parts = search_parts(told(site), most=35)
    assert len(parts) == 4
    size = {glob: sum(1 for _ in site.glob(glob)) for glob in parts}
    lock, running, seen = threading.Lock(), {}, []
    together = threading.Barrier(2, timeout=10)  # 2019 and 2020 can only pass it side by side

    def pagefind(site_, log, *options):
        glob = options[options.index("--glob") + 1]
        with lock:
            running[glob] = size[glob]
            seen.append(dict(running))
        if glob in parts[:2]:
            together.wait()
            if glob == parts[0]:
                time.sleep(0.1)  # the first part finishes after the second
        with lock:
            del running[glob]
        log.warn("", None, f"failed: {glob}", "")
        return False
    monkeypatch.setattr(search, "_pagefind", pagefind)
    log = Log()
    assert not index_site(site, log, told(site), most=35, kept=tmp_path / "kept", jobs=2)
    assert [w.text for w in log.warnings] == [f"failed: {glob}" for glob in parts]
    for at_once in seen:
        assert len(at_once) == 1 or sum(at_once.values()) <= 35, at_once
    assert {parts[0]: 10, parts[1]: 10} in seen  # 2019 and 2020 side by side
    assert {parts[2]: 30} in seen  # 2021 alone


def test_the_rest_of_the_site_is_written_while_the_parts_are_indexed(tmp_path, monkeypatch):
    """`meanwhile` (the feeds, the open data, the assets: nothing indexed) runs while Pagefind indexes the
    parts, neither before nor after; what fails in it is the build's failure, not a reason to index in one
    run, and no part begins after it."""
    import threading
    site = tmp_path / "_site"
    for year in ("2019", "2020", "2021"):
        for n in range(10):
            page = site / "meetings" / "a" / f"{year}-01-05" / f"item-{n}" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(f"<html><body data-pagefind-body>{year} {n}</body></html>")
    indexing, written = threading.Event(), threading.Event()
    overlapped, ran = [], []

    def pagefind(site_, log, *options):
        ran.append(options[options.index("--glob") + 1])
        indexing.set()
        overlapped.append(written.wait(timeout=10))
        return False

    def meanwhile():
        overlapped.append(indexing.wait(timeout=10))
        written.set()
    monkeypatch.setattr(search, "_pagefind", pagefind)
    assert not index_site(site, Log(), told(site), most=15, kept=tmp_path / "kept", meanwhile=meanwhile, jobs=1)
    assert overlapped == [True, True, True, True] and len(ran) == 3

    ran.clear()
    release = threading.Event()

    def slow_pagefind(site_, log, *options):
        ran.append(options[options.index("--glob") + 1])
        indexing.set()
        release.wait(timeout=10)
        return True

    def broken():
        indexing.wait(timeout=10)
        threading.Timer(0.2, release.set).start()  # the run under way ends after the failure
        raise RuntimeError("the feed could not be written")
    indexing.clear()
    monkeypatch.setattr(search, "_pagefind", slow_pagefind)
    log = Log()
    with pytest.raises(RuntimeError, match="the feed could not be written"):
        index_site(site, log, told(site), most=15, meanwhile=broken, jobs=1)
    assert len(ran) == 1  # the run under way finished; no other began
    assert not [w for w in log.warnings if "built in one run" in w.text]
    assert not (tmp_path / "._site.search-parts").exists()  # nothing left beside the site


def test_a_page_in_no_part_is_indexed_in_one_run_with_a_warning(tmp_path):
    """The parts are worked out from the pages' names: were an indexed page ever in none of them (a new kind
    of page outside meetings/ and documents/), it would not be found; the site is indexed in one run instead."""
    site = tmp_path / "_site"
    for name in ("meetings/a/2021-01-05/index.html", "meetings/a/2022-01-05/index.html", "topics/x/index.html"):
        page = site / name
        page.parent.mkdir(parents=True)
        page.write_text(f"<html><body data-pagefind-body>{name}</body></html>")
    log = Log()
    assert index_site(site, log, told(site), most=1)
    assert [w for w in log.warnings if "1 page in no part" in w.text and "built in one run" in w.text]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(language["page_count"] for language in entry["languages"].values()) == 3


def test_a_page_changed_only_where_pagefind_does_not_read_has_the_same_digest(tmp_path):
    """The digest the search stage is told is of what Pagefind reads: a change inside `data-pagefind-ignore`
    (an older meeting's "next meeting" link, a "Mentioned in" list) or to where a link goes (a cross-link
    appearing in older minutes) leaves it, and Pagefind's bundle, as they were; a change to the words, to a
    filter or sort key (which Pagefind reads even there) or to a link's id, does not."""
    page = ('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><div data-pagefind-body>'
            '<h1>Meeting</h1><p>Words of the page.</p>'
            '<div hidden data-pagefind-ignore><span data-pagefind-filter="kind">Meeting</span></div>'
            '<div data-pagefind-ignore><h2 id="page-mentions">Mentioned in</h2><ul><li><div>one</div></li></ul></div>'
            '<nav class="pager" data-pagefind-ignore><ul><li><a href="../a/">Next meeting: 1 May</a></li></ul></nav>'
            '<p class="page-mark" id="page-3" data-pagefind-ignore><a href="#page-3">Page 3</a></p>'
            '<p data-pagefind-ignore>Status: answered by <abbr title="Special Educational Needs" '
            'data-pagefind-index-attrs="title"><span data-pagefind-weight="3">SEN</span></abbr></p>'
            '<p class="note">The data-pagefind-ignore attribute hides words.</p>'
            '<p>The minutes of the meeting held on 26 April 2022 were confirmed, as <a href="../b/">the '
            'clerk said</a>.</p>'
            '<p>More words.</p></div></main></body></html>')
    same = (page.replace("Next meeting: 1 May", "Next meeting: 8 May")
            .replace("held on 26 April 2022", 'held on <a href="../../2022-04-26/">26 April 2022</a>')  # a cross-link
            .replace('href="../b/"', 'class="term" href="../c/"')  # a link going elsewhere
            .replace("<li><div>one</div></li>", "<li><div>one</div></li><li><div>two</div></li>")
            .replace('id="page-3"', 'id="page-4"').replace("Special Educational Needs", "Special Needs"))
    changed = {"words": page.replace("More words.", "Other words."),
               "words about the attribute": page.replace("hides words", "hides other words"),
               "filter": page.replace(">Meeting</span>", ">Minutes</span>"),
               "a link that is an anchor": page.replace('<a href="../b/">', '<a id="said" href="../b/">')}
    assert page_digest(page.encode()) == page_digest(same.encode())
    assert all(page_digest(other.encode()) != page_digest(page.encode()) for other in changed.values())

    def bundle(html: str) -> dict[str, bytes]:
        site = tmp_path / f"site-{len(list(tmp_path.iterdir()))}"
        (site / "p").mkdir(parents=True)
        (site / "p" / "index.html").write_text(html, encoding="utf-8")
        assert search._pagefind(site, Log())
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*"))
                if p.is_file()}
    assert bundle(page) == bundle(same)  # Pagefind read the same from both
    assert bundle(page) != bundle(changed["words"]) and bundle(page) != bundle(changed["filter"])
    assert bundle(page) != bundle(changed["a link that is an anchor"])  # Pagefind reads a link's id


def test_a_run_begins_while_a_part_is_prepared_and_no_more_than_jobs_run_at_once(tmp_path, monkeypatch):
    """Preparing a part for the merge is Python, in this process: the next Pagefind run does not wait for it
    (the processors would idle), and still no more than `jobs` runs go at once, whatever fits the budget."""
    import threading
    site = tmp_path / "_site"
    for year in ("2019", "2020", "2021", "2022"):
        for n in range(10):
            page = site / "meetings" / "a" / f"{year}-01-05" / f"item-{n}" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(f"<html><body data-pagefind-body>{year} {n}</body></html>")
    lock, running, most_at_once, begun = threading.Lock(), [0], [0], []
    third_begun, stalled = threading.Event(), []

    def pagefind(site_, log, *options):
        if "--glob" not in options:
            return False  # the one run over the whole site the failed merge falls back to
        with lock:
            running[0] += 1
            most_at_once[0] = max(most_at_once[0], running[0])
            begun.append(options[options.index("--glob") + 1])
            first = len(begun) <= 2
            if len(begun) == 3:
                third_begun.set()
        if first:  # a third would fit the budget, but jobs is 2: it must not begin while these two run
            third_begun.wait(timeout=0.5)
        with lock:
            running[0] -= 1
        return True
    prepared = []

    def prepare_part(bundle, pages):
        prepared.append(bundle)
        if len(prepared) <= 2 and not third_begun.wait(timeout=20):  # the first two wait for the third run
            stalled.append(bundle)  # no run began while parts were being prepared
    monkeypatch.setattr(search, "_pagefind", pagefind)
    monkeypatch.setattr(search, "prepare_part", prepare_part)
    index_site(site, Log(), told(site), most=35, kept=tmp_path / "kept", jobs=2)
    assert not stalled and len(begun) == 4 and len(prepared) == 4 and most_at_once[0] == 2
