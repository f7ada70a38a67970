"""The build, stage by stage: read every source, put the archive together, check it, write the site,
then index it for search.

Gather all data first; write only once everything is known. The new site is
written beside the published one and swapped in only when complete, so a build
that fails or is killed leaves the published site as it was. A build whose every
input is as it was when the published site was made keeps that site, and says
again what its build said (`incremental.unchanged`).
"""
from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .assemble.archive import build_archive
from .assemble.record import lay_out
from .assemble.laidout import DamagedRecord
from .incremental.cache import CACHE_HINT, Extractions, Memo, PackCache, code_version, forget_packs, load_lasting
from .assemble.checks import Coverage, check_nothing_lost
from .config import load_config
from .connect.followups import find_follow_ups
from .connect.glossary import AcronymUses, build_glossary, glossary_uses
from .connect.members import collect_members
from .connect.crosslinks import find_links
from .messages import Log
from .model import Archive
from .read.pack import Pack, read_pack
from .connect.questions import collect_questions
from .render.site import copy_originals, render_site
from .incremental import recycle
from .incremental.reuse import Reuse
from .incremental.unchanged import Said, inputs_of, stamp, unchanged
from .search.index import index_site, pagefind_binary, search_parts
from .connect.topics import tag_archive
from .read.sources import discover, read_any
from .workers import Aside, default_jobs, in_order


CACHE = ".build-cache"  # the build cache's folder, beside the output folder
TEXTS_MEMO = "texts.memo"  # in the build cache (not *.pickle, which the pack cache prunes): what each text
# gave the slow steps over it (topics, cross-links, acronyms), found again by its hash
PDF_TEXTS = "pdf-text"  # in the build cache: each PDF's text layer, found again by the hash of its bytes
RETIRED = "retired"  # in the build cache: the published site a newer build replaced, which the next build
# makes its new site out of (`incremental.recycle`); any other is deleted
SHARED_FROM = 4  # the connect stage's steps are shared out among processes when more than a quarter of the
# packs were read afresh
PROGRESS_FROM = 50  # long builds say how far they have got
PROGRESS_EVERY = 25


@dataclass
class Result:
    archive: Archive | None  # None when nothing had changed (`unchanged`): the archive was not even read
    coverage: list[Coverage]
    pages: int
    seconds: float
    reused: int = 0  # pages and text files kept from the published site
    doubtful: int = 0  # packs whose reading the self-check doubts (their warnings say why)
    indexed: dict = field(default_factory=dict)  # what the search stage was told of each page
    # (`render.site.Rendered.indexed`)
    counts: tuple[int, int, int] = (0, 0, 0)  # meetings, documents, reports
    unchanged: bool = False  # every input was as it was: the published site was kept as it is


@dataclass(frozen=True)
class Paths:
    content: Path
    out: Path
    config: Path
    templates: Path
    assets: Path


def read(paths: Paths, log: Log, cache: PackCache | None = None, memo: Memo | None = None,
         jobs: int = 1) -> tuple[Archive, list[Pack], list[Coverage]]:
    """Gather everything: read every source into its pack's record (or find it in the cache), assemble the
    archive from the records, connect it, and prove that nothing was lost. Nothing is written but the cache.
    The packs not in the cache are read by up to `jobs` processes (`workers`), each with its own messages, given
    in the sources' order."""
    config = load_config(paths.config, log)
    packs = []
    read_now = []  # (source, the pack's record, the messages reading it gave): kept in the cache
    extractions = Extractions(cache.folder / PDF_TEXTS) if cache else None
    sources = discover(paths.content, log, extractions, config.follow_symlinks, cache.holds if cache else None)
    cached = [cache.get(source) if cache else (False, None) for source in sources]
    unread = [number for number, (hit, _) in enumerate(cached) if not hit]

    def read_one(number: int) -> tuple[Pack | None, list]:
        source, own = sources[number], Log()
        try:
            if not source.text_read:  # never so (its record was loaded as it was left unread): not read as empty
                source = read_any(paths.content.parent / source.path, source.path, own, extractions,
                                  config.follow_symlinks)
            pack = read_pack(source, config, own)
            return (lay_out(pack) if pack is not None else None), own.messages  # its record: what the cache keeps
        except Exception as problem:  # one bad file must never take the rest of the site down
            own.warn(source.path, None, f"could not be read ({type(problem).__name__}: {problem}); skipped.",
                     "Please report this with the file.")
            return False, own.messages

    # In the order of `unread`, each as the loop below meets it; sent back from a worker as a record is kept in
    # the cache, and loaded as one (`load_lasting`: the garbage collector paused, then frozen out of its reach).
    read_here = in_order(read_one, unread, jobs, receive=load_lasting)
    for number, source in enumerate(sources):
        if len(sources) >= PROGRESS_FROM and (number + 1) % PROGRESS_EVERY == 0:
            print(f"Reading {number + 1} of {len(sources)} source texts…", file=sys.stderr, flush=True)
        hit, pack = cached[number]
        if hit:
            pack, messages = pack
            log.messages.extend(messages)
        else:
            pack, messages = next(read_here)
            log.messages.extend(messages)
            if pack is False:  # could not be read: not kept, so that the next build tries again
                if cache:
                    cache.failed.append(source.path)
                continue
            read_now.append((source, pack, messages))
        if pack is not None:
            packs.append(pack)
    # The slow steps over each text are kept by its hash: worth sharing out among processes only when many
    # texts are new (a first build, new settings), not for the pack or two a rebuild adds.
    many_new = len(read_now) * SHARED_FROM > len(sources)
    memo = memo or Memo(None)
    memo.packs = cache.keys if cache else {}
    archive = connect(build_archive(packs, config, log), config, memo, jobs if many_new else 1)
    coverage = check_nothing_lost(packs, archive, log)
    log.locate_pages(sources)
    if cache:
        for source, pack, messages in read_now:
            cache.put(source, pack, messages)
        cache.report(log)
        cache.prune()
        extractions.prune()
    return archive, packs, coverage


def connect(archive: Archive, config, memo: Memo, jobs: int = 1) -> Archive:
    """Everything read and assembled: now what ties the papers together (the `connect` stage), each step
    adding to a new archive, none changing what an earlier one made. What each step works out from one text
    (kept in `memo`) is worked out by up to `jobs` processes."""
    questions = collect_questions(archive)
    glossary, spelt_out = build_glossary(archive, config.glossary, memo)
    archive = replace(archive, links=find_links(archive, memo, jobs), follow_ups=find_follow_ups(archive),
                      questions=questions, glossary=glossary, spelt_out=spelt_out,
                      topics=tag_archive(archive, config.topics, questions, memo, jobs))
    acronyms = AcronymUses(archive, memo)  # needs the glossary; the pages and the glossary's lists use them
    uses = dict(zip((doc.id for doc in archive.documents), memo.each(acronyms.of, archive.documents, jobs)))
    return replace(archive, acronym_uses=uses, glossary_entries=tuple(glossary_uses(archive, lambda d: uses[d.id][0])),
                   members=tuple(collect_members(archive, questions)))


# What the last build made (its archive, the notes of its pages, the memo…), held until the next build or the
# end of the process (see `build`).
_LAST_BUILD: list = []


def build(paths: Paths, log: Log, use_cache: bool = True, search: bool = True, jobs: int | None = None) -> Result:
    """Read, render, index and publish. What is loaded from the cache, and the archive once it is put
    together, live until the build ends: they are frozen out of the garbage collector's reach (it scanned their
    millions of objects again and again) and thawed at the end. What the build made is then held
    (`_LAST_BUILD`) rather than freed object by object as the build returns (0.2 s of a rebuild after one
    pack): `build.py` ends the process without freeing anything, and a long-lived process (`serve`) frees
    each build's when the next begins (collected then, as the templates' environment holds the archive in a
    cycle: else the next build's first freeze would keep it). A record whose blocks cannot be unpickled is
    found only when they are first used (`assemble.laidout`): the build then says so and is made again,
    reading every pack afresh, as when a record cannot be loaded at all."""
    if _LAST_BUILD:
        _LAST_BUILD.clear()
        gc.collect()
    jobs = default_jobs() if jobs is None else jobs
    first_message = len(log.messages)
    try:
        try:
            return _build(paths, log, use_cache, search, jobs, _LAST_BUILD)
        except DamagedRecord as problem:
            del log.messages[first_message:]  # the next attempt says all again
            forget_packs(paths.out.parent / CACHE)
            _LAST_BUILD.clear()
            gc.unfreeze()
            gc.collect()
            log.warn("", None, f"a pack kept in the build cache could not be read ({problem}); every pack was "
                     "read again.", CACHE_HINT)
            return _build(paths, log, use_cache, search, jobs, _LAST_BUILD)
    finally:
        gc.unfreeze()


def _build(paths: Paths, log: Log, use_cache: bool, search: bool, jobs: int, held: list) -> Result:
    started = time.perf_counter()
    recover(paths.out)
    first_message = len(log.messages)
    folders = {"content": paths.content, "templates": paths.templates, "assets": paths.assets}
    files = {"settings": paths.config}
    inputs = inputs_of(folders, files, f"search={search}|{paths.out}|{pagefind_binary()}") if use_cache else None
    said = unchanged(paths.out.parent / CACHE, inputs, paths.out, log)
    if said:  # nothing to make: say again what the build that made the published site said
        log.messages.extend(said.messages)
        return Result(None, [], said.pages, time.perf_counter() - started, said.files, said.doubtful,
                      counts=(said.meetings, said.documents, said.reports), unchanged=True)
    config = load_config(paths.config, Log())  # checked, with its warnings logged, by read()
    # What reading a pack depends on of the settings (`read.pack.read_pack`): its records are kept by it
    settings = repr((config.committees, config.council, [(f.name, f.pattern.pattern) for f in config.footers]))
    cache = PackCache(paths.out.parent / CACHE, settings) if use_cache else None
    retired = cache.folder / RETIRED if cache else None
    staging = paths.out.with_name(f".{paths.out.name}.new")
    recycled = False
    if retired:  # the new site is made out of the one the last build replaced (`incremental.recycle`)
        if staging.exists():  # a killed build's: it is put right as well as any
            try:
                recycle.retire(staging, retired)
            except OSError:
                shutil.rmtree(staging, ignore_errors=True)
        recycled = recycle.take_retired(retired, staging)
    clearing = None
    if retired and retired.exists() and any(retired.iterdir()):  # other sites earlier builds replaced: deleted
        # while this one reads and renders, by another process (a thread would take turns with this one)
        clearing = subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)",
                                     str(retired)])
    try:
        memo = Memo(cache.folder / TEXTS_MEMO if cache else None, log)
        archive, packs, coverage = read(paths, log, cache, memo, jobs)
        doubtful = sum(1 for p in packs if p.doubts and p.source.path in archive.sources)
        del packs  # the source texts and paragraphs: the archive holds all that the pages need
        if not recycled:
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
        reuse = None
        if use_cache:
            templates = sorted((p.relative_to(paths.templates).as_posix(), p.read_bytes())
                               for p in paths.templates.rglob("*") if p.is_file())
            reuse = Reuse.load(cache.folder, paths.out, (code_version(), templates, config), archive,
                                cache.keys, log)
        gc.freeze()  # the archive (see `build`)
        # Bodies whose minutes a pack carries but the settings do not name are shown as the minutes name them.
        config = replace(config, committees=config.committees + archive.bodies)
        try:
            rendered = render_site(archive, config, paths.templates, staging, reuse, jobs, recycled, memo)
        except recycle.CannotSweep as problem:  # the new site is begun afresh instead: said, in case it recurs
            log.warn("", None, f"the site the last build replaced could not be used to make this one ({problem}); "
                     "this one was made afresh.", "If this is said on every build, delete the .build-cache folder.")
            recycle.retire(staging, retired, recycle.SET_ASIDE)
            staging.mkdir()
            rendered = render_site(archive, config, paths.templates, staging, reuse, jobs, memo=memo)
        gc.collect(1)  # what rendering here left in cycles (pages made in this process), not frozen with
        gc.freeze()  # the notes of the pages made and kept, which live until the build ends too

        def the_rest() -> list:
            """What the search index does not read: the notes of the files every page shares come back."""
            shared = rendered.write_shared()
            copy_originals(archive, paths.content.parent, staging)
            memo.save()
            if paths.assets.is_dir():
                shutil.copytree(paths.assets, staging / "assets")
            return shared
        # Written by a forked process while this one makes the search index in parts (the merge is Python too, and
        # the two took turns at Python's lock), or here: before the one Pagefind run of a small site, or without
        # search, there is nothing to overlap.
        rest = Aside(the_rest, jobs if search and len(search_parts(rendered.indexed)) > 1 else 1)
        try:
            if search:  # without it (`--no-search`, tests not about search) the site has no search index
                index_site(staging, log, rendered.indexed, kept=cache.folder / "search-parts" if cache else None,
                           meanwhile=rest.result, jobs=jobs)
            shared = rest.result()  # at once: given to `meanwhile` already, or the work done now, here
        finally:
            rest.close()
        for name, note, kept in shared if reuse else ():
            reuse.noted(name, note, kept)
        if clearing:
            clearing.wait()  # before the replaced site is retired where it deletes
        publish(staging, paths.out, retired)
        counts = (len(archive.meetings), len(archive.documents), sum(1 for d in archive.documents if d.kind == "report"))
        held.extend([archive, reuse, rendered, memo, cache])
        if reuse:
            reuse.save()
            stamp(cache.folder, inputs, folders, files, paths.out,
                  Said(tuple(log.messages[first_message:]), *counts, rendered.pages, len(reuse.notes), doubtful),
                  again=bool(cache.failed))
        return Result(archive, coverage, rendered.pages, time.perf_counter() - started, reuse.reused if reuse else 0,
                      doubtful, rendered.indexed, counts)
    finally:  # a build that failed (or is made again, `build`) leaves no process deleting in the cache
        if clearing:
            clearing.wait()


def recover(out: Path) -> None:
    """A build killed between the two renames of `publish` leaves the old site beside its place: put it back."""
    old = out.with_name(f".{out.name}.old")
    if old.is_dir() and not out.exists():
        old.rename(out)


def publish(staging: Path, out: Path, retired: Path | None = None) -> None:
    """Swap the finished site in for the published one. Between the two renames (microseconds) the site is
    only under its old name, and the next build puts it back (`recover`). The site replaced is deleted, or,
    with `retired` (a folder in the build cache), moved there for the next build to make its site out of
    (`incremental.recycle`)."""
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if retired and old.exists():
        recycle.retire(old, retired)
    shutil.rmtree(old, ignore_errors=True)
