"""Parsed packs, kept between builds and found again by the hash of what they were made from; and the
results of slow steps over each document (`Memo`), found again by the hash of their inputs.

A pack is read again only when its text, its sidecar, the settings that shape reading (committees,
footers) or the code itself have changed. The cache lives in .build-cache/ beside the output folder and
can be deleted at any time.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

from .read import pdf
from .read.pack import laid_out_only

PACKAGE = Path(__file__).resolve().parent


def code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_lasting(data: bytes):
    """Unpickle something the build keeps until it ends (a pack, the notes of the published site) with the
    garbage collector paused, then frozen out of its reach (`pipeline.build` thaws it when the build ends):
    the collector scanned these millions of objects again and again, which took two thirds of the time
    spent loading 500 cached packs."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


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


class PackCache:
    def __init__(self, folder: Path, settings: str):
        self.folder = folder
        self.salt = f"{code_version()}|{settings}"
        self.hits = self.misses = 0
        self.used: set[str] = set()
        self.keys: dict[str, str] = {}  # source path -> the key of what its pack was read from

    def key(self, source) -> str:
        digest = hashlib.sha256(self.salt.encode())
        digest.update(source.path.encode())
        digest.update(source.digest.encode())  # a PDF's bytes: the same text in new type reads differently
        digest.update("\n".join(source.lines).encode("utf-8", "surrogatepass"))
        digest.update(repr(sorted(source.sidecar.items(), key=str)).encode())
        return digest.hexdigest()

    def get(self, source):
        key = self.key(source)
        self.used.add(key)
        self.keys[source.path] = key
        path = self.folder / f"{key}.pickle"
        if path.exists():
            try:
                pack, messages = load_lasting(path.read_bytes())
                if pack is not None:
                    pack.source = source  # kept without its text (see `put`): the same, as the key says
                self.hits += 1
                return True, (pack, messages)
            except Exception:  # a damaged entry is only a slower build
                path.unlink(missing_ok=True)
        self.misses += 1
        return False, None

    def put(self, source, pack, messages) -> None:
        """Keep the pack (as `packs.laid_out_only` makes it, once it has been laid out and checked; else
        without its source text) and the messages reading it gave."""
        if pack is not None:
            pack = laid_out_only(pack) if pack.coverage else replace(pack, source=replace(pack.source, lines=()))
        write_whole(self.folder / f"{self.key(source)}.pickle",
                    pickle.dumps((pack, messages), protocol=pickle.HIGHEST_PROTOCOL))

    def prune(self) -> None:
        """Forget packs no source needs any more."""
        for path in self.folder.glob("*.pickle") if self.folder.is_dir() else ():
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


class Extractions:
    """Each PDF's text layer as `read.pdf` read it, kept as plain JSON (not a pickle: nothing in it runs when it
    is loaded) and found again by the hash of the PDF's bytes and the reader's version: a rebuild does not read
    an unchanged PDF again."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.version = f"{pdf.READER_VERSION}|{hashlib.sha256(Path(pdf.__file__).read_bytes()).hexdigest()[:16]}"

    def get(self, digest: str, path: Path):
        """The text of the PDF at `path`, whose bytes' SHA-256 is `digest` (`Source.digest`)."""
        key = hashlib.sha256(f"{self.version}|{digest}".encode()).hexdigest()
        self.used.add(key)
        kept = self.folder / f"{key}.json"
        if kept.exists():
            try:
                return pdf.from_record(json.loads(kept.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError):  # damaged: read the PDF again
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
    results a build asked for are saved, so the file does not grow with papers that are gone."""

    def __init__(self, path: Path | None):
        self.path = path
        self.earlier: dict[bytes, object] = {}
        self.used: dict[bytes, object] = {}
        self.digests: dict[str, bytes] = {}  # this build's digest of each document's text (`document_digest`)
        try:
            version, earlier = load_lasting(path.read_bytes()) if path else ("", {})
            if version == code_version():
                self.earlier = earlier
        except Exception:  # missing or damaged: only a slower build
            pass

    def get(self, key: bytes, compute):
        if key not in self.used:
            self.used[key] = self.earlier[key] if key in self.earlier else compute()
        return self.used[key]

    def save(self) -> None:
        if self.path:
            write_whole(self.path, pickle.dumps((code_version(), self.used), protocol=pickle.HIGHEST_PROTOCOL))
