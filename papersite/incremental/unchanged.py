"""A rebuild whose every input is as it was when the published site was made keeps that site as it is.

The site is a function of its inputs alone (two builds of the same inputs give byte-identical files; tested):
the files in content/, the settings file, the templates, the assets, this code with Python's and the
libraries' versions (`cache.code_version`), whether the site is searchable, and where it is published. After
each build that published a site, `stamp` notes a digest of all of these, of the published site as it was
written (every file's name, size, modification time and inode), and what the build said (its messages and
its counts). The next build computes the same digests first (`unchanged`): when both are still the same,
it says again what the last build said and publishes nothing. In every other case it builds as usual, so what
this misses is never a stale page, only time.

The inputs are read whole (their bytes are digested, not their times), so an edit that keeps a file's size
and time is still seen. Not trusted, and so always a full rebuild:
- a content, template or asset folder holding a symbolic link or anything but files and folders (what a link
  reaches is not what the walk digests);
- a build that said anything about the build as a whole (the cache could not be read, the search index
  could not be made): its next build tries again;
- a published site touched since (a file edited, added or removed).
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..messages import Message
from .cache import CACHE_HINT, code_version, read_versioned, versioned, write_whole

STAMP = "published.stamp"  # in the build cache (not *.pickle, which the pack cache prunes)


@dataclass(frozen=True)
class Said:
    """What a build said when it published the site: its messages and what its summary counts."""
    messages: tuple[Message, ...]
    meetings: int
    documents: int
    reports: int
    pages: int
    files: int  # the pages and text files the site's notes name: all of them are kept
    doubtful: int


def inputs_key(folders: dict[str, Path], files: dict[str, Path], settings: str) -> str | None:
    """A digest of every file under each of `folders` (by its name there and its bytes), of each of `files`
    (a missing one counts as missing), of `settings` and of the code; None when a folder holds what the
    digest cannot stand for (see the module)."""
    digest = hashlib.blake2b(digest_size=32)
    digest.update(f"{code_version()}|{settings}\n".encode())
    for label, folder in sorted(folders.items()):
        digest.update(f"folder {label}|{folder.is_dir()}\n".encode())
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in [*dirs, *names]:
                if not (stat.S_ISDIR(mode := os.lstat(os.path.join(root, name)).st_mode) or stat.S_ISREG(mode)):
                    return None
            for name in sorted(names):
                path = os.path.join(root, name)
                with open(path, "rb") as handle:
                    data = handle.read()
                digest.update(f"{os.path.relpath(path, folder)}|{len(data)}\n".encode("utf-8", "surrogateescape"))
                digest.update(data)
    for label, path in sorted(files.items()):
        data = path.read_bytes() if path.is_file() else b""
        digest.update(f"file {label}|{path.is_file()}|{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def site_key(site: Path) -> str:
    """A digest of the published site as it stands: every file's and folder's name, size, times and inode (the
    build writes new files and never rewrites one, so a file it kept is the same inode). The change time counts
    too: no one can set it back, so a file written again at its old size and time is still seen."""
    digest = hashlib.blake2b(digest_size=32)
    for root, dirs, names in os.walk(site):
        dirs.sort()
        for name in [*dirs, *sorted(names)]:
            path = os.path.join(root, name)
            info = os.lstat(path)
            digest.update(f"{os.path.relpath(path, site)}|{info.st_mode}|{info.st_size}|{info.st_mtime_ns}|"
                          f"{info.st_ctime_ns}|{info.st_ino}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def unchanged(cache: Path, inputs: str | None, site: Path, log) -> Said | None:
    """What the build that published `site` said, if it was made from these `inputs` and is still as written;
    otherwise None (build as usual). A stamp that cannot be read is a warning in `log`, and counts as none."""
    if inputs is None or not (cache / STAMP).is_file() or not site.is_dir():
        return None
    try:
        kept = read_versioned(cache / STAMP, inputs)  # None unless made from these inputs
    except Exception as problem:  # noqa: BLE001 — damaged, or not ours: a full build
        log.warn("", None, f"the build cache's {STAMP} could not be read ({type(problem).__name__}: {problem}); "
                 "the site was built as usual.", CACHE_HINT)
        return None
    if kept is None or kept[0] != site_key(site):
        return None
    return kept[1]


def stamp(cache: Path, inputs: str | None, site: Path, said: Said) -> None:
    """Note, once `site` is published, what it was made from and what its build said. A build that said
    something about the build as a whole leaves no stamp (and removes the last one), so the next tries again."""
    (cache / STAMP).unlink(missing_ok=True)
    if inputs is None or any(not message.source for message in said.messages):
        return
    write_whole(cache / STAMP, versioned(inputs, (site_key(site), said)))
