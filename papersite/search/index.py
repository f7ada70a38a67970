"""Index the built site for search with Pagefind.

The output folder is indexed by Pagefind's own binary (shipped in the `pagefind[bin]` package): its
Python API adds pages one by one, about ten a second. Only pages marked `data-pagefind-body` (meetings
and documents) are indexed. Pagefind holds every page it indexes in memory, so an archive of more than
PART_PAGES pages is indexed in parts (a year of meetings each, a large year shared out) and the parts are
merged into one ordinary bundle (`searchmerge`): the browser sees no difference. A rebuild indexes again
only the parts whose pages changed, as the render stage tells them (`IndexedPage`): this stage reads no page
to find out.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Iterable

import cbor2
from pagefind.service import get_executable

from ..incremental.cache import link_or_copy
from ..messages import Log
from ..workers import default_jobs
from .merge import MAGIC, PREFIX, is_prepared, merge_bundles, merge_code, part_name, prepare_part, read_pf

MERGED = "merged"  # the folder, among the kept parts, of the bundle merged from them
PART_PAGES = 1200  # pages per Pagefind run: about 700 MB of its memory
SPLIT_PAGES = 300  # pages of a year (or of a share of one) above which it is shared out (`search_parts`): about
# 2 s of Pagefind to index again for the pack that changes it
INSTALL = "Install the requirements (`python -m pip install -r requirements.txt`) and build again."


@dataclass(frozen=True)
class IndexedPage:
    """What the render stage tells this one of each page it wrote: a digest of what Pagefind reads of it
    (`page_digest`: a part whose pages are all the same as last time is not indexed again) and its sort values
    (`render.contexts.SearchData`: the merge orders the parts' pages by them)."""
    digest: bytes
    sort: dict[str, str]


def search_parts(pages: Iterable[str], most: int = PART_PAGES, split: int = SPLIT_PAGES) -> list[str]:
    """Globs (relative to the site), one a part, that share out the indexed `pages` (their files in the site,
    as the render stage names them): one for the whole site if it fits in `most` pages, else one for the
    documents and one for each year of meetings. A year of more than `split` pages (or `most`, if fewer) is
    shared out among its committees' groups (`committee_group`), and a group's year of more than that among its
    months (each committee's month apart, in a month too large for one part). Parts follow the calendar and
    the committees, not a running count of pages, so a new meeting changes only its part and, where the pack
    carries the minutes of its committee's meeting before, that meeting's: a county's new pack re-indexes its
    group's year (about 140 pages at 300 packs of thirty committees), not its whole year (370). A share is
    split only once it is large: each Pagefind run costs about 0.06 s more than its pages (a part for every
    committee's year made a county's full build thirty runs a year), and a unit that grows past `split` is
    indexed again once, as its parts. A committee's month is not split further: one larger than `most` runs
    alone (`_Budget`). (A part for each quarter of the newest year alone was tried: a pack that opens a new
    year then indexed the whole of the year before again, as its quarters became one part. Meetings shared
    out by a hash of each, in a number of parts that grew with the year, were tried too: a year whose count
    doubled re-indexed all of its parts.)"""
    counts: dict[tuple[str, str, str], int] = {}  # (year, month, committee) -> pages
    documents = 0
    for name in pages:
        folders = name.split("/")
        if folders[0] == "meetings" and len(folders) >= 4:  # meetings/<committee>/<yyyy-mm-dd>/…
            key = (folders[2][:4], folders[2][5:7], folders[1])
            counts[key] = counts.get(key, 0) + 1
        elif folders[0] == "documents" and len(folders) >= 3:
            documents += 1
    if sum(counts.values()) + documents <= most:
        return ["**/*.html"]
    split = min(split, most)
    parts = ["documents/*/**/*.html"] if documents else []
    for year in sorted({year for year, _, _ in counts}):
        in_year = {(month, committee): n for (y, month, committee), n in counts.items() if y == year}
        if sum(in_year.values()) <= split:
            parts.append(f"meetings/*/{year}-*/**/*.html")
            continue
        for group in range(COMMITTEE_GROUPS):
            shared = {key: n for key, n in in_year.items() if committee_group(key[1]) == group}
            if not shared:
                continue
            if sum(shared.values()) <= split:
                parts.append(f"meetings/{_either({committee for _, committee in shared})}/{year}-*/**/*.html")
                continue
            for month in sorted({month for month, _ in shared}):
                in_month = {committee: n for (m, committee), n in shared.items() if m == month}
                if sum(in_month.values()) <= split:
                    parts.append(f"meetings/{_either(in_month)}/{year}-{month}-*/**/*.html")
                else:
                    parts += [f"meetings/{committee}/{year}-{month}-*/**/*.html" for committee in sorted(in_month)]
    return parts


COMMITTEE_GROUPS = 4  # the shares of a large year: a fixed number, so that a committee stays in its share as the
# archive grows (a county's thirty committees, about seven a share)


def committee_group(committee: str) -> int:
    """The share of a large year that a committee's meetings are in: fixed by its address alone."""
    return hashlib.sha256(committee.encode()).digest()[0] % COMMITTEE_GROUPS


def _either(committees: Iterable[str]) -> str:
    """A glob's folder for any of `committees` (addresses are lower-case words joined by hyphens: no glob's
    special characters)."""
    names = sorted(committees)
    return names[0] if len(names) == 1 else "{" + ",".join(names) + "}"


RECENT_YEARS = 2  # the years whose parts are not kept merged (`before_recent_years`)


def before_recent_years(parts: list[str], recent: int = RECENT_YEARS) -> int:
    """How many of the `parts` (`search_parts`) come before the `recent` newest years': they are kept merged, as
    one part (`merge.merge_bundles`), because a new pack changes the newest year's part (or starts a year after
    it) and, when it carries the minutes of its committee's meeting before (a county's committees meet a few
    times a year), often the year before's: the merge then joins the kept parts as they were."""
    years = [match[1] if (match := re.match(r"meetings/[^/]+/(\d{4})-", part)) else "" for part in parts]
    newest = sorted(set(years) - {""})[-recent:]
    return years.index(newest[0]) if newest else 0


def glob_pattern(glob: str) -> re.Pattern:
    """The files (relative to the site) that Pagefind's `--glob` finds, as a pattern: `**` any folders, `*` any
    characters but "/", `{a,b}` either name (as Pagefind's glob reads it, and `Path.glob` does not)."""
    def segment(text: str) -> str:
        out, inside = [], False
        for c in text:
            if c == "*":
                out.append("[^/]*")
            elif c == "{" and not inside:
                out.append("(?:")
                inside = True
            elif c == "}" and inside:
                out.append(")")
                inside = False
            else:
                out.append("|" if c == "," and inside else re.escape(c))
        return "".join(out)
    regex = "".join("(?:[^/]+/)*" if part == "**" else segment(part) + "/" for part in glob.split("/"))
    return re.compile(regex.removesuffix("/") + r"\Z")


def pages_of_parts(parts: list[str], pages: Iterable[str]) -> dict[str, list[str]]:
    """The pages each part's glob finds among `pages`, in order: what its Pagefind run indexes (no other file
    it finds has `data-pagefind-body`), worked out without reading the site."""
    patterns = [(part, glob_pattern(part)) for part in parts]
    found: dict[str, list[str]] = {part: [] for part in parts}
    for name in sorted(pages):
        part = next((part for part, pattern in patterns if pattern.match(name)), None)
        if part is not None:
            found[part].append(name)
    return found


def index_site(site: Path, log: Log, pages: dict[str, IndexedPage], most: int = PART_PAGES, kept: Path | None = None,
               meanwhile: Callable[[], object] = lambda: None, jobs: int | None = None) -> bool:
    """Build the search index into site/pagefind/. Returns False (with a warning) if it could not. `pages`:
    each page the render stage wrote, by its file in the site. With `kept` (a folder in the build cache), the
    bundle of each part is kept there, and a part whose pages are the same as last time is not indexed again;
    the merged bundle is kept there too, and linked in again while no part changes. `meanwhile` writes the rest
    of the site, none of it indexed: it runs here while the parts are made and merged in a thread (Pagefind's
    runs are other processes), or before the one run over the whole site of a small archive. Up to `jobs`
    Pagefind runs side by side (default: one for each processor)."""
    parts = search_parts(pages, most)
    jobs = jobs or default_jobs()
    if len(parts) <= 1:
        meanwhile()
    else:
        folder = kept or site.parent / f".{site.name}.search-parts"
        parts_log = Log()  # the parts' warnings follow any from `meanwhile`, whichever came first
        budget = _Budget(most, jobs)
        try:
            with ThreadPoolExecutor(max_workers=1) as background:
                merging = background.submit(_merged_parts, site, parts_log, parts, folder, pages, budget, jobs, kept)
                try:
                    meanwhile()  # what fails here is the build's to report, not the index's
                except BaseException:
                    budget.stop()  # no part begins now: the build has failed
                    raise
        except BaseException:
            if not kept:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        log.messages.extend(parts_log.messages)  # the thread is done
        try:
            merged = merging.result()
        except Exception as problem:  # noqa: BLE001 — the merge reads Pagefind's undocumented files: whatever
            # it meets there (a new format raises CBORDecodeError, KeyError, AssertionError…), one Pagefind run
            # over the whole site still makes a working index, only more slowly
            log.warn("", None, f"the search index could not be built in parts ({type(problem).__name__}: "
                     f"{problem}); it was built in one run.",
                     "Please report this, with the Pagefind version (`python -m pagefind --version`).")
            shutil.rmtree(site / "pagefind", ignore_errors=True)
            shutil.rmtree(folder, ignore_errors=True)  # the kept parts are indexed afresh next time
            parts = []
        else:
            return merged
        finally:
            if not kept:
                shutil.rmtree(folder, ignore_errors=True)
    if len(parts) <= 1 and not _pagefind(site, log):
        return False
    if not (site / "pagefind" / "pagefind.js").exists():
        log.warn("", None, "the search index was not built (Pagefind wrote no bundle).", INSTALL)
        return False
    try:
        make_deterministic(site / "pagefind")
    except Exception as problem:  # noqa: BLE001 — as above: Pagefind's bundle works as it wrote it
        log.warn("", None, f"the search index works, but could not be put in a fixed order "
                 f"({type(problem).__name__}: {problem}): two builds of the same papers may differ in it.",
                 "Please report this, with the Pagefind version (`python -m pagefind --version`).")
    return True


def _merged_parts(site: Path, log: Log, parts: list[str], folder: Path, pages: dict[str, IndexedPage],
                  budget: "_Budget", jobs: int, kept: Path | None) -> bool:
    """Each part's bundle (made again where its pages changed), merged into the site's."""
    bundles = _part_bundles(site, log, parts, folder, pages, budget, jobs)
    if bundles is None:
        return False
    for stale in set(folder.iterdir()) - set(bundles) - {folder / MERGED, folder / PREFIX}:
        shutil.rmtree(stale, ignore_errors=True)
    made_from = _merged_from(bundles) if kept else None
    if made_from and _merged_kept(site, folder, made_from):
        return True
    merge_bundles(bundles, site / "pagefind", kept, before_recent_years(parts))  # should it fail, `index_site`
    # makes the index in one Pagefind run
    make_deterministic(site / "pagefind")
    if made_from:
        _keep_merged(site, folder, made_from)
    return True


def _merged_from(bundles: list[Path]) -> str:
    """What a merged bundle is made from: the parts, in order, each named by the files it was made from, and the
    merge's code."""
    digest = hashlib.sha256(merge_code().encode())
    for bundle in bundles:
        digest.update(f"{part_name(bundle)}\n".encode())
    return digest.hexdigest()


def _merged_kept(site: Path, folder: Path, made_from: str) -> bool:
    """Link the bundle merged last time into the site if it was merged from the same parts (as when nothing
    changed), instead of merging them again."""
    merged = folder / MERGED
    try:
        if (merged / "made-from").read_text(encoding="utf-8") != made_from:
            return False
    except OSError:
        return False
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    shutil.copytree(merged / "pagefind", site / "pagefind", copy_function=link_or_copy)
    return True


def _keep_merged(site: Path, folder: Path, made_from: str) -> None:
    merged = folder / MERGED
    shutil.rmtree(merged, ignore_errors=True)
    shutil.copytree(site / "pagefind", merged / "pagefind", copy_function=link_or_copy)
    (merged / "made-from").write_text(made_from, encoding="utf-8")


def _part_bundles(site: Path, log: Log, globs: list[str], folder: Path, pages: dict[str, IndexedPage],
                  budget: "_Budget", jobs: int) -> list[Path] | None:
    """The bundle of each part (the pages each glob finds), made by Pagefind unless the one kept was made from
    the same pages; None (with the warnings) if Pagefind failed. Parts are made side by side, up to `jobs`
    Pagefind runs, while the pages being indexed at once fit in `budget` (Pagefind holds each page it
    indexes in memory): on two cores, 30 parts took about a third less time than one after another, as
    each run's start and the preparing of one part (`prepare_part`, Python) overlap another part's indexing;
    a run does not wait for the part before it to be prepared.
    Warnings are given in the parts' order, whichever run finishes first."""

    preparing = threading.Semaphore(jobs)  # parts held in memory to be prepared at once: as many as runs

    def make(glob: str, bundle: Path, made_from: str, count: int) -> Log:
        part_log = Log()
        shutil.rmtree(bundle, ignore_errors=True)
        with budget.taken(count) as going:
            made = going and _pagefind(site, part_log, "--glob", glob, "--output-path", str(bundle))
        if made:
            with preparing:
                prepare_part(bundle, pages)
            (bundle / "made-from").write_text(made_from, encoding="utf-8")
        return part_log

    shared = pages_of_parts(globs, pages)
    if sum(map(len, shared.values())) != len(pages):  # never so: a page in no part would not be found
        left_out = sorted(set(pages) - {name for names in shared.values() for name in names})
        raise ValueError(f"{len(left_out)} page{'s' if len(left_out) != 1 else ''} in no part of the search "
                         f"index (first: {left_out[0]})")
    # Twice as many threads as runs: while one thread prepares the part its run made (Python), another starts
    # the next run, so the processors are not left idle (a seventh of a full build).
    with ThreadPoolExecutor(max_workers=2 * jobs) as pool:
        runs = []
        for glob, names in shared.items():
            bundle, made_from, count = _part_state(glob, names, folder, pages)
            kept = (bundle / "made-from").exists() and (bundle / "made-from").read_text(encoding="utf-8") == made_from
            if kept and not is_prepared(bundle):  # kept by an earlier version of this code
                prepare_part(bundle, pages)
            runs.append((bundle, None if kept else pool.submit(make, glob, bundle, made_from, count)))
        for _, run in runs:
            if run is not None:
                log.messages.extend(run.result().messages)
    made = all(run is None or (bundle / "made-from").exists() for bundle, run in runs)
    return [bundle for bundle, _ in runs] if made else None


def _part_state(glob: str, names: list[str], folder: Path, pages: dict[str, IndexedPage]) -> tuple[Path, str, int]:
    """Where a part's bundle is kept, what it is made from (its pages' `names` and digests, and Pagefind's
    version), and how many pages it has."""
    bundle = folder / hashlib.sha256(glob.encode()).hexdigest()[:16]
    digest = hashlib.sha256(f"{version('pagefind')}|{glob}".encode())
    for name in names:
        digest.update(f"{name}|{pages[name].digest.hex()}\n".encode())
    return bundle, digest.hexdigest(), len(names)


class _Budget:
    """The pages being indexed at once, by up to `runs` Pagefind runs side by side: a run waits until its part
    fits in what is left of `most`, or runs alone, and runs begin in the order they asked (a large part is not
    overtaken by the small ones after it). Once stopped, no run begins."""

    def __init__(self, most: int, runs: int = 1):
        self.most, self.taken_now, self.changed = most, 0, threading.Condition()
        self.runs, self.running = runs, 0  # at most `runs` at once, whatever fits
        self.asked = self.begun = 0  # tickets: runs begin in the order they asked
        self.stopped = False

    @contextmanager
    def taken(self, pages: int):
        """Yields whether the run may go on (False once stopped)."""
        with self.changed:
            ticket, self.asked = self.asked, self.asked + 1
            self.changed.wait_for(lambda: self.stopped or (
                self.begun == ticket and self.running < self.runs
                and (self.taken_now == 0 or self.taken_now + pages <= self.most)))
            self.begun += 1
            self.taken_now += pages
            self.running += 1
            self.changed.notify_all()
        try:
            yield not self.stopped
        finally:
            with self.changed:
                self.taken_now -= pages
                self.running -= 1
                self.changed.notify_all()

    def stop(self) -> None:
        with self.changed:
            self.stopped = True
            self.changed.notify_all()


IGNORED = b"data-pagefind-ignore"
READ_WHERE_IGNORED_RE = re.compile(rb"data-pagefind-(?:filter|sort|meta|default-meta)\b")  # Pagefind reads these
# even inside an ignored element (weights and indexed attributes there it does not: tested)
VOID_TAGS = {b"area", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"source", b"wbr"}


def page_digest(page: bytes) -> bytes:
    """A digest of what Pagefind reads of a page: its bytes without the elements marked `data-pagefind-ignore`
    (Pagefind takes no word, anchor or heading from them) unless they hold a filter, sort key or meta field
    (which it reads even there). A page whose only change is there, such as an older meeting's link to the
    next meeting or a paper's "Mentioned in" list, is the same page to the search index, and its part is not
    indexed again. Works on the HTML the templates write, which is well formed (tested by the Nu checker)."""
    kept, at = [], 0
    while (found := page.find(IGNORED, at)) != -1:
        start = page.rfind(b"<", at, found)
        inside_a_tag = start != -1 and b">" not in page[start:found]  # not words about the attribute
        tag = page[start + 1:found].split(None, 1)[0] if inside_a_tag else b""
        end = _element_end(page, tag, found) if tag.isalnum() and tag.lower() not in VOID_TAGS else None
        if end is None or READ_WHERE_IGNORED_RE.search(page, start, end):
            kept.append(page[at:found + len(IGNORED)])
            at = found + len(IGNORED)
            continue
        kept.append(page[at:start])
        at = end
    kept.append(page[at:])
    return hashlib.blake2b(_without_links(b"".join(kept)), digest_size=16).digest()


_LINK = re.compile(rb'<a(?:\s+(?:href|class|download|rel|hreflang|type)(?:="[^"<>]*")?)*\s*>')  # none that
# Pagefind reads: no id (an anchor of a sub-result), no data-pagefind-* attribute


def _without_links(read: bytes) -> bytes:
    """What Pagefind reads, without its links' tags (their words stay): where a link goes is not indexed, so a
    cross-link that appears in a page's text, as when an older pack's minutes name the date of a meeting added
    since, does not make its part be indexed again. Unless the page has a link with any other attribute,
    whose tags are then kept as they are."""
    without, links = _LINK.subn(b"", read)
    if links != sum(read.count(b"<a" + after) for after in (b" ", b">", b"\n", b"\t", b"\r")):
        return read
    return without.replace(b"</a>", b"")


def _element_end(page: bytes, tag: bytes, inside: int) -> int | None:
    """Where the element named `tag` whose opening tag holds offset `inside` ends (after its closing tag), or
    None if it does not."""
    depth = 1
    for found in _tags_named(tag).finditer(page, inside):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return None


@functools.lru_cache(maxsize=64)
def _tags_named(tag: bytes) -> re.Pattern:
    return re.compile(rb"<(/?)" + re.escape(tag) + rb"[\s>]")


def pagefind_binary() -> str:
    """The Pagefind binary that indexes the site, as `python -m pagefind` finds it (`PAGEFIND_BINARY_PATH`, then
    the installed `pagefind_bin` packages, then the PATH), with that setting: a build made with another is
    not the same build (`incremental.unchanged`)."""
    return f"{get_executable()}|{os.environ.get('PAGEFIND_BINARY_PATH', '')}"


def _pagefind(site: Path, log: Log, *options: str) -> bool:
    # Pagefind's own binary, found as `python -m pagefind` finds it, without starting Python to find it
    # (a tenth of a second a run, and a large archive has dozens of runs)
    binary = get_executable()
    command = [str(binary) if binary else sys.executable, *(() if binary else ("-m", "pagefind")),
               "--site", str(site), "--silent", *options]
    try:
        run = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as problem:
        log.warn("", None, f"the search index was not built ({problem}).", INSTALL)
        return False
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
        log.warn("", None, f"the search index was not built (Pagefind said: {detail[0]}).", INSTALL)
        return False
    return True


def _encoded(data) -> bytes:
    return gzip.compress(MAGIC + cbor2.dumps(data), mtime=0)


def make_deterministic(bundle: Path) -> None:
    """Pagefind 1.5 writes each filter's values in a different order on every run (and names the files by
    their bytes), so the same site gave a different index each time. Put the values and the list of filters
    in order, and name the files afresh, so that the same content builds byte-identical files."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_pf(meta_path)
        filters = []
        for name, old in meta[3]:  # [[filter name, file hash], …]
            old_path = bundle / "filter" / f"{old}.pf_filter"
            data = read_pf(old_path)  # [filter name, [[value, [page numbers]], …]]
            data[1] = sorted(data[1], key=lambda value: value[0])
            blob = _encoded(data)
            new = f"{language}_{hashlib.sha256(blob).hexdigest()[:7]}"
            old_path.unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(blob)
            filters.append([name, new])
        meta[3] = sorted(filters)
        blob = _encoded(meta)
        info["hash"] = f"{language}_{hashlib.sha256(blob).hexdigest()[:13]}"
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(blob)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
