"""Files kept from the published site when nothing they were made from has changed.

A page is made from the templates, the settings, its own context, the documents and meetings its template
looks up in the archive while it renders, and the glossary entries for the acronyms in its text. The build
notes a fingerprint of each of these for every page it writes; the next build renders a page again only when one of them differs, and
otherwise hard-links the published file into the new site (no copying, and the new site is never written
through a link: `render.site.write` replaces files, it never rewrites them in place).

The notes live in the build cache beside the output folder, and are trusted only for published files whose
size and modification time are still those noted, so a site edited by hand, or one built without the
notes, is rendered in full.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import os
import pickle
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .cache import CACHE_HINT, link_or_copy, read_versioned, versioned, write_whole
from ..model import Archive, Document, Meeting

NOTES = "pages.notes"  # not *.pickle: the pack cache prunes those


# A word that could be a glossary acronym: a capital and at most 11 more word characters, the whole word.
CAPITALISED_RE = re.compile(r"(?=[A-Z])(?<![\w&])[A-Z][\w&]{0,11}(?![\w&])")


def capitalised_words(main: str) -> frozenset[str]:
    """The words of a page's main content (where acronyms are marked) that could be glossary acronyms: enough
    to tell, in a later build, which glossary entries the page can use without rendering it again. A word
    with "&" counts whole and in its parts, as the acronym marking allows either. Interned: the same words
    recur on thousands of pages, and are then kept once in the notes."""
    words = set(CAPITALISED_RE.findall(main))
    words.update([part for word in words if "&" in word for part in word.split("&") if part])
    return frozenset(map(sys.intern, words))


@functools.lru_cache(maxsize=16)
def _usable_anywhere(acronyms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(acronym for acronym in acronyms if not CAPITALISED_RE.fullmatch(acronym))


class _Pickler(pickle.Pickler):
    """Pickles without its memo ("fast" mode), so equal data gives equal bytes whether or not its strings
    happen to be shared objects (as they are in a pack read from the cache)."""

    def __init__(self, buffer):
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.fast = True


class _RecordPickler(_Pickler):
    """Pickles documents and meetings by their ids only, and notes them: they are fingerprinted once each."""

    def __init__(self, buffer):
        super().__init__(buffer)
        self.records: dict[tuple[str, str], None] = {}

    def persistent_id(self, obj):
        if isinstance(obj, (Document, Meeting)):
            record = ("document" if isinstance(obj, Document) else "meeting", obj.id)
            self.records[record] = None
            return record
        return None


def fingerprint(value) -> bytes:
    """A digest of `value`'s data."""
    buffer = io.BytesIO()
    _Pickler(buffer).dump(value)
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest()


def page_key(value) -> tuple[bytes, list[tuple[str, str]]]:
    """A digest of `value` in which each document and meeting stands as its id, and the list of those."""
    buffer = io.BytesIO()
    pickler = _RecordPickler(buffer)
    pickler.dump(value)
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).digest(), list(pickler.records)


class Lookups:
    """The archive as a template sees it: each document and meeting it looks up is noted, so the page can
    be reused only while they stay the same. Templates may use nothing else of the archive."""

    def __init__(self, archive: Archive):
        self._archive = archive
        self.seen: dict[tuple[str, str], None] = {}

    def document(self, doc_id: str):
        self.seen[("document", doc_id)] = None
        return self._archive.document(doc_id)

    def meeting(self, meeting_id: str):
        self.seen[("meeting", meeting_id)] = None
        return self._archive.meeting(meeting_id)


@dataclass
class Note:
    key: bytes  # fingerprint of the template, the context and the build-wide inputs
    lookups: tuple[tuple[str, str, bytes], ...]  # (kind, id, fingerprint) of each record the template looked up
    stat: tuple[int, int]  # size and modification time of the file written
    words: frozenset[str] | None = None  # for pages: capitalised_words of the page
    terms: bytes = b""  # fingerprint of the glossary entries those words can use
    digest: bytes = b""  # of the file's bytes, for pages (the search stage tells by it what changed)


def _same_file(path: Path, stat: os.stat_result) -> bool:
    try:
        found = os.lstat(path)
    except OSError:
        return False
    return (found.st_ino, found.st_dev) == (stat.st_ino, stat.st_dev)


def document_shape(doc: Document) -> tuple:
    """All of a document but what its pack alone decides (its blocks, details and page starts): with the
    pack's cache key, what it is made from."""
    return tuple(getattr(doc, f.name) for f in dataclasses.fields(doc) if f.name not in ("blocks", "details", "pages"))


def document_fingerprint(doc: Document, pack: str) -> bytes:
    """A digest of what a document is made from: its pack's cache key (`pack`), which stands for its blocks,
    details and page starts, and all the rest of it (`document_shape`)."""
    return fingerprint((pack, document_shape(doc)))


@dataclass
class Reuse:
    """The notes of the published site, and those being made for the new one."""
    folder: Path  # the build cache
    published: Path  # the published site
    salt: bytes  # what every page depends on: code, templates, settings
    archive: Archive
    packs: dict[str, str] = field(default_factory=dict)  # source path -> the key of its pack in the pack cache
    previous: dict[str, Note] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    reused: int = 0
    _fingerprints: dict[tuple[str, str], bytes | None] = field(default_factory=dict)
    _folders: set[Path] = field(default_factory=set)  # made in the new site already (a tenth of a rebuild
    # went on asking for each kept file's folder again)

    @classmethod
    def load(cls, folder: Path, published: Path, salt, archive: Archive, packs: dict[str, str], log=None) -> "Reuse":
        reuse = cls(folder, published, fingerprint(salt), archive, packs)
        if not (folder / NOTES).exists():  # a first build, or after --no-cache: everything is rendered
            return reuse
        try:
            reuse.previous = dict(read_versioned(folder / NOTES, reuse.label) or {})
        except Exception as problem:  # noqa: BLE001 — damaged, or not ours: everything is rendered again
            if log is not None:
                log.warn("", None, f"the build cache's {NOTES} could not be read ({type(problem).__name__}: "
                         f"{problem}); every page was made again.", CACHE_HINT)
        return reuse

    def current(self, kind: str, record_id: str) -> bytes | None:
        key = (kind, record_id)
        if key not in self._fingerprints:
            try:
                record = self.archive.document(record_id) if kind == "document" else self.archive.meeting(record_id)
                # A document's blocks and details are made from its pack (`assemble.archive.build_archive`;
                # tested), and the pack from its file by this code with these settings (both in `salt`): the
                # pack's key stands for them, and is much quicker to digest. What another pack of its meeting
                # may decide goes with it: all the rest (a supplement's papers are published later, take the
                # meeting's agenda items and, untitled, the agenda's title of theirs).
                pack = self.packs.get(record.source) if kind == "document" else None
                self._fingerprints[key] = document_fingerprint(record, pack) if pack else fingerprint(record)
            except KeyError:
                self._fingerprints[key] = None
        return self._fingerprints[key]

    def archive_key(self) -> bytes:
        """A fingerprint of the whole archive: the cache keys of every source's pack (with `salt`, what the
        archive is made from, however it is put together)."""
        return fingerprint(sorted(self.packs.items()))

    def terms(self, words: frozenset[str] | None, glossary: dict[str, str]) -> bytes:
        """Fingerprint of the entries of the page's `glossary` that a page with these capitalised words can use
        (those that are not a single capitalised word of up to 12 letters can be used by any page)."""
        if words is None:
            return b""
        usable = glossary.keys() & words
        usable.update(_usable_anywhere(tuple(glossary)))
        return fingerprint(sorted((acronym, glossary[acronym]) for acronym in usable))

    def keep(self, name: str, key: bytes, target: Path, glossary: dict[str, str] | None = None) -> bytes | None:
        """Link the published file `name` (a path inside the site) to `target` if it was made from the same
        inputs (`glossary`: the one the page uses), and return the digest noted of it (b"" for files other
        than pages). Returns None when it must be made again."""
        note = self.previous.get(name)
        if note is None or note.key != key:
            return None
        if any(self.current(kind, record_id) != digest for kind, record_id, digest in note.lookups):
            return None
        if self.terms(note.words, glossary or {}) != note.terms:
            return None
        source = self.published / name
        try:
            stat = source.stat()
            if (stat.st_size, stat.st_mtime_ns) != note.stat:
                return None
            if _same_file(target, stat):  # a recycled site's file that is the published one still
                self.notes[name] = note
                return note.digest
            if target.parent not in self._folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(target.parent)
            target.unlink(missing_ok=True)  # an older file of a recycled site (`incremental.recycle`)
            link_or_copy(source, target)
        except OSError:
            return None
        self.notes[name] = note
        return note.digest

    def made(self, name: str, key: bytes, lookups, target: Path, words: frozenset[str] | None = None,
             glossary: dict[str, str] | None = None, digest: bytes = b"") -> None:
        """Note how the file just written at `target` was made."""
        stat = target.stat()
        self.notes[name] = Note(key, tuple((kind, record_id, self.current(kind, record_id)) for kind, record_id in lookups),
                                (stat.st_size, stat.st_mtime_ns), words, self.terms(words, glossary or {}), digest)

    def noted(self, name: str, note: Note | None, kept: bool) -> None:
        """Take the note a worker process made of `name` (see `render.site.render_site`), its words interned
        again (each worker's come back as strings of their own); of a file it kept, the published file's note,
        which is not sent back (this process has it: sending back the 7,000 of a rebuild and interning their
        words again took a twentieth of it)."""
        if kept:
            note = self.previous[name]
        elif note.words is not None:
            note.words = frozenset(map(sys.intern, note.words))
        self.notes[name] = note
        self.reused += kept

    def save(self) -> None:
        """Called once the new site is published: its notes become the ones the next build trusts."""
        write_whole(self.folder / NOTES, versioned(self.label, self.notes))

    @property
    def label(self) -> str:
        """What the notes were made for: this code, templates and settings (`salt`), and this published site, by
        its name beside the cache (not its whole path: a project moved, or a cache restored to another checkout,
        made every page again)."""
        return f"{self.salt.hex()}|{self.published.name}"
