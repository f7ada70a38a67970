"""Write the site: every page rendered from its context (`contexts.pages`), the acronyms and key terms of
its source texts marked as it renders (`marking.PageMarking`), each document's plain text, feeds, the
calendar, the sitemap and the open data. Only this module and `search` write output."""
from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from ..config import SiteConfig
from ..connect.glossary import glossary_for
from ..connect.synonyms import WeightedTerms
from ..connect.topics import document_text
from ..incremental.cache import Memo
from ..incremental.recycle import sweep
from ..incremental.reuse import Lookups, Reuse, page_key
from ..model import Archive, Document
from ..read.text import plain
from ..search.index import IndexedPage, page_digest
from ..workers import in_order
from .contexts import pages
from .feeds import EVENT_KEY, meetings_calendar, papers_feed, robots, sitemap, topic_feed
from .filters import display_title_for, environment, relative, text_file_name
from .marking import PageMarking
from .opendata import DOCUMENT_KEY, archive_json


def copy_originals(archive: Archive, root: Path, out: Path) -> None:
    """Publish the PDFs the site was built from, beside their pages (at `Original.url`)."""
    for original in archive.originals.values():
        target = out / "papers" / original.source.split("/", 1)[1]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / original.source, target)


@dataclass
class Rendered:
    pages: int = 0
    indexed: dict[str, IndexedPage] = field(default_factory=dict)  # what the search stage is told of each page
    # it may index (those with `SearchData`), by its file in the site
    write_shared: Callable[[], list] = lambda: []  # writes the files every page shares (feeds, calendar,
    # sitemap, the 404 page, the open data): called once the pages are written, while the search stage indexes
    # them (none of these files is indexed); returns what `Reuse.noted` takes of each


def render_site(archive: Archive, config: SiteConfig, templates: Path, out: Path, reuse: Reuse | None = None,
                jobs: int = 1, recycled: bool = False, memo: Memo | None = None) -> Rendered:
    """Write every page and each document's plain-text version into `out`, and say how to write the files they
    share (`Rendered.write_shared`). With `reuse`, pages and text files made from the same inputs as the
    published ones are linked, not made again. The pages and text files are shared out among up to `jobs`
    processes (`workers`), a run of them each, and what each made is noted here in the pages' order, as if one
    process had made them all. A `recycled` `out` is an earlier site (`incremental.recycle`): all but the
    files this build makes or keeps are deleted from it first. `memo` keeps what the calendar's events were
    made into."""
    env = environment(templates)
    lookups = Lookups(archive)  # the templates see the archive only through this, so their lookups are known
    env.filters["display_title"] = env.globals["display_title"] = display_title_for(lookups)
    weighted = WeightedTerms(archive.glossary, [k for t in config.topics for k in t.keywords])
    all_pages = pages(archive, config)
    shared = shared_files(archive, config, env, all_pages, memo)
    if recycled:
        sweep(out, {*(page_file(path) for path, _, _ in all_pages), *map(text_file, archive.documents),
                    *(name for name, _ in shared)})

    def make_page(path: str, template: str, context: dict) -> tuple[str, bytes, bool]:
        """Write the page (or keep the published one): its file's name in the site, its digest, and whether it
        was kept."""
        name = page_file(path)
        target = out / name
        key, records = page_key((template, path, context)) if reuse else (b"", [])
        meeting, doc = context.get("meeting"), context.get("doc")
        glossary = glossary_for(archive, meeting.id if meeting else None, doc.id if doc else None)
        digest = reuse.keep(name, key, target, glossary) if reuse else None
        if digest is not None:
            return name, digest, True
        lookups.seen = dict.fromkeys(records)
        marking = PageMarking(glossary, weighted if "search" in context else None, config.meanings,
                              relative("/glossary/", path) if path != "/glossary/" else None,
                              context.get("spells_out") or (document_text(doc) if doc else ""))
        page = env.get_template(template).render(site=config, archive=lookups, page_url=path, marking=marking,
                                                 rel=lambda target, p=path: relative(target, p), **context).encode("utf-8")
        digest = page_digest(page)
        write_bytes(target, page)
        if reuse:
            reuse.made(name, key, list(lookups.seen), target, marking.words(), glossary, digest)
        return name, digest, False

    def make_text(doc: Document) -> tuple[str, bytes, bool]:
        name = text_file(doc)
        key = reuse.current("document", doc.id) if reuse else b""
        if reuse and reuse.keep(name, key, out / name) is not None:
            return name, b"", True
        write(out / name, plain_text(doc))
        if reuse:
            reuse.made(name, key, (), out / name)
        return name, b"", False

    def make_run(run: tuple[str, int, int]) -> list[tuple[str, bytes, object, bool]]:
        """Each file of a run of pages or text files: (its name, its digest, how it was made, whether it was
        kept). Run in a worker, whose own notes go with the process: the notes of the files it made come back
        with the names (of a file it kept, the note is the published file's, which `Reuse.noted` has)."""
        kind, start, end = run
        made = []
        for number in range(start, end):
            name, digest, kept = make_page(*all_pages[number]) if kind == "page" else make_text(archive.documents[number])
            made.append((name, digest, reuse.notes.get(name) if reuse and not kept else None, kept))
        return made

    rendered = Rendered()
    searched = {number: context["search"].sort for number, (_, _, context) in enumerate(all_pages) if "search" in context}
    runs = [*runs_of("page", len(all_pages), jobs), *runs_of("text", len(archive.documents), jobs)]
    for (kind, start, _), made in zip(runs, in_order(make_run, runs, jobs)):
        for number, (name, digest, note, kept) in enumerate(made, start=start):
            if reuse and (kept or note is not None):
                reuse.noted(name, note, kept)
            if kind == "page" and number in searched:
                rendered.indexed[name] = IndexedPage(digest, searched[number])
        rendered.pages += len(made) if kind == "page" else 0
    rendered.write_shared = functools.partial(write_shared, shared, out, reuse, memo)
    rendered.pages += 1  # the 404 page
    return rendered


def page_file(path: str) -> str:
    """The file of the page at `path` (an address in the site), as a path in the site."""
    return f"{path.strip('/')}/index.html".lstrip("/")


def text_file(doc: Document) -> str:
    """The file of the document's plain-text version, as a path in the site."""
    return f"{doc.url.strip('/')}/{text_file_name(doc)}"


CALENDAR = "meetings.ics"
OPEN_DATA = "data/archive.json"
MEMOISED = {CALENDAR: EVENT_KEY, OPEN_DATA: DOCUMENT_KEY}  # the shared files whose parts are kept in the memo


def shared_files(archive: Archive, config: SiteConfig, env, all_pages,
                 memo: Memo | None = None) -> list[tuple[str, Callable[[], bytes]]]:
    """The files every page shares, each with what makes it: the feeds, the calendar, the sitemap, robots.txt,
    the 404 page, the open data."""
    root = urlsplit(config.base_url).path.rstrip("/")  # a 404 page is served at any address: links from the root
    title = env.filters["display_title"]
    return [
        *((f"topics/{topic.slug}/feed.xml", lambda topic=topic: topic_feed(
            archive, config, topic, archive.topics[topic.slug].documents, title)) for topic in config.topics),
        ("feed.xml", lambda: papers_feed(archive, config, title)),
        (CALENDAR, lambda: meetings_calendar(archive, config, memo)),
        ("sitemap.xml", lambda: sitemap(config, [path for path, _, _ in all_pages]).encode("utf-8")),
        ("robots.txt", lambda: robots(config).encode("utf-8")),
        ("404.html", lambda: env.get_template("404.html").render(
            site=config, archive=archive, page_url="/404.html", rel=lambda target: root + target).encode("utf-8")),
        (OPEN_DATA, lambda: archive_json(archive, memo).encode("utf-8")),
    ]


def write_shared(files: list[tuple[str, Callable[[], bytes]]], out: Path, reuse: Reuse | None,
                 memo: Memo | None = None) -> list[tuple]:
    """Write the files every page shares. They are made from the whole archive, which the packs (their cache
    keys: text, sidecar, reading settings, code), the settings and the templates (`reuse.salt`) decide: while
    none of them changed, the published files are kept (and, of the calendar and the open data kept, their
    events and documents' records in `memo`, for the build that makes them again). Returns each file's (name,
    note, whether it was kept), for `Reuse.noted` (no note for a file kept): this may run in another process
    (`pipeline`), whose notes, and memo, go with it."""
    whole = reuse.archive_key() if reuse else b""
    made = []
    for name, make in files:
        kept = bool(reuse) and reuse.keep(name, whole, out / name) is not None
        if not kept:
            write_bytes(out / name, make())
            if reuse:
                reuse.made(name, whole, (), out / name)
        elif name in MEMOISED and memo:
            memo.keep_earlier(MEMOISED[name])
        made.append((name, reuse.notes[name] if reuse and not kept else None, kept))
    return made


RUN = 40  # pages or text files a worker makes at a time: small enough to share out evenly, large enough that
# sending each run's notes back costs little


def runs_of(kind: str, count: int, jobs: int) -> list[tuple[str, int, int]]:
    """(kind, first, after the last) for runs of `count` files, one run if there is one job."""
    size = count if jobs <= 1 else RUN
    return [(kind, start, min(start + size, count)) for start in range(0, count, size or 1)]


def plain_text(doc: Document) -> str:
    """The document as plain text: what its page shows, without the page around it."""
    parts = [doc.title.upper() if doc.kind != "report" else doc.title, ""]
    for block in doc.blocks:
        if block.kind == "heading":
            parts += [f"{block.number}. {block.text}" if block.number else block.text, ""]
        elif block.kind == "para":
            parts += [(f"{block.number}. " if block.number else "") + plain(block.text), ""]
        elif block.kind == "list":
            parts += [*(f"- {plain(item)}" for item in block.items), ""]
        elif block.kind == "table":  # a header repeated from the table before is the page's, not the paper's
            parts += [*("\t".join(row) for row in block.rows[1 if block.extra.get("header_repeated") else 0:]), ""]
        elif block.kind == "masthead" and block.text != doc.title:
            parts += [block.text, ""]
    return "\n".join(parts).rstrip() + "\n"


def write(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write a new file. Never into an existing one: it may be a hard link to a published file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_bytes(data)
