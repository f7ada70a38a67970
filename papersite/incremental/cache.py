"""Parsed packs, kept between builds and found again by the hash of what they were made from; and the
results of slow steps over each document (`Memo`), found again by the hash of their inputs.

A pack is read again only when its text, its sidecar, the settings that shape reading (committees,
footers) or the code itself have changed. The cache lives in .build-cache/ beside the output folder and
can be deleted at any time.
"""
from __future__ import annotations

import dataclasses
import enum
import functools
import gc
import hashlib
import io
import json
import os
import pickle
import shutil
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..read import pdf
from ..workers import in_order

PACKAGE = Path(__file__).resolve().parent.parent  # the whole papersite package
CACHE_HINT = "Nothing to do: it is made again. If this is said on every build, delete the .build-cache folder."
# The libraries whose output, or whose reading of the papers, is in what the cache keeps: a new version of any
# of them (or of Python) makes everything again, so an upgrade never leaves pages made by the old one.
DEPENDENCIES = ("jinja2", "markdown-it-py", "MarkupSafe", "PyYAML", "beautifulsoup4", "pagefind", "pagefind_bin",
                "pagefind_bin_extended", "feedgen", "cbor2", "icalendar", "pypdfium2")


def _installed(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """What every kept result depends on: this code, Python's version and the libraries' (`DEPENDENCIES`)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    for name in DEPENDENCIES:
        digest.update(f"|{name}={_installed(name)}".encode())
    return digest.hexdigest()[:16]


# What a cache file may hold besides plain values (str, bytes, numbers, tuples, lists, dicts): these, and the
# project's own data classes. A pickle names the callables that rebuild it, so one written by someone else
# (a cache restored from a shared CI store) could run anything as it is loaded; `KnownData` refuses all others.
PLAIN_CLASSES = {("builtins", "frozenset"), ("builtins", "set"), ("datetime", "date"), ("datetime", "datetime"),
                 ("datetime", "time"), ("datetime", "timedelta"), ("collections", "Counter"),
                 ("collections", "OrderedDict")}


class KnownData(pickle.Unpickler):
    """Unpickles plain values, the classes of `PLAIN_CLASSES` and the data classes (and enums) of this
    package; anything else is refused (`pickle.UnpicklingError`) and the file is treated as damaged."""
    project_classes = True

    def find_class(self, module: str, name: str):
        if (module, name) in PLAIN_CLASSES and self.project_classes:
            return super().find_class(module, name)
        if self.project_classes and (module == "papersite" or module.startswith("papersite.")):
            found = super().find_class(module, name)
            if isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not something the build cache keeps")


class PlainData(KnownData):
    """Unpickles plain values only (the search merge's prepared parts)."""
    project_classes = False


def load_lasting(data: bytes):
    """Unpickle (`KnownData`) something the build keeps until it ends (a pack, the notes of the published
    site) with the garbage collector paused, then frozen out of its reach (`pipeline.build` thaws it when the
    build ends): the collector scanned these millions of objects again and again, which took two thirds of the
    time spent loading cached packs. Kept because it is worth more than 5 % of a rebuild: 19 % of one after
    adding a pack to 300 when first measured; now that a record's blocks stay pickled (`assemble.laidout`),
    0.16 s for the packs and 0.28 s for the pages' notes and the texts' memo, 7 % of such a rebuild
    (`benchmarks/rebuild_steps.py`; the search merge's own pause, worth under 1 %, is gone)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return KnownData(io.BytesIO(data)).load()
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def versioned(label: str, value) -> bytes:
    """`value` pickled after a first line naming what made it (`label`), so that a later build can tell a file
    made by other code, or for another site, without unpickling it (`read_versioned`)."""
    return label.encode() + b"\n" + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def read_versioned(path: Path, label: str):
    """The value `versioned(label, …)` wrote at `path`, or None if another label made it. Raises if the file
    is damaged or holds what `KnownData` refuses."""
    data = path.read_bytes()
    first, _, rest = data.partition(b"\n")
    return load_lasting(rest) if first == label.encode() else None


def write_whole(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all: a build killed while writing leaves the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    partial.replace(path)


def link_or_copy(source, target) -> None:
    """Hard-link a file kept from an earlier build (never written through afterwards), or copy it."""
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links, or another file system
        shutil.copy2(source, target)


def _lines_digest(lines) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()


class PackCache:
    def __init__(self, folder: Path, settings: str):
        self.folder = folder
        self.salt = f"{code_version()}|{settings}"
        self.hits = self.misses = 0
        self.unreadable: list[str] = []  # entries that could not be loaded ("name: why"), read again instead
        self.used: set[str] = set()
        self.keys: dict[str, str] = {}  # source path -> the key of what its pack was read from
        self.failed: list[str] = []  # sources that could not be read (nothing kept of them: read again next time)
        self.held: dict[str, tuple | None] = {}  # records loaded by `holds`, by key, until `get` gives them

    def key(self, source) -> str:
        """What a pack's record is kept by: the settings and code (`salt`), the file's place, its bytes (a
        PDF's too: the same text in new type reads differently) and its sidecar. A source made without its
        file's digest (in a test) is known by its lines."""
        return self.key_of(source.path, source.digest or _lines_digest(source.lines), source.sidecar)

    def key_of(self, path: str, digest: str, sidecar: dict) -> str:
        key = hashlib.sha256(self.salt.encode())
        key.update(f"|{path}|{digest}|".encode())
        key.update(repr(sorted(sidecar.items(), key=str)).encode())
        return key.hexdigest()

    def holds(self, path: str, digest: str, sidecar: dict) -> bool:
        """Whether a record can be loaded for the file at `path` with these bytes and sidecar: it is loaded now
        and given by `get` (`read.sources.discover` leaves the text of such a file unread, so a record that
        cannot be loaded must be found out before it decides)."""
        key = self.key_of(path, digest, sidecar)
        self.held[key] = self._load(key)
        return self.held[key] is not None

    def get(self, source):
        key = self.key(source)
        self.used.add(key)
        self.keys[source.path] = key
        record = self.held.pop(key) if key in self.held else self._load(key)
        if record is None:
            self.misses += 1
            return False, None
        self.hits += 1
        return True, record

    def _load(self, key: str):
        """The record (pack, messages) kept by `key`, its source as it was read (the same, as the key says);
        None if there is none, or it could not be loaded (noted, and deleted)."""
        path = self.folder / f"{key}.pickle"
        if not path.exists():
            return None
        try:
            return load_lasting(path.read_bytes())
        except Exception as problem:  # noqa: BLE001 — damaged, or not ours: read the pack again
            self.unreadable.append(f"{path.name} ({type(problem).__name__}: {problem})")
            path.unlink(missing_ok=True)
            return None

    def put(self, source, pack, messages) -> None:
        """Keep the pack's record (`assemble.record.lay_out`: laid out, without its text) and the messages
        reading it gave."""
        write_whole(self.folder / f"{self.key(source)}.pickle",
                    pickle.dumps((pack, messages), protocol=pickle.HIGHEST_PROTOCOL))

    def report(self, log) -> None:
        """One warning for all the entries that could not be loaded."""
        if self.unreadable:
            count = len(self.unreadable)
            log.warn("", None, f"{count} pack{'s' if count != 1 else ''} kept in the build cache could not be read "
                     f"(first: {self.unreadable[0]}); read again from content/.", CACHE_HINT)

    def prune(self) -> None:
        """Forget packs no source needs any more."""
        forget_packs(self.folder, keeping=self.used)


def forget_packs(folder: Path, keeping: set[str] = frozenset()) -> None:
    """Delete every pack's record kept in the cache `folder` but those kept by a key in `keeping`: the rest
    are read again."""
    for path in folder.glob("*.pickle") if folder.is_dir() else ():
        if path.stem not in keeping:
            path.unlink(missing_ok=True)


class Extractions:
    """Each PDF's text layer as `read.pdf` read it, kept as plain JSON (not a pickle: nothing in it runs when it
    is loaded) and found again by the hash of the PDF's bytes and the reader's version: a rebuild does not read
    an unchanged PDF again."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.version = (f"{pdf.READER_VERSION}|{_installed('pypdfium2')}|"  # the library reads the text layer
                        f"{hashlib.sha256(Path(pdf.__file__).read_bytes()).hexdigest()[:16]}")

    def get(self, digest: str, path: Path):
        """The text of the PDF at `path`, whose bytes' SHA-256 is `digest` (`Source.digest`)."""
        key = hashlib.sha256(f"{self.version}|{digest}".encode()).hexdigest()
        self.used.add(key)
        kept = self.folder / f"{key}.json"
        if kept.exists():
            try:
                return pdf.from_record(json.loads(kept.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):  # damaged: read again
                kept.unlink(missing_ok=True)
        text = pdf.read_pdf(path)
        write_whole(kept, json.dumps(pdf.to_record(text), ensure_ascii=False).encode("utf-8"))
        return text

    def prune(self) -> None:
        for path in self.folder.glob("*.json") if self.folder.is_dir() else ():
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


class Memo:
    """Results of a slow step kept between builds, each found by the hash of all its inputs (`key`). Kept in
    one file of the cache folder, with the code's version: results of other code are not used. Only the
    results a build asked for are saved, and those `keep_earlier` carries over for a file kept whole (the
    calendar's events, the open data's records), so the file does not grow with papers that are gone."""

    def __init__(self, path: Path | None, log=None):
        self.path = path
        self.earlier: dict[bytes, object] = {}
        self.used: dict[bytes, object] = {}
        self.digests: dict[str, bytes] = {}  # this build's digest of each document's text (`document_digest`)
        self.touched: dict[bytes, object] = {}  # what `get` gave since `each` began an item
        self.new_digests: dict[str, bytes] = {}  # and the digests `digest` worked out
        self.packs: dict[str, str] = {}  # each source's pack's key in the build cache, by its path (`digest`)
        if not path or not path.exists():
            return
        try:
            self.earlier = dict(read_versioned(path, code_version()) or {})
        except Exception as problem:  # noqa: BLE001 — damaged, or not ours: everything is worked out again
            if log is not None:
                log.warn("", None, f"the build cache's {path.name} could not be read ({type(problem).__name__}: "
                         f"{problem}); what it kept was worked out again.", CACHE_HINT)

    def digest(self, doc_id: str, compute, source: str = "", first: int = 0, title: str = "") -> bytes:
        """A document's digest, worked out once a build (`connect.topics.document_digest`), and kept between
        builds by its pack's key (`packs`: the source's, by its path), its place in the pack and its title: its
        blocks are decided by its pack alone (tests/test_incremental.py checks it), its title not always (an
        untitled report in a supplement takes the agenda's title of its item). A fifth of the connect stage's
        time in a rebuild."""
        if doc_id not in self.digests:
            key = (f"digest|{self.packs[source]}|{doc_id}|{first}|{title}".encode("utf-8", "surrogatepass")
                   if source in self.packs else None)
            self.digests[doc_id] = self.new_digests[doc_id] = self.get(key, compute) if key else compute()
        return self.digests[doc_id]

    def get(self, key: bytes, compute):
        if key not in self.used:
            self.used[key] = self.earlier[key] if key in self.earlier else compute()
            self.touched[key] = self.used[key]
        return self.used[key]

    def each(self, work, items, jobs: int):
        """`work(item)` for each of `items`, in order, by up to `jobs` processes (`workers.in_order`): what
        `work` found or kept here in a worker (and the documents' digests it worked out) comes back with its
        result, so that this build uses it again and saves it for the next."""
        def one(item):
            self.touched, self.new_digests = {}, {}
            result = work(item)
            return result, self.touched, self.new_digests
        for result, touched, digests in in_order(one, items, jobs):
            self.used.update(touched)
            self.digests.update(digests)
            yield result

    def keep_earlier(self, prefix: bytes) -> None:
        """Save again the results kept under keys that begin with `prefix` that this build did not ask for: a
        file made from them was kept as it was (the calendar, whose events are kept here, or the open data, whose
        documents' records are), and they are what the next build that makes it again will ask for."""
        self.used.update({key: value for key, value in self.earlier.items()
                          if key.startswith(prefix) and key not in self.used})

    def save(self) -> None:
        if self.path:
            write_whole(self.path, versioned(code_version(), self.used))
